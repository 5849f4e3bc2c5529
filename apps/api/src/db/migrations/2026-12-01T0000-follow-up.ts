import type { Kysely } from "kysely";

/**
 * Follow-ups after discharge continue yearly after 12 months (issue 9). Follow-up schedules that
 * already gave their 12-month occurrence have `next_day` null although they still run: they get
 * their 24-month day back, so the sweep carries on with them. Day arithmetic is copied here (not
 * imported) so this migration never changes: the day N months on, or that month's last day.
 */
function addMonths(day: string, months: number): string {
  const [y = 0, m = 1, d = 1] = day.split("-").map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const k = db as unknown as Kysely<{
    assessment_schedules: {
      id: string;
      kind: string;
      start_day: string;
      next_day: string | null;
      stopped_on: string | null;
    };
  }>;
  const finished = await k
    .selectFrom("assessment_schedules")
    .select(["id", "start_day"])
    .where("kind", "=", "follow_up")
    .where("next_day", "is", null)
    .where("stopped_on", "is", null)
    .execute();
  for (const row of finished)
    await k
      .updateTable("assessment_schedules")
      .set({ next_day: addMonths(row.start_day, 24) })
      .where("id", "=", row.id)
      .execute();
}
