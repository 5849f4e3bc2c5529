import { createHash, randomInt } from "node:crypto";

// No 0/O, 1/I/L: a code read aloud or copied from a screen survives.
const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function randomChars(n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A long token for emailed links (about 200 bits). */
export function newLinkToken(): string {
  return randomChars(40);
}

/** A short code to type in during onboarding in person (about 50 bits; short-lived and throttled). */
export function newOneTimeCode(): string {
  const raw = randomChars(10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** The stored form: case, spaces and dashes do not matter to the person typing it. */
export function hashToken(token: string): string {
  const normalised = token.toUpperCase().replace(/[\s-]/g, "");
  return createHash("sha256").update(normalised).digest("hex");
}
