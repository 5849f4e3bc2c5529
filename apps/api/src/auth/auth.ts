import { uuidv7 } from "@lantern/domain";
import { betterAuth } from "better-auth";
import type { Config } from "../config.js";
import type { Db } from "../db/dialect.js";
import { hashPassword, verifyPassword } from "./password-hash.js";

/** The header through which Lantern hands the caller's address (as Fastify saw it) to better-auth. */
export const clientIpHeader = "x-lantern-client-ip";

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
    },
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
