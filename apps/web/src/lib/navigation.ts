/** What another page hands to the sign-in page: a calm notice, and an email to prefill. */
export interface SignInHandoff {
  notice?: string;
  email?: string;
}

// Kept in memory rather than in history.state: an email should not linger in the browser's session
// history on a shared device, and a route guard's own redirect to /sign-in cannot wipe it out.
let pending: SignInHandoff = {};

/** Leaves a notice (and optionally an email) for the next time the sign-in page appears. */
export function handOffToSignIn(handoff: SignInHandoff): void {
  pending = handoff;
}

/** What was left for the sign-in page. Reading does not clear it; call clearSignInHandoff once shown. */
export function peekSignInHandoff(): SignInHandoff {
  return pending;
}

/** Forgets the handoff so a later visit to the sign-in page starts clean. */
export function clearSignInHandoff(): void {
  pending = {};
}

/** What the sign-in page hands to the two-step setup page: the key for the authenticator app. */
let pendingEnrolment: { totpUri: string; secret: string } | undefined;

/** Leaves the authenticator key for the setup page (kept in memory only, never in history or storage). */
export function handOffEnrolment(enrolment: { totpUri: string; secret: string }): void {
  pendingEnrolment = enrolment;
}

/** The key left by the sign-in page, if any. Reading does not clear it; call clearEnrolment once shown. */
export function peekEnrolment(): { totpUri: string; secret: string } | undefined {
  return pendingEnrolment;
}

/** Forgets the key, so it does not outlive the setup page. */
export function clearEnrolment(): void {
  pendingEnrolment = undefined;
}
