import { createHash, randomBytes } from "node:crypto";
import { passwordProblem } from "@lantern/domain";
import type { FastifyBaseLogger } from "fastify";
import { passwordResetPrefix, passwordResetTokenSeconds } from "../../auth/auth.js";
import { HttpProblem } from "../../http/problem.js";
import { passwordResetMessage } from "../../mail/messages.js";
import { findUserByEmail } from "../accounts/accounts.repository.js";
import type { AuthDeps } from "./auth-deps.js";
import { countFailure } from "./throttle.repository.js";
import { findUserForAuth } from "./two-factor.repository.js";

/** At most this many reset emails per address in a quarter of an hour; more are quietly dropped. */
export const resetEmailsPerWindow = 3;
const resetWindowMs = 15 * 60_000;

/**
 * Handles a reset request after the answer has gone out, so the answer (and how long it takes) is
 * the same whether or not the address belongs to anyone. Never logs the address or the token.
 */
export async function sendPasswordResetEmail(
  deps: AuthDeps,
  log: FastifyBaseLogger,
  email: string,
  now = new Date(),
): Promise<"sent" | "not-configured" | "too-many" | "unknown"> {
  if (!deps.mailer.configured) {
    log.warn("mail is not configured (SMTP_HOST is unset), so a password reset email was not sent");
    return "not-configured";
  }
  const key = `reset:${createHash("sha256").update(email).digest("base64url")}`;
  const count = await countFailure(deps.db.kysely, key, now, new Date(now.getTime() - resetWindowMs));
  if (count > resetEmailsPerWindow) {
    log.info("password reset email not sent: several were asked for in a short time");
    return "too-many";
  }
  const user = await findUserByEmail(deps.db.kysely, email);
  if (!user) return "unknown";
  const token = randomBytes(32).toString("base64url");
  const context = await deps.auth.$context;
  await context.internalAdapter.createVerificationValue({
    value: user.id,
    identifier: `${passwordResetPrefix}${token}`,
    expiresAt: new Date(now.getTime() + passwordResetTokenSeconds * 1000),
  });
  const link = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  await deps.mailer.send(passwordResetMessage(user.email, link));
  log.info("password reset email sent");
  return "sent";
}

const expiredLink = () =>
  new HttpProblem(400, "validation", "This link has expired or has already been used.", undefined, [
    { field: "token", message: "This link has expired or has already been used. Ask for a new one." },
  ]);

/**
 * Sets a new password from an emailed link. The rules depend on the account (a second factor lowers
 * the minimum; the email may not be part of it). better-auth spends the token, stores the new hash
 * and ends every session of the account in one transaction.
 */
export async function completePasswordReset(deps: AuthDeps, token: string, password: string): Promise<void> {
  const context = await deps.auth.$context;
  const found = await context.internalAdapter.findVerificationValue(`${passwordResetPrefix}${token}`);
  if (!found || new Date(found.expiresAt).getTime() < Date.now()) throw expiredLink();
  const user = await findUserForAuth(deps.db.kysely, found.value);
  if (!user) throw expiredLink();
  const problem = passwordProblem(password, Boolean(user.two_factor_enabled), { email: user.email });
  if (problem) {
    throw new HttpProblem(400, "validation", "Please choose a different password.", undefined, [
      { field: "password", message: problem },
    ]);
  }
  const response = await deps.auth.api.resetPassword({
    body: { newPassword: password, token },
    asResponse: true,
  });
  if (!response.ok) throw expiredLink();
}
