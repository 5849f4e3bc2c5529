import { randomBytes } from "node:crypto";
import type { Db } from "../../db/dialect.js";
import { getOrInsertSetting, getSetting } from "./instance.repository.js";

export const settingKeys = {
  authSecret: "auth_secret",
  setupCompletedAt: "setup_completed_at",
} as const;

/**
 * The secret that signs session cookies. Kept in the database so every API process behind a load
 * balancer shares it; LANTERN_SECRET overrides it.
 */
export async function loadAuthSecret(db: Db, override: string | undefined): Promise<string> {
  if (override) return override;
  return getOrInsertSetting(db.kysely, settingKeys.authSecret, randomBytes(32).toString("hex"), new Date());
}

/** True once first-run setup has created the programme and its admin. */
export async function isSetupComplete(db: Db): Promise<boolean> {
  return (await getSetting(db.kysely, settingKeys.setupCompletedAt)) !== undefined;
}
