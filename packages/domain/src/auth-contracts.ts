import { z } from "zod";
import { Email, SessionInfo } from "./contracts.js";
import { passwordRules } from "./password.js";

/** A new authenticator to add: the otpauth:// address (for a QR code) and the key to type by hand. */
export const TwoFactorEnrolment = z.object({
  totpUri: z.string(),
  /** Base32, as authenticator apps expect it when typed in. */
  secret: z.string(),
});
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolment>;

/**
 * What a correct email and password lead to. A person without a second factor, or with one already
 * proven, is signed in. Staff who have not set up two-step sign-in must do so first; anyone who has
 * must give a code from their authenticator app (or a recovery code) before a session exists.
 */
export const SignInResult = z.discriminatedUnion("status", [
  SessionInfo.extend({ status: z.literal("signed-in") }),
  z.object({ status: z.literal("two-factor-required") }),
  z.object({
    status: z.literal("two-factor-enrolment-required"),
    enrolment: TwoFactorEnrolment,
  }),
]);
export type SignInResult = z.infer<typeof SignInResult>;

/** A six-digit code from an authenticator app, or a recovery code (letters, digits and a dash). */
export const TwoFactorCode = z
  .string()
  .trim()
  .min(1, "Enter the code from your authenticator app.")
  .max(32, "Use at most 32 characters.")
  .transform((value) => value.replace(/\s+/g, ""));

export const TwoFactorCodeRequest = z.strictObject({ code: TwoFactorCode });
export type TwoFactorCodeRequest = z.input<typeof TwoFactorCodeRequest>;

/** Asks again for the enrolment key (after a reload), proving the password once more. */
export const TwoFactorEnrolmentRequest = z.strictObject({
  password: z
    .string()
    .min(1, "Enter your password.")
    .max(passwordRules.max * 4),
});
export type TwoFactorEnrolmentRequest = z.input<typeof TwoFactorEnrolmentRequest>;

/** Enrolment finished: the person is signed in and sees their recovery codes, this once. */
export const TwoFactorEnrolmentResult = SessionInfo.extend({
  status: z.literal("signed-in"),
  recoveryCodes: z.array(z.string()),
});
export type TwoFactorEnrolmentResult = z.infer<typeof TwoFactorEnrolmentResult>;

export const PasswordResetRequest = z.strictObject({ email: Email });
export type PasswordResetRequest = z.input<typeof PasswordResetRequest>;

/** The answer to every reset request, whether or not the address belongs to anyone. */
export const PasswordResetAccepted = z.object({ status: z.literal("accepted") });

/**
 * A new password with the token from the emailed link. The length and blocklist rules depend on the
 * account (second factor, email), so the server checks them once it knows whose token it is.
 */
export const PasswordResetCompletion = z.strictObject({
  token: z.string().trim().min(1, "The link is incomplete.").max(200, "The link is not valid."),
  password: z
    .string()
    .min(1, "Enter a new password.")
    .max(passwordRules.max * 4, `Use at most ${passwordRules.max} characters.`),
});
export type PasswordResetCompletion = z.input<typeof PasswordResetCompletion>;

/** One place someone is signed in, as the account page lists it. */
export const SessionSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastActiveAt: z.string(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const SessionList = z.object({ sessions: z.array(SessionSummary) });
export type SessionList = z.infer<typeof SessionList>;

export const SessionIdParams = z.strictObject({ id: z.string().min(1).max(100) });
