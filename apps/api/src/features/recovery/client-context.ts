import { type ActTerm, localDateOf, type RecoverySettings } from "@lantern/domain";
import type { Executor } from "../../db/executor.js";
import { HttpProblem } from "../../http/problem.js";

/** The programme's words when it has not chosen its own (and for self-directed clients). */
export const defaultRecoverySettings: RecoverySettings = { actTerm: "lapse", streakLabel: "days" };

/** What every recovery use case needs to know about the client: their zone, today, the words. */
export interface ClientContext {
  clientId: string;
  userId: string;
  organisationId: string | null;
  timeZone: string;
  /** The client's local calendar day now. */
  today: string;
  settings: RecoverySettings;
}

/** Loads the client's time zone, their local "today" and their programme's recovery words. */
export async function loadClientContext(
  db: Executor,
  clientId: string,
  now = new Date(),
): Promise<ClientContext> {
  const client = await db
    .selectFrom("clients")
    .leftJoin("recovery_settings", "recovery_settings.organisation_id", "clients.organisation_id")
    .select([
      "clients.id",
      "clients.user_id",
      "clients.organisation_id",
      "clients.time_zone",
      "recovery_settings.act_term",
      "recovery_settings.streak_label",
    ])
    .where("clients.id", "=", clientId)
    .executeTakeFirst();
  if (!client) throw new HttpProblem(404, "notFound", "Not found.");
  return {
    clientId: client.id,
    userId: client.user_id,
    organisationId: client.organisation_id,
    timeZone: client.time_zone,
    today: localDateOf(now, client.time_zone),
    settings: client.act_term
      ? {
          actTerm: client.act_term as ActTerm,
          streakLabel: client.streak_label ?? defaultRecoverySettings.streakLabel,
        }
      : defaultRecoverySettings,
  };
}

/** Refuses a date after the client's today, naming the field. */
export function refuseFutureDate(date: string, today: string, field = "date"): void {
  if (date > today)
    throw new HttpProblem(400, "validation", "That date has not happened yet.", undefined, [
      { field, message: `Use today (${today}) or an earlier day.` },
    ]);
}

/** Parses a JSON list stored as text; anything unreadable is an empty list. */
export function parseJsonList<T = string>(stored: string): T[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** Reads a boolean column from either dialect (0/1 on SQLite). */
export const toBool = (value: boolean | number): boolean => value === true || value === 1;
