import type { Patterns } from "./contracts.js";

/** Something that happened at an instant, maybe after a named trigger: an urge or an inner-circle act. */
export interface PatternEvent {
  triggerId: string | null;
  at: string | Date;
}

/** The hour (0–23) and ISO weekday (Monday 1 … Sunday 7) of an instant in a time zone. */
export function localHourAndWeekday(
  instant: string | Date,
  timeZone: string,
): { hour: number; weekday: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    hourCycle: "h23",
    weekday: "short",
  }).formatToParts(typeof instant === "string" ? new Date(instant) : instant);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? "0") % 24;
  const day = parts.find((p) => p.type === "weekday")?.value ?? "Mon";
  return { hour, weekday: weekdays.indexOf(day) + 1 || 1 };
}

const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/**
 * What tends to come before urges and inner-circle acts: counts by trigger, by local hour and by
 * weekday (Monday first), in the client's own time zone so "evenings" mean the client's evenings.
 * Triggers are listed when something was linked to them, most frequent first; labels come from
 * `triggers` (archived ones included, so old urges keep their names).
 */
export function patternsOf(input: {
  urges: readonly PatternEvent[];
  acts: readonly PatternEvent[];
  triggers: readonly { id: string; label: string }[];
  timeZone: string;
}): Patterns {
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, urges: 0, acts: 0 }));
  const byWeekday = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, urges: 0, acts: 0 }));
  const labels = new Map(input.triggers.map((t) => [t.id, t.label]));
  const byTrigger = new Map<string, { triggerId: string; label: string; urges: number; acts: number }>();

  const count = (events: readonly PatternEvent[], key: "urges" | "acts") => {
    for (const e of events) {
      const { hour, weekday } = localHourAndWeekday(e.at, input.timeZone);
      (byHour[hour] as { urges: number; acts: number })[key] += 1;
      (byWeekday[weekday - 1] as { urges: number; acts: number })[key] += 1;
      if (e.triggerId === null) continue;
      const label = labels.get(e.triggerId);
      if (label === undefined) continue;
      const entry = byTrigger.get(e.triggerId) ?? { triggerId: e.triggerId, label, urges: 0, acts: 0 };
      entry[key] += 1;
      byTrigger.set(e.triggerId, entry);
    }
  };
  count(input.urges, "urges");
  count(input.acts, "acts");

  return {
    byTrigger: [...byTrigger.values()].sort(
      (a, b) => b.urges + b.acts - (a.urges + a.acts) || a.label.localeCompare(b.label),
    ),
    byHour,
    byWeekday,
  };
}
