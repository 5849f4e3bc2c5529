/** A calendar day in the client's own time zone, as YYYY-MM-DD. */
export type LocalDate = string;

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the text is a real calendar date in YYYY-MM-DD form. */
export function isLocalDate(text: string): boolean {
  const m = pattern.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * The local calendar day of an instant in an IANA time zone. Computed from the zone's rules at that
 * instant, so days stay right across daylight-saving changes.
 */
export function localDateOf(instant: Date | string, timeZone: string): LocalDate {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(typeof instant === "string" ? new Date(instant) : instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function toUtcDays(date: LocalDate): number {
  const m = pattern.exec(date);
  if (!m) throw new Error(`not a local date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Calendar days: no DST drift. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toUtcDays(to) - toUtcDays(from);
}

/** The day `n` days after `date` (before, when n is negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  return new Date((toUtcDays(date) + n) * 86_400_000).toISOString().slice(0, 10);
}
