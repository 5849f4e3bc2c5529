import type { ColumnType, Insertable, Selectable } from "kysely";

/** An instant: an ISO string on SQLite, a Date from PostgreSQL's timestamptz. Read it with toIso(). */
export type Timestamp = ColumnType<Date | string, Date | string, Date | string>;
/** A boolean: 0/1 on SQLite, a real boolean on PostgreSQL. */
export type Bool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface InstanceSettingsTable {
  key: string;
  value: string;
  created_at: Timestamp;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  time_zone: string;
  kind: "residential" | "outpatient" | "both";
  created_at: Timestamp;
}

/** better-auth's user model, mapped to snake_case columns. */
export interface UsersTable {
  id: string;
  name: string;
  email: string;
  email_verified: Bool;
  image: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token: string;
  expires_at: Timestamp;
  ip_address: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountsTable {
  id: string;
  user_id: string;
  account_id: string;
  provider_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: Timestamp | null;
  refresh_token_expires_at: Timestamp | null;
  scope: string | null;
  password: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VerificationsTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  /** Null only for the instance owner, whose role spans the installation. */
  organisation_id: string | null;
  role: string;
  created_at: Timestamp;
}

export interface ClientsTable {
  id: string;
  user_id: string;
  organisation_id: string | null;
  time_zone: string;
  created_at: Timestamp;
}

export interface CareTeamMembersTable {
  client_id: string;
  clinician_user_id: string;
  assigned_by_user_id: string;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  organisation_id: string | null;
  role: string;
  email: string | null;
  token_hash: string;
  /** For a linked person (partner, family, supporter): the client who invited them. */
  client_id: string | null;
  /** JSON array of sharing scopes given on acceptance (linked people only). */
  scopes: string;
  invited_by_user_id: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by_user_id: string | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface GrantsTable {
  id: string;
  client_id: string;
  grantee_user_id: string;
  relationship: string;
  scopes: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface BreakGlassTable {
  id: string;
  clinician_user_id: string;
  client_id: string;
  reason: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** bigint comes back as a number (see dialect.ts) on PostgreSQL and as a number on SQLite. */
export interface AuditEventsTable {
  seq: number;
  id: string;
  at: Timestamp;
  actor_user_id: string | null;
  actor_role: string | null;
  organisation_id: string | null;
  client_id: string | null;
  record_type: string;
  record_id: string | null;
  action: string;
  outcome: string;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** The whole database, one entry per table. */
export interface Database {
  clients: ClientsTable;
  care_team_members: CareTeamMembersTable;
  invitations: InvitationsTable;
  grants: GrantsTable;
  break_glass: BreakGlassTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  instance_settings: InstanceSettingsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  accounts: AccountsTable;
  verifications: VerificationsTable;
  memberships: MembershipsTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;

/** Reads a Timestamp column as an ISO string, whichever dialect stored it. */
export function toIso(value: Date | string): string {
  return typeof value === "string" ? new Date(value).toISOString() : value.toISOString();
}
