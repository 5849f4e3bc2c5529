import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/dialect.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import {
  clearThrottle,
  countFailure,
  findThrottles,
  pruneThrottles,
  setBlockedUntil,
} from "./throttle.repository.js";

/**
 * Throttling of failed sign-ins (passwords and second-factor codes), per account and per address,
 * kept in the database so every API process sees the same counts. There is no lockout: after a few
 * failures each further attempt waits a short, growing delay (1 s, 2 s, 4 s … capped at a minute),
 * and a quiet quarter of an hour forgets them. A browser that has signed in to the account before
 * carries a device cookie and is counted on its own, so someone guessing from elsewhere cannot keep
 * the account's owner out even for that minute.
 */
export const throttlePolicy = {
  /** Failures are forgotten once none has happened for this long. */
  forgetAfterMs: 15 * 60_000,
  /** Failures allowed before delays start, per account (or account on a known device) and per address. */
  freeFailures: { account: 5, address: 20 },
  maxDelayMs: 60_000,
} as const;

/** The delay after the given number of failures, for a key allowed `free` failures. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(throttlePolicy.maxDelayMs, 1000 * 2 ** (failures - free));
}

/** The keys one sign-in attempt is counted under. Emails and addresses are stored only as hashes. */
export interface ThrottleKeys {
  account: string;
  address: string;
}

const hash = (text: string) => createHash("sha256").update(text).digest("base64url");

/** Keys for an attempt on an account (by email) from an address, on a known device or not. */
export function throttleKeys(email: string, ip: string, deviceId: string | null): ThrottleKeys {
  const account = email.trim().toLowerCase();
  return {
    account: deviceId ? `device:${hash(`${account}\n${deviceId}`)}` : `account:${hash(account)}`,
    address: `address:${hash(ip)}`,
  };
}

/** 429 with how long to wait; the same for every account, known or not. */
export class Throttled extends HttpProblem {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      "tooManyRequests",
      "There have been several attempts to sign in to this account. Please wait a moment, then try again.",
      `Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
    );
  }
}

/** Throws Throttled while any of the keys must still wait. */
export async function assertNotThrottled(db: Db, keys: ThrottleKeys, now = new Date()): Promise<void> {
  const rows = await findThrottles(db.kysely, [keys.account, keys.address]);
  let wait = 0;
  for (const row of rows) {
    if (row.blocked_until === null) continue;
    wait = Math.max(wait, new Date(toIso(row.blocked_until)).getTime() - now.getTime());
  }
  if (wait > 0) throw new Throttled(Math.ceil(wait / 1000));
}

/** Counts a failed attempt under each key and sets the delay the next attempt must wait. */
export async function recordFailure(db: Db, keys: ThrottleKeys, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - throttlePolicy.forgetAfterMs);
  const pairs = [
    [keys.account, throttlePolicy.freeFailures.account],
    [keys.address, throttlePolicy.freeFailures.address],
  ] as const;
  for (const [key, free] of pairs) {
    const failures = await countFailure(db.kysely, key, now, since);
    const delay = delayAfter(failures, free);
    await setBlockedUntil(db.kysely, key, delay > 0 ? new Date(now.getTime() + delay) : null);
  }
  // Occasional housekeeping; rows only matter for a quarter of an hour.
  if (Math.random() < 0.05) await pruneThrottles(db.kysely, since);
}

/** Forgets the account's failures after a complete sign-in (the address keeps its count). */
export async function recordSuccess(db: Db, keys: ThrottleKeys): Promise<void> {
  await clearThrottle(db.kysely, [keys.account]);
}

/** The device cookie: a random id and its signature, so a browser that signed in before is known. */
export const deviceCookieName = "lantern.device";

const sign = (secret: string, id: string) =>
  createHmac("sha256", secret).update(`device:${id}`).digest("base64url");

/** A new device cookie value. */
export function newDeviceCookie(secret: string): string {
  const id = randomBytes(16).toString("base64url");
  return `${id}.${sign(secret, id)}`;
}

/** The device id inside a cookie value whose signature is right, or null. */
export function deviceIdFrom(secret: string, value: string | undefined): string | null {
  if (!value) return null;
  const [id, signature] = value.split(".");
  if (!id || !signature) return null;
  const expected = Buffer.from(sign(secret, id));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
