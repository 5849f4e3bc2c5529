import { createHash } from "node:crypto";
import { isStaffRole, type SessionInfo, type SignInResult, type TwoFactorEnrolment } from "@lantern/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  forwardCookies,
  headersWithCookiesFrom,
  sessionTokenFrom,
  toFetchHeaders,
} from "../../auth/session.js";
import { HttpProblem } from "../../http/problem.js";
import { membershipsOf } from "../accounts/accounts.service.js";
import { type AuthDeps, errorCodeOf, keysFor, rememberDevice } from "./auth-deps.js";
import { markSecondFactor } from "./sessions.repository.js";
import { assertNotThrottled, recordFailure, recordSuccess } from "./throttle.service.js";
import { claimCode, findUserForAuth, pruneCodes, releaseCode } from "./two-factor.repository.js";

/** One answer for an unknown email and a wrong password. */
const refused = () => new HttpProblem(401, "unauthenticated", "That email and password did not match.");

/** The person and their roles, as the web app sees them. */
export async function sessionInfoFor(
  deps: AuthDeps,
  user: { id: string; name: string; email: string },
): Promise<SessionInfo> {
  return {
    user: { id: user.id, name: user.name, email: user.email },
    memberships: await membershipsOf(deps.db.kysely, user.id),
  };
}

/** Reads the TOTP secret (base32) out of an otpauth:// address, for people who type it in. */
export function enrolmentFrom(totpUri: string): TwoFactorEnrolment {
  const secret = new URL(totpUri).searchParams.get("secret") ?? "";
  return { totpUri, secret };
}

/**
 * Email and password. Throttled per account and address before the password is even checked. A
 * person who must give a second factor gets no session yet; staff who have none set up get a
 * session that only the enrolment routes accept, and the key for their authenticator app.
 */
export async function signIn(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { email: string; password: string },
): Promise<SignInResult> {
  const keys = keysFor(deps, request, input.email);
  await assertNotThrottled(deps.db, keys);
  const response = await deps.auth.api.signInEmail({
    body: { email: input.email, password: input.password, rememberMe: true },
    headers: toFetchHeaders(request),
    asResponse: true,
  });
  if (!response.ok) {
    await recordFailure(deps.db, keys);
    throw refused();
  }
  const body = (await response.json()) as {
    twoFactorRedirect?: boolean;
    user?: { id: string; name: string; email: string; twoFactorEnabled?: boolean | null };
  };
  forwardCookies(response, reply);
  // The password was right; the account's failures are forgotten once the second factor is given too.
  if (body.twoFactorRedirect) return { status: "two-factor-required" };
  if (!body.user) throw refused();

  const info = await sessionInfoFor(deps, body.user);
  if (info.memberships.some((m) => isStaffRole(m.role))) {
    // Staff without a second factor: begin enrolment now, while the password is at hand.
    const enabled = await deps.auth.api.enableTwoFactor({
      body: { password: input.password },
      headers: headersWithCookiesFrom(request, response),
      asResponse: true,
    });
    if (!enabled.ok) throw new Error(`two-factor enrolment could not start (${await errorCodeOf(enabled)})`);
    const { totpURI } = (await enabled.json()) as { totpURI: string };
    await recordSuccess(deps.db, keys);
    return { status: "two-factor-enrolment-required", enrolment: enrolmentFrom(totpURI) };
  }
  await recordSuccess(deps.db, keys);
  rememberDevice(deps, request, reply);
  return { status: "signed-in", ...info };
}

/** A six-digit authenticator code, as opposed to a recovery code. */
export const isAuthenticatorCode = (code: string) => /^\d{6}$/.test(code);

/** Codes are accepted for 30 seconds either side of their own 30; a used one stays refused that long. */
const codeReuseWindowMs = 120_000;

const codeHash = (userId: string, code: string) =>
  createHash("sha256").update(`${userId}\n${code}`).digest("base64url");

/**
 * Runs a better-auth TOTP check so that an accepted code cannot be used again: the code is claimed
 * first, and the claim is given back if the check fails.
 */
export async function verifyAuthenticatorCodeOnce(
  deps: AuthDeps,
  userId: string,
  code: string,
  check: () => Promise<Response>,
): Promise<Response | "reused"> {
  const now = new Date();
  const since = new Date(now.getTime() - codeReuseWindowMs);
  const hash = codeHash(userId, code);
  if (!(await claimCode(deps.db.kysely, userId, hash, now, since))) return "reused";
  const response = await check();
  if (!response.ok) await releaseCode(deps.db.kysely, userId, hash, now);
  else await pruneCodes(deps.db.kysely, userId, since);
  return response;
}

/** The user behind the pending second-factor challenge (better-auth's signed two_factor cookie). */
async function challengeUser(deps: AuthDeps, request: FastifyRequest) {
  const signed = request.cookies["lantern.two_factor"] ?? request.cookies["__Secure-lantern.two_factor"];
  if (!signed) return null;
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const context = await deps.auth.$context;
  const challenge = await context.internalAdapter.findVerificationValue(signed.slice(0, dot));
  if (!challenge || new Date(challenge.expiresAt).getTime() < Date.now()) return null;
  return findUserForAuth(deps.db.kysely, challenge.value);
}

const signInAgain = () =>
  new HttpProblem(
    401,
    "unauthenticated",
    "Please sign in again.",
    "The sign-in waited too long for a code, or too many codes did not match.",
  );

const wrongCode = (recovery: boolean) =>
  new HttpProblem(401, "unauthenticated", "That code did not match.", undefined, [
    {
      field: "code",
      message: recovery
        ? "That recovery code did not match, or it has been used already. Each one works once."
        : "That code did not match. Codes change every 30 seconds: enter the one your app shows now.",
    },
  ]);

/**
 * The second step of signing in: a code from the authenticator app, or a recovery code. Failures
 * count against the account like wrong passwords; better-auth also ends the challenge after five.
 */
export async function verifySignInCode(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
): Promise<SignInResult> {
  const user = await challengeUser(deps, request);
  if (!user) throw signInAgain();
  const keys = keysFor(deps, request, user.email);
  await assertNotThrottled(deps.db, keys);

  const recovery = !isAuthenticatorCode(code);
  // Recovery codes are lower case; people copying them from paper may not be.
  if (recovery) code = code.toLowerCase();
  const headers = toFetchHeaders(request);
  const response = recovery
    ? await deps.auth.api.verifyBackupCode({ body: { code }, headers, asResponse: true })
    : await verifyAuthenticatorCodeOnce(deps, user.id, code, () =>
        deps.auth.api.verifyTOTP({ body: { code }, headers, asResponse: true }),
      );
  if (response === "reused" || !response.ok) {
    const reason = response === "reused" ? "INVALID_CODE" : await errorCodeOf(response);
    if (response !== "reused") forwardCookies(response, reply);
    if (reason === "INVALID_CODE" || reason === "INVALID_BACKUP_CODE") {
      await recordFailure(deps.db, keys);
      throw wrongCode(recovery);
    }
    throw signInAgain();
  }
  const token = sessionTokenFrom(response);
  if (!token) throw new Error("better-auth accepted the code but set no session");
  await markSecondFactor(deps.db.kysely, token, new Date());
  const body = (await response.json()) as { user: { id: string; name: string; email: string } };
  forwardCookies(response, reply);
  await recordSuccess(deps.db, keys);
  rememberDevice(deps, request, reply);
  return { status: "signed-in", ...(await sessionInfoFor(deps, body.user)) };
}
