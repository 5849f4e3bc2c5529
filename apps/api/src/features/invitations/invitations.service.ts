import { NewPassword, type Role, type SharingScope, uuidv7 } from "@lantern/domain";
import type { Actor } from "../../access/actor.js";
import { appendAudit } from "../../audit/audit.js";
import type { Db } from "../../db/dialect.js";
import type { Executor } from "../../db/executor.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { findUserByEmail, insertMembership } from "../accounts/accounts.repository.js";
import { prepareAccount, storeAccount } from "../accounts/accounts.service.js";
import { addCareTeamMember, insertClient, isClinicianOf } from "../clients/clients.repository.js";
import { insertGrant } from "../grants/grants.repository.js";
import { hashToken, newLinkToken, newOneTimeCode } from "./invitation-token.js";
import {
  findById,
  findByTokenHash,
  insertInvitation,
  listForOrganisation,
  markAccepted,
  markRevoked,
} from "./invitations.repository.js";

const hours = (n: number) => n * 60 * 60 * 1000;
/** Emailed links last a week; a code shown on screen is for today's session in person. */
export const linkLifetimeMs = hours(24 * 7);
export const codeLifetimeMs = hours(24);

/** Sends an invitation email; returns false when mail is not configured. */
export type InvitationMailer = (to: string, link: string) => Promise<boolean>;

export interface InvitationDeps {
  db: Db;
  publicUrl: string;
  sendInvitation: InvitationMailer;
}

interface NewInvitation {
  organisationId: string | null;
  role: Role;
  email: string | null;
  delivery: "email" | "code";
  clientId: string | null;
  scopes: SharingScope[];
  /** How the inviter stands to the client, for the audit; a client inviting is "self". */
  actorRole?: string | null;
  /** More writes that commit with the invitation (e.g. the record it is for). */
  alongside?: (trx: Executor, invitationId: string) => Promise<void>;
}

async function create(
  deps: InvitationDeps,
  actor: Actor,
  spec: NewInvitation,
  requestId: string,
  now = new Date(),
) {
  const token = spec.delivery === "code" ? newOneTimeCode() : newLinkToken();
  const expiresAt = new Date(now.getTime() + (spec.delivery === "code" ? codeLifetimeMs : linkLifetimeMs));
  const id = uuidv7(now.getTime());
  await deps.db.kysely.transaction().execute(async (trx) => {
    await insertInvitation(trx, {
      id,
      organisation_id: spec.organisationId,
      role: spec.role,
      email: spec.email,
      token_hash: hashToken(token),
      client_id: spec.clientId,
      scopes: JSON.stringify(spec.scopes),
      invited_by_user_id: actor.userId,
      expires_at: expiresAt,
      accepted_at: null,
      accepted_by_user_id: null,
      revoked_at: null,
      created_at: now,
    });
    await appendAudit(
      deps.db,
      {
        actorUserId: actor.userId,
        // A client inviting someone acts on their own record: "self" keeps it out of "who has looked".
        actorRole: spec.actorRole !== undefined ? spec.actorRole : spec.clientId ? "self" : null,
        organisationId: spec.organisationId,
        clientId: spec.clientId,
        recordType: "invitation",
        recordId: id,
        action: "create",
        outcome: "allowed",
        requestId,
        ip: null,
      },
      trx,
      now,
    );
    if (spec.alongside) await spec.alongside(trx, id);
  });
  const link = `${deps.publicUrl}/invite?token=${encodeURIComponent(token)}`;
  const emailed =
    spec.delivery === "email" && spec.email ? await deps.sendInvitation(spec.email, link) : false;
  return {
    id,
    role: spec.role,
    expiresAt: expiresAt.toISOString(),
    link,
    code: spec.delivery === "code" ? token : null,
    emailed,
  };
}

/** An admin invites a clinician or another admin to the programme by email. */
export function inviteStaff(
  deps: InvitationDeps,
  actor: Actor,
  organisationId: string,
  role: Role,
  email: string,
  requestId: string,
) {
  return create(
    deps,
    actor,
    { organisationId, role, email, delivery: "email", clientId: null, scopes: [] },
    requestId,
  );
}

/** A clinician (or admin) invites a client, by email or with a code for onboarding in person. */
export function inviteClient(
  deps: InvitationDeps,
  actor: Actor,
  organisationId: string,
  body: { delivery: "email" | "code"; email?: string | undefined },
  requestId: string,
) {
  const email = body.email ?? null;
  return create(
    deps,
    actor,
    { organisationId, role: "client", email, delivery: body.delivery, clientId: null, scopes: [] },
    requestId,
  );
}

/** A client invites a partner, family member or supporter, choosing from the start what they may see. */
export async function inviteLinkedPerson(
  deps: InvitationDeps,
  actor: Actor,
  client: { clientId: string; organisationId: string | null },
  body: {
    relationship: "partner" | "family_member" | "supporter";
    scopes: SharingScope[];
    delivery: "email" | "code";
    email?: string | undefined;
  },
  requestId: string,
) {
  if (body.email && body.email.toLowerCase() === actor.email.toLowerCase())
    throw new HttpProblem(400, "validation", "You cannot share your record with yourself.", undefined, [
      { field: "email", message: "Enter the email of the person you want to share with." },
    ]);
  return create(
    deps,
    actor,
    {
      organisationId: client.organisationId,
      role: body.relationship,
      email: body.email ?? null,
      delivery: body.delivery,
      clientId: client.clientId,
      scopes: [...new Set(body.scopes)],
    },
    requestId,
  );
}

/**
 * Staff invite a partner or family member enrolled in the family programme: the same linked-person
 * invitation, sharing nothing of the client's record (the client can share later as usual), written
 * together with the participant's record.
 */
export function inviteFamilyParticipant(
  deps: InvitationDeps,
  actor: Actor,
  client: { clientId: string; organisationId: string | null },
  body: { relationship: "partner" | "family_member"; delivery: "email" | "code"; email?: string | undefined },
  actorRole: string,
  alongside: (trx: Executor, invitationId: string) => Promise<void>,
  requestId: string,
) {
  return create(
    deps,
    actor,
    {
      organisationId: client.organisationId,
      role: body.relationship,
      email: body.email ?? null,
      delivery: body.delivery,
      clientId: client.clientId,
      scopes: [],
      actorRole,
      alongside,
    },
    requestId,
  );
}

function status(row: { accepted_at: unknown; revoked_at: unknown; expires_at: Date | string }, now: Date) {
  if (row.accepted_at) return "accepted" as const;
  if (row.revoked_at) return "revoked" as const;
  return new Date(toIso(row.expires_at)) <= now ? ("expired" as const) : ("pending" as const);
}

/** The programme's invitations: all of them for an admin, a clinician's own for a clinician. */
export async function listInvitations(db: Db, actor: Actor, organisationId: string, now = new Date()) {
  const isAdmin = actor.memberships.some(
    (m) => m.organisationId === organisationId && m.role === "programme_admin",
  );
  const rows = await listForOrganisation(db.kysely, organisationId, isAdmin ? undefined : actor.userId);
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    email: r.email,
    status: status(r, now),
    expiresAt: toIso(r.expires_at),
    createdAt: toIso(r.created_at),
  }));
}

/** The inviter or the programme's admin can withdraw a pending invitation; anyone else gets 404. */
export async function revokeInvitation(db: Db, actor: Actor, invitationId: string, requestId: string) {
  const row = await findById(db.kysely, invitationId);
  const mayRevoke =
    row &&
    (row.invited_by_user_id === actor.userId ||
      actor.memberships.some(
        (m) => m.organisationId === row.organisation_id && m.role === "programme_admin",
      ));
  if (!row || !mayRevoke) throw new HttpProblem(404, "notFound", "Not found.");
  const now = new Date();
  await db.kysely.transaction().execute(async (trx) => {
    if (!(await markRevoked(trx, invitationId, now))) {
      throw new HttpProblem(409, "conflict", "This invitation was already used or withdrawn.");
    }
    await appendAudit(
      db,
      {
        actorUserId: actor.userId,
        actorRole: null,
        organisationId: row.organisation_id,
        clientId: row.client_id,
        recordType: "invitation",
        recordId: invitationId,
        action: "revoke",
        outcome: "allowed",
        requestId,
        ip: null,
      },
      trx,
      now,
    );
  });
}

const gone = () =>
  new HttpProblem(
    404,
    "notFound",
    "This invitation cannot be used.",
    "It may have expired, been used or been withdrawn. Ask for a new one.",
  );

async function pendingInvitation(db: Db, token: string, now: Date) {
  const row = await findByTokenHash(db.kysely, hashToken(token));
  if (!row || status(row, now) !== "pending") throw gone();
  return row;
}

/** What an invitation is for, so the person can decide before creating an account. */
export async function previewInvitation(db: Db, token: string, now = new Date()) {
  const row = await pendingInvitation(db, token, now);
  return {
    role: row.role,
    organisationName: row.organisation_name,
    invitedBy: row.inviter_name,
    email: row.email,
    expiresAt: toIso(row.expires_at),
  };
}

type Pending = Awaited<ReturnType<typeof pendingInvitation>>;

/** Gives the accepting user what the invitation promised, inside the accepting transaction. */
async function grantRole(db: Executor, invitation: Pending, userId: string, now: Date) {
  const role = invitation.role as Role;
  if (role === "partner" || role === "family_member" || role === "supporter") {
    if (!invitation.client_id) throw new Error("a linked-person invitation without a client");
    // Sharing one's own record with oneself would open every scope route to a second "self".
    const client = await db
      .selectFrom("clients")
      .select("user_id")
      .where("id", "=", invitation.client_id)
      .executeTakeFirst();
    if (client?.user_id === userId)
      throw new HttpProblem(
        400,
        "validation",
        "This invitation is for someone you share your record with, not for you.",
        "Send the link to the person you want to share with.",
      );
    await insertGrant(db, {
      id: uuidv7(),
      clientId: invitation.client_id,
      granteeUserId: userId,
      relationship: role,
      scopes: JSON.parse(invitation.scopes) as string[],
      now,
    });
  }
  if (role === "client") {
    const clientId = uuidv7();
    await insertClient(db, {
      id: clientId,
      userId,
      organisationId: invitation.organisation_id,
      timeZone: invitation.time_zone ?? "UTC",
      now,
    });
    // The clinician who invited the client starts on their care team.
    if (
      invitation.organisation_id &&
      (await isClinicianOf(db, invitation.invited_by_user_id, invitation.organisation_id))
    ) {
      await addCareTeamMember(db, {
        clientId,
        clinicianUserId: invitation.invited_by_user_id,
        assignedBy: invitation.invited_by_user_id,
        now,
      });
    }
  }
  const existing = await db
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("role", "=", role)
    .where((eb) =>
      invitation.organisation_id === null
        ? eb("organisation_id", "is", null)
        : eb("organisation_id", "=", invitation.organisation_id),
    )
    .executeTakeFirst();
  if (!existing) {
    await insertMembership(db, {
      id: uuidv7(),
      userId,
      organisationId: invitation.organisation_id,
      role,
      now,
    });
  }
}

async function accept(
  db: Db,
  invitation: Pending,
  userId: string,
  now: Date,
  requestId: string,
  before?: (trx: Executor) => Promise<void>,
) {
  await db.kysely.transaction().execute(async (trx) => {
    if (before) await before(trx);
    if (!(await markAccepted(trx, invitation.id, userId, now))) throw gone();
    await grantRole(trx, invitation, userId, now);
    await appendAudit(
      db,
      {
        actorUserId: userId,
        actorRole: invitation.role,
        organisationId: invitation.organisation_id,
        clientId: invitation.client_id,
        recordType: "invitation",
        recordId: invitation.id,
        action: "accept",
        outcome: "allowed",
        requestId,
        ip: null,
      },
      trx,
      now,
    );
  });
}

/** Accepting with a new account: the account, the role and the acceptance commit together. */
export async function acceptWithNewAccount(
  db: Db,
  token: string,
  account: { name: string; email: string; password: string },
  requestId: string,
  now = new Date(),
) {
  const invitation = await pendingInvitation(db, token, now);
  const password = NewPassword.safeParse(account.password);
  if (!password.success) {
    throw new HttpProblem(400, "validation", "Some fields need attention.", undefined, [
      {
        field: "account.password",
        message: password.error.issues[0]?.message ?? "Choose a longer password.",
      },
    ]);
  }
  if (await findUserByEmail(db.kysely, account.email)) {
    throw new HttpProblem(
      409,
      "conflict",
      "You already have a Lantern account.",
      "Sign in first, then open the invitation again.",
      [{ field: "account.email", message: "Sign in with this email, then accept." }],
    );
  }
  const prepared = await prepareAccount(account);
  // The account is created without a role; grantRole gives it the invitation's.
  await accept(db, invitation, prepared.id, now, requestId, (trx) =>
    storeAccount(trx, prepared, null, null, now, "account.email"),
  );
  return { userId: prepared.id, role: invitation.role };
}

/** Accepting while signed in: a person can hold different roles in different programmes. */
export async function acceptSignedIn(
  db: Db,
  token: string,
  actor: Actor,
  requestId: string,
  now = new Date(),
) {
  const invitation = await pendingInvitation(db, token, now);
  await accept(db, invitation, actor.userId, now, requestId);
  return { userId: actor.userId, role: invitation.role };
}
