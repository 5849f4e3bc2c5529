/**
 * Password length rules from security.md: no composition rules, a long minimum for accounts
 * without a second factor, a shorter one with it, and at least 64 characters allowed.
 */
export const passwordRules = {
  minWithoutSecondFactor: 15,
  minWithSecondFactor: 8,
  max: 128,
} as const;

/** The reason a password is not acceptable, or null when it is. */
export function passwordProblem(password: string, hasSecondFactor = false): string | null {
  const min = hasSecondFactor ? passwordRules.minWithSecondFactor : passwordRules.minWithoutSecondFactor;
  // Count code points, not UTF-16 units, so a passphrase in any script is measured fairly.
  const length = [...password].length;
  if (length < min)
    return `Use at least ${min} characters. A few unrelated words make a strong, memorable password.`;
  if (length > passwordRules.max) return `Use at most ${passwordRules.max} characters.`;
  return null;
}
