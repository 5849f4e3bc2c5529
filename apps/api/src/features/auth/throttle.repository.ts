import type { Executor } from "../../db/executor.js";

/** The throttle rows for these keys. */
export async function findThrottles(db: Executor, keys: string[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom("auth_throttle")
    .select(["key", "failures", "last_failure_at", "blocked_until"])
    .where("key", "in", keys)
    .execute();
}

/**
 * Counts one failure for a key in a single statement, so concurrent failures (from several API
 * processes) are all counted. A key whose last failure is older than `since` starts again at 1.
 * Returns the new count.
 */
export async function countFailure(db: Executor, key: string, now: Date, since: Date): Promise<number> {
  const row = await db
    .insertInto("auth_throttle")
    .values({ key, failures: 1, last_failure_at: now, blocked_until: null })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when("auth_throttle.last_failure_at", "<", since)
          .then(1)
          .else(eb("auth_throttle.failures", "+", 1))
          .end(),
        last_failure_at: now,
      })),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** Sets how long a key must wait before its next attempt. */
export async function setBlockedUntil(db: Executor, key: string, until: Date | null): Promise<void> {
  await db.updateTable("auth_throttle").set({ blocked_until: until }).where("key", "=", key).execute();
}

/** Forgets a key's failures (after a successful sign-in). */
export async function clearThrottle(db: Executor, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom("auth_throttle").where("key", "in", keys).execute();
}

/** Deletes rows whose last failure is older than `before`, so the table stays small. */
export async function pruneThrottles(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom("auth_throttle").where("last_failure_at", "<", before).execute();
}
