import { z } from "zod";
import { Email } from "./contracts.js";

/** People a client can link to their record; each sees only the scopes granted to them. */
export const LinkedRelationship = z.enum(["partner", "family_member", "supporter"]);
export type LinkedRelationship = z.infer<typeof LinkedRelationship>;

/**
 * Kinds of data a client can share with a linked person. The features that hold the data arrive
 * later; the grant mechanism is in place now. Off by default: a grant lists what it allows.
 */
export const SharingScope = z.enum([
  "sos_alerts",
  "sobriety_summary",
  "check_in_summary",
  "three_circles",
  "recovery_plan",
  "profile",
  // That a slip happened, on which day: never its details.
  "slips",
  // Journal entries the client picks for the people they share with.
  "journal",
]);
export type SharingScope = z.infer<typeof SharingScope>;

/** How the invited person receives the invitation. */
export const InvitationDelivery = z.enum(["email", "code"]);

export const StaffInvitationRequest = z.strictObject({
  role: z.enum(["clinician", "programme_admin"]),
  email: Email,
});

export const ClientInvitationRequest = z
  .strictObject({ delivery: InvitationDelivery, email: Email.optional() })
  .refine((v) => v.delivery === "code" || v.email !== undefined, {
    path: ["email"],
    message: "Enter the email address to send the invitation to.",
  });

export const LinkedInvitationRequest = z
  .strictObject({
    relationship: LinkedRelationship,
    scopes: z.array(SharingScope).max(SharingScope.options.length),
    delivery: InvitationDelivery,
    email: Email.optional(),
  })
  .refine((v) => v.delivery === "code" || v.email !== undefined, {
    path: ["email"],
    message: "Enter the email address to send the invitation to.",
  });

/** What the inviter gets back: the link, and for in-person onboarding a short code to type. */
export const InvitationCreated = z.object({
  id: z.string(),
  role: z.string(),
  expiresAt: z.string(),
  link: z.string(),
  code: z.string().nullable(),
  emailed: z.boolean(),
});

export const InvitationSummary = z.object({
  id: z.string(),
  role: z.string(),
  email: z.string().nullable(),
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: z.string(),
  createdAt: z.string(),
});

export const InvitationPreview = z.object({
  role: z.string(),
  organisationName: z.string().nullable(),
  invitedBy: z.string(),
  email: z.string().nullable(),
  expiresAt: z.string(),
});

export const InvitationToken = z.string().trim().min(8).max(200);

/** Accepting: signed in (the role joins the current account) or with the details of a new account. */
export const AcceptInvitationRequest = z.strictObject({
  token: InvitationToken,
  account: z
    .strictObject({
      name: z.string().trim().min(1, "Enter your name.").max(200),
      email: Email,
      password: z.string().max(512),
    })
    .optional(),
});

export const ClientSummary = z.object({
  id: z.string(),
  name: z.string(),
  organisationId: z.string().nullable(),
  careTeam: z.array(z.object({ userId: z.string(), name: z.string() })),
  /** True on the caller's own client record. */
  isSelf: z.boolean(),
  /** On a single client: how the caller may see it, and until when for emergency access. */
  access: z.object({ via: z.string(), expiresAt: z.string().nullable() }).optional(),
});

export const BreakGlassRequest = z.strictObject({
  reason: z.string().trim().min(10, "Say in a sentence why you need this record now.").max(1000),
});

export const GrantSummary = z.object({
  id: z.string(),
  granteeName: z.string(),
  relationship: LinkedRelationship,
  scopes: z.array(SharingScope),
  createdAt: z.string(),
});

export const UpdateGrantRequest = z.strictObject({
  scopes: z.array(SharingScope).max(SharingScope.options.length),
});

export const AuditEventView = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  clientId: z.string().nullable(),
  recordType: z.string(),
  recordId: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(["allowed", "denied"]),
});
