import { type Kysely, PostgresAdapter } from "kysely";

/** Column types that differ between the dialects, chosen once per migration. */
export function columnTypes(db: Kysely<unknown>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    /** A UTC instant: timestamptz on PostgreSQL, an ISO-8601 string on SQLite. */
    timestamp: postgres ? ("timestamptz" as const) : ("text" as const),
    boolean: postgres ? ("boolean" as const) : ("integer" as const),
  };
}
