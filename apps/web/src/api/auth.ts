import type {
  PasswordResetCompletion,
  PasswordResetRequest,
  SessionInfo,
  SessionList,
  SignInRequest,
  SignInResult,
  TwoFactorCodeRequest,
  TwoFactorEnrolment,
  TwoFactorEnrolmentRequest,
  TwoFactorEnrolmentResult,
} from "@lantern/domain";
import { ApiError, request } from "./client";

/**
 * Signs in with email and password. The answer says whether the person is signed in (the server set
 * the session cookie), must give a code next, or must first set up two-step sign-in.
 */
export function signIn(input: SignInRequest): Promise<SignInResult> {
  return request<SignInResult>("POST", "/auth/sign-in", input);
}

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function verifySignInCode(input: TwoFactorCodeRequest): Promise<SignInResult> {
  return request<SignInResult>("POST", "/auth/two-factor/verify", input);
}

/** The key for the authenticator app again, after a reload; needs the password. */
export function restartEnrolment(input: TwoFactorEnrolmentRequest): Promise<TwoFactorEnrolment> {
  return request<TwoFactorEnrolment>("POST", "/auth/two-factor/enrolment", input);
}

/** Finishes setting up two-step sign-in with a first code; the answer holds the recovery codes. */
export function completeEnrolment(input: TwoFactorCodeRequest): Promise<TwoFactorEnrolmentResult> {
  return request<TwoFactorEnrolmentResult>("POST", "/auth/two-factor/enrolment/verify", input);
}

/** Asks for a password-reset email. The answer is the same whether or not the address is known. */
export function requestPasswordReset(input: PasswordResetRequest): Promise<void> {
  return request<void>("POST", "/auth/password-reset/request", input);
}

/** Chooses a new password with the token from the emailed link. */
export function completePasswordReset(input: PasswordResetCompletion): Promise<void> {
  return request<void>("POST", "/auth/password-reset/complete", input);
}

/** Ends the current session on the server. */
export function signOut(): Promise<void> {
  return request<void>("POST", "/auth/sign-out");
}

/** Ends every session of the account, on every device. */
export function signOutEverywhere(): Promise<void> {
  return request<void>("POST", "/auth/sign-out-everywhere");
}

/** Where the account is signed in. */
export function listSessions(): Promise<SessionList> {
  return request<SessionList>("GET", "/auth/sessions");
}

/** Ends one session of the account. */
export function endSession(id: string): Promise<void> {
  return request<void>("DELETE", `/auth/sessions/${encodeURIComponent(id)}`);
}

/** The signed-in person, or null when nobody is signed in. */
export async function getSession(): Promise<SessionInfo | null> {
  try {
    return await request<SessionInfo>("GET", "/auth/session");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
