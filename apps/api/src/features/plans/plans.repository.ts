import type { Executor } from "../../db/executor.js";

/** The two versioned plans; both tables have the same shape. */
export type PlanTable = "safety_plan_versions" | "prevention_plan_versions";

/** The newest version of a plan, with its author's name, or undefined before the first save. */
export async function latestPlanVersion(db: Executor, table: PlanTable, clientId: string) {
  return db
    .selectFrom(table)
    .innerJoin("users", "users.id", `${table}.created_by_user_id`)
    .selectAll(table)
    .select("users.name as created_by_name")
    .where(`${table}.client_id`, "=", clientId)
    .orderBy(`${table}.version`, "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Every version of a plan (without the sections), newest first. */
export async function planHistory(db: Executor, table: PlanTable, clientId: string) {
  return db
    .selectFrom(table)
    .innerJoin("users", "users.id", `${table}.created_by_user_id`)
    .select([`${table}.version`, `${table}.created_at`, "users.name as created_by_name"])
    .where(`${table}.client_id`, "=", clientId)
    .orderBy(`${table}.version`, "desc")
    .execute();
}

/** Stores a new version; the unique (client, version) refuses a racing save from the same base. */
export async function insertPlanVersion(
  db: Executor,
  table: PlanTable,
  row: {
    id: string;
    client_id: string;
    version: number;
    sections: string;
    created_by_user_id: string;
    created_by_role: string;
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto(table).values(row).execute();
}
