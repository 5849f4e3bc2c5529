import type { TwoFactorEnrolment, TwoFactorEnrolmentResult } from "@lantern/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import { forwardCookies, type SessionState, sessionTokenFrom, toFetchHeaders } from "../../auth/session.js";
import { HttpProblem } from "../../http/problem.js";
import { type AuthDeps, errorCodeOf, keysFor, rememberDevice } from "./auth-deps.js";
import { markSecondFactor } from "./sessions.repository.js";
import { enrolmentFrom, sessionInfoFor, verifyAuthenticatorCodeOnce } from "./sign-in.service.js";
import { assertNotThrottled, recordFailure, recordSuccess } from "./throttle.service.js";
import { findTwoFactor } from "./two-factor.repository.js";

const alreadySetUp = () =>
  new HttpProblem(409, "conflict", "Two-step sign-in is already set up for this account.");

/**
 * The key for the authenticator app again (after a reload, say), proving the password once more.
 * An enrolment already begun keeps its key, since it may already be in the app; otherwise one is made.
 */
export async function restartEnrolment(
  deps: AuthDeps,
  request: FastifyRequest,
  state: SessionState,
  password: string,
): Promise<TwoFactorEnrolment> {
  if (state.twoFactorEnabled) throw alreadySetUp();
  const keys = keysFor(deps, request, state.email);
  await assertNotThrottled(deps.db, keys);
  const existing = await findTwoFactor(deps.db.kysely, state.userId);
  const headers = toFetchHeaders(request);
  const response = existing
    ? await deps.auth.api.getTOTPURI({ body: { password }, headers, asResponse: true })
    : await deps.auth.api.enableTwoFactor({ body: { password }, headers, asResponse: true });
  if (!response.ok) {
    if ((await errorCodeOf(response)) === "INVALID_PASSWORD") {
      await recordFailure(deps.db, keys);
      throw new HttpProblem(400, "validation", "That password did not match.", undefined, [
        { field: "password", message: "That password did not match. Enter the one you signed in with." },
      ]);
    }
    throw new Error(`two-factor enrolment could not restart (${await errorCodeOf(response)})`);
  }
  const { totpURI } = (await response.json()) as { totpURI: string };
  return enrolmentFrom(totpURI);
}

/**
 * Finishes enrolment with a first code from the app. better-auth turns two-step sign-in on and
 * replaces the session; Lantern marks the new one as having passed the second factor and hands over
 * the recovery codes, this once.
 */
export async function completeEnrolment(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  state: SessionState,
  code: string,
): Promise<TwoFactorEnrolmentResult> {
  if (state.twoFactorEnabled) throw alreadySetUp();
  const keys = keysFor(deps, request, state.email);
  await assertNotThrottled(deps.db, keys);
  const wrong = () =>
    new HttpProblem(400, "validation", "That code did not match.", undefined, [
      {
        field: "code",
        message:
          "That code did not match. Check that the app shows Lantern, then enter the six digits it shows now.",
      },
    ]);
  if (!/^\d{6}$/.test(code)) throw wrong();
  if (!(await findTwoFactor(deps.db.kysely, state.userId))) {
    throw new HttpProblem(409, "conflict", "Start setting up two-step sign-in first.");
  }
  const headers = toFetchHeaders(request);
  const response = await verifyAuthenticatorCodeOnce(deps, state.userId, code, () =>
    deps.auth.api.verifyTOTP({ body: { code }, headers, asResponse: true }),
  );
  if (response === "reused" || !response.ok) {
    if (response !== "reused" && (await errorCodeOf(response)) !== "INVALID_CODE") {
      throw new Error(`two-factor enrolment could not finish (${await errorCodeOf(response)})`);
    }
    await recordFailure(deps.db, keys);
    throw wrong();
  }
  const token = sessionTokenFrom(response);
  if (!token) throw new Error("better-auth finished enrolment but set no session");
  await markSecondFactor(deps.db.kysely, token, new Date());
  forwardCookies(response, reply);
  const body = (await response.json()) as { user: { id: string; name: string; email: string } };
  const codes = await deps.auth.api.viewBackupCodes({ body: { userId: state.userId } });
  await recordSuccess(deps.db, keys);
  rememberDevice(deps, request, reply);
  return {
    status: "signed-in",
    ...(await sessionInfoFor(deps, body.user)),
    recoveryCodes: codes.backupCodes,
  };
}
