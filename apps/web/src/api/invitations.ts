import type { LinkedRelationship, SharingScope } from "@lantern/domain";
import { useQuery } from "@tanstack/react-query";
import { request } from "./client";

// Shapes mirror the zod contracts in packages/domain/src/identity.ts.

/** What the inviter gets back: the link, and for in-person onboarding a short code to type. */
export interface InvitationCreated {
  id: string;
  role: string;
  expiresAt: string;
  link: string;
  code: string | null;
  /** False when Lantern has no outgoing mail set up, or the invitation was not meant to be emailed. */
  emailed: boolean;
}

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

/** One invitation in the programme's list. */
export interface InvitationSummary {
  id: string;
  role: string;
  email: string | null;
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
}

/** What an invitation is for, shown before the person decides. */
export interface InvitationPreview {
  role: string;
  organisationName: string | null;
  invitedBy: string;
  email: string | null;
  expiresAt: string;
}

export interface Delivery {
  delivery: "code" | "email";
  email?: string;
}

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

/** Query keys for invitations. */
export const invitationKeys = {
  list: (organisationId: string) => ["invitations", organisationId] as const,
  preview: (token: string) => ["invitation-preview", token] as const,
};

const enc = encodeURIComponent;

/** An admin invites a clinician or another admin by email. */
export function inviteStaff(
  organisationId: string,
  input: { role: "clinician" | "programme_admin"; email: string },
): Promise<InvitationCreated> {
  return request<InvitationCreated>("POST", `/organisations/${enc(organisationId)}/invitations/staff`, input);
}

/** A clinician (or admin) invites a client, with a code to type in person or by email. */
export function inviteClient(organisationId: string, input: Delivery): Promise<InvitationCreated> {
  return request<InvitationCreated>(
    "POST",
    `/organisations/${enc(organisationId)}/invitations/client`,
    input,
  );
}

/** A client invites a partner, family member or supporter, choosing what they may see. */
export function inviteLinkedPerson(
  clientId: string,
  input: Delivery & { relationship: LinkedRelationship; scopes: SharingScope[] },
): Promise<InvitationCreated> {
  return request<InvitationCreated>("POST", `/clients/${enc(clientId)}/invitations`, input);
}

/** The programme's invitations: all of them for an admin, their own for a clinician. */
export function listInvitations(organisationId: string): Promise<InvitationSummary[]> {
  return request<InvitationSummary[]>("GET", `/organisations/${enc(organisationId)}/invitations`);
}

/** Withdraws a pending invitation, so its link or code stops working. */
export function withdrawInvitation(invitationId: string): Promise<void> {
  return request<void>("DELETE", `/invitations/${enc(invitationId)}`);
}

/** What an invitation link or code is for; 404 when it expired, was used or was withdrawn. */
export function previewInvitation(token: string): Promise<InvitationPreview> {
  return request<InvitationPreview>("GET", `/invitations/preview?${new URLSearchParams({ token })}`);
}

/** Accepts an invitation by creating a new account. */
export function acceptWithNewAccount(
  token: string,
  account: NewAccount,
): Promise<{ userId: string; role: string }> {
  return request("POST", "/invitations/accept", { token, account });
}

/** Accepts an invitation into the account that is signed in. */
export function acceptSignedIn(token: string): Promise<{ userId: string; role: string }> {
  return request("POST", "/invitations/accept-signed-in", { token });
}

/** The programme's invitations. */
export function useInvitations(organisationId: string) {
  return useQuery({
    queryKey: invitationKeys.list(organisationId),
    queryFn: () => listInvitations(organisationId),
  });
}

/** The preview of one invitation, once there is a token or code to ask about. */
export function useInvitationPreview(token: string | undefined) {
  return useQuery({
    queryKey: invitationKeys.preview(token ?? ""),
    queryFn: () => previewInvitation(token ?? ""),
    enabled: Boolean(token),
    staleTime: 60_000,
  });
}
