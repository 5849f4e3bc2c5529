import type { SessionInfo, SignInRequest } from "@lantern/domain";
import { ApiError, request } from "./client";

/** Signs in with email and password; the session cookie is set by the server. */
export function signIn(input: SignInRequest): Promise<SessionInfo> {
  return request<SessionInfo>("POST", "/auth/sign-in", input);
}

/** Ends the current session on the server. */
export function signOut(): Promise<void> {
  return request<void>("POST", "/auth/sign-out");
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
