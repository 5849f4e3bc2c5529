import { isCommonPassword } from "./password-blocklist.js";

/**
 * Password rules from security.md: no composition rules, a long minimum for accounts without a
 * second factor, a shorter one with it, at least 64 characters allowed, and no common, breached or
 * easily guessed passwords.
 */
export const passwordRules = {
  minWithoutSecondFactor: 15,
  minWithSecondFactor: 8,
  max: 128,
} as const;

/** What is known about the account a password is for, so it can be checked against it. */
export interface PasswordContext {
  /** The account's email; a password that contains its local part is easy to guess. */
  email?: string | undefined;
}

const tooCommon =
  "This password is one that many people use, so it would be easy to guess. A few unrelated words make a strong, memorable one.";

/**
 * The reason a password is not acceptable, or null when it is. `hasSecondFactor` lowers the minimum
 * length (security.md); `context` lets the check refuse a password built from the account's email.
 */
export function passwordProblem(
  password: string,
  hasSecondFactor = false,
  context: PasswordContext = {},
): string | null {
  const min = hasSecondFactor ? passwordRules.minWithSecondFactor : passwordRules.minWithoutSecondFactor;
  // Count code points, not UTF-16 units, so a passphrase in any script is measured fairly.
  const length = [...password].length;
  if (length < min)
    return `Use at least ${min} characters. A few unrelated words make a strong, memorable password.`;
  if (length > passwordRules.max) return `Use at most ${passwordRules.max} characters.`;
  if (isCommonPassword(password)) return tooCommon;
  const local = context.email?.split("@")[0]?.trim().toLowerCase() ?? "";
  // Very short local parts ("al@…") would refuse ordinary words; four characters or more is a name.
  if (local.length >= 4 && password.toLowerCase().includes(local))
    return "Choose a password that does not include your email address.";
  return null;
}
