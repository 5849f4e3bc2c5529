import { hash, verify } from "@node-rs/argon2";

// security.md: Argon2id, memory >= 19 MiB, iterations >= 2, parallelism 1 (OWASP's first profile).
// `algorithm: 2` is Algorithm.Argon2id; the enum is const and cannot be imported under verbatimModuleSyntax.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with Argon2id; the result carries its own parameters and salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Checks a password against a stored hash; false for a hash that cannot be parsed. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same time as a real check against a fixed hash, so a sign-in for an unknown account
 * takes as long as one for a known account with a wrong password.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummy ??= hashPassword("lantern-timing-equaliser-not-a-real-password");
  await verifyPassword(await dummy, password);
}
