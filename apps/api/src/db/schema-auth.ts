import type { ColumnType } from "kysely";
import type { Bool, Timestamp } from "./schema.js";

/**
 * The tables and columns of two-factor sign-in, session limits and sign-in throttling (migration
 * 2026-11-25T1100-two-factor), merged into the Database interface declared in schema.ts.
 */

/** A boolean column with a database default, so inserts may leave it out. */
type DefaultedBool = ColumnType<boolean | number, boolean | number | undefined, boolean | number>;

/** better-auth's two-factor model: the encrypted TOTP secret and recovery codes of one user. */
export interface TwoFactorsTable {
  id: string;
  user_id: string;
  secret: string;
  backup_codes: string;
  verified: DefaultedBool;
  failed_verification_count: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
}

/** Failed sign-ins per key (an account or an address, hashed); see features/auth/throttle.service.ts. */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

/** Authenticator codes accepted recently, so each works only once (RFC 6238 §5.2). */
export interface TwoFactorUsedCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp;
}

declare module "./schema.js" {
  interface UsersTable {
    two_factor_enabled: DefaultedBool;
  }
  interface SessionsTable {
    /** Updated at most once a minute; null until the first request after sign-in. */
    last_active_at: Timestamp | null;
    /** When this session proved a second factor; null for sessions that never did. */
    two_factor_verified_at: Timestamp | null;
  }
  interface Database {
    two_factors: TwoFactorsTable;
    auth_throttle: AuthThrottleTable;
    two_factor_used_codes: TwoFactorUsedCodesTable;
  }
}
