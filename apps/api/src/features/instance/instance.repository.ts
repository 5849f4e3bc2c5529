import type { Executor } from "../../db/executor.js";

/** Reads one instance setting, or undefined. */
export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("instance_settings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.value;
}

/** Inserts a setting; throws a unique violation when the key exists (used to claim one-time steps). */
export async function insertSetting(db: Executor, key: string, value: string, now: Date): Promise<void> {
  await db.insertInto("instance_settings").values({ key, value, created_at: now }).execute();
}

/** Inserts a setting unless it exists, then returns the stored value (first writer wins). */
export async function getOrInsertSetting(
  db: Executor,
  key: string,
  value: string,
  now: Date,
): Promise<string> {
  await db
    .insertInto("instance_settings")
    .values({ key, value, created_at: now })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const stored = await getSetting(db, key);
  if (stored === undefined) throw new Error(`instance setting ${key} vanished after insert`);
  return stored;
}

/** Sets an instance setting, replacing any earlier value. */
export async function putSetting(db: Executor, key: string, value: string, now: Date): Promise<void> {
  await db
    .insertInto("instance_settings")
    .values({ key, value, created_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}
