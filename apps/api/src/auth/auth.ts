import { randomInt } from "node:crypto";
import { uuidv7 } from "@lantern/domain";
import { betterAuth } from "better-auth";
import { twoFactor } from "better-auth/plugins";
import type { Config } from "../config.js";
import type { Db } from "../db/dialect.js";
import { hashPassword, verifyPassword } from "./password-hash.js";

/** The header through which Lantern hands the caller's address (as Fastify saw it) to better-auth. */
export const clientIpHeader = "x-lantern-client-ip";

/** How long an emailed password-reset link works. */
export const passwordResetTokenSeconds = 60 * 60;

/** better-auth's verification identifier prefix for password-reset tokens. */
export const passwordResetPrefix = "reset-password:";

/** Letters and digits that cannot be mistaken for each other when read off paper (no 0/o, 1/l/i). */
const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten recovery codes like "k7m2p-x9fqa": 50 bits each, lower case, easy to read aloud or type. */
export function recoveryCodes(): string[] {
  const pick = (n: number) =>
    Array.from({ length: n }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join("");
  return Array.from({ length: 10 }, () => `${pick(5)}-${pick(5)}`);
}

/** better-auth on Lantern's own database and tables (snake_case columns, UUIDv7 ids, Argon2id). */
export function createAuth(config: Config, db: Db, secret: string) {
  const timestamps = { createdAt: "created_at", updatedAt: "updated_at" };
  return betterAuth({
    appName: "Lantern",
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    secret,
    database: { db: db.kysely, type: db.dialect, transaction: true },
    telemetry: { enabled: false },
    // Lantern's routes throttle; better-auth's limiter only sees requests sent to its own handler.
    rateLimit: { enabled: false },
    emailAndPassword: {
      enabled: true,
      // Accounts come from setup, the CLI and (later) invitations; nobody signs up through better-auth.
      disableSignUp: true,
      minPasswordLength: 8,
      maxPasswordLength: 512,
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
      // Lantern issues reset tokens and sends the email itself (features/auth/password-reset.service.ts);
      // better-auth checks the token, stores the new hash and ends every session in one transaction.
      resetPasswordTokenExpiresIn: passwordResetTokenSeconds,
      revokeSessionsOnPasswordReset: true,
    },
    user: { modelName: "users", fields: { emailVerified: "email_verified", ...timestamps } },
    session: {
      modelName: "sessions",
      fields: {
        userId: "user_id",
        expiresAt: "expires_at",
        ipAddress: "ip_address",
        userAgent: "user_agent",
        ...timestamps,
      },
      expiresIn: config.clientSessionDays * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
    },
    account: {
      modelName: "accounts",
      fields: {
        userId: "user_id",
        accountId: "account_id",
        providerId: "provider_id",
        accessToken: "access_token",
        refreshToken: "refresh_token",
        idToken: "id_token",
        accessTokenExpiresAt: "access_token_expires_at",
        refreshTokenExpiresAt: "refresh_token_expires_at",
        ...timestamps,
      },
    },
    verification: {
      modelName: "verifications",
      fields: { expiresAt: "expires_at", ...timestamps },
      // A copy of the database must not hand out working reset links.
      storeIdentifier: { default: "plain", overrides: { [passwordResetPrefix]: "hashed" } },
    },
    plugins: [
      twoFactor({
        issuer: "Lantern",
        // Sign-in failures are throttled with short, growing delays (throttle.service.ts); a fixed
        // lockout would let anyone who knows a password keep its owner out.
        accountLockout: { enabled: false },
        twoFactorCookieMaxAge: 10 * 60,
        backupCodeOptions: {
          amount: 10,
          storeBackupCodes: "encrypted",
          customBackupCodesGenerate: recoveryCodes,
        },
        schema: {
          user: { fields: { twoFactorEnabled: "two_factor_enabled" } },
          twoFactor: {
            modelName: "two_factors",
            fields: {
              userId: "user_id",
              backupCodes: "backup_codes",
              failedVerificationCount: "failed_verification_count",
              lockedUntil: "locked_until",
            },
          },
        },
      }),
    ],
    advanced: {
      cookiePrefix: "lantern",
      useSecureCookies: config.publicUrl.startsWith("https://"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
      ipAddress: { ipAddressHeaders: [clientIpHeader] },
      database: { generateId: () => uuidv7() },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
