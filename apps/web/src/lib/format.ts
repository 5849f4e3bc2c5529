/** Dates and times in the reader's own language and time zone. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** "3 Dec 2026, 14:05" in the reader's locale. */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "14:05" (or "2:05 PM") in the reader's locale. */
export function formatTime(iso: string): string {
  return time.format(new Date(iso));
}

/** "3 Dec 2026" in the reader's locale. */
export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

/** The time alone when the moment is today, otherwise the date and time. */
export function formatUntil(iso: string, now = new Date()): string {
  const when = new Date(iso);
  return when.toDateString() === now.toDateString() ? formatTime(iso) : formatDateTime(iso);
}

/** True when the moment has passed. */
export function isPast(iso: string, now = new Date()): boolean {
  return new Date(iso).getTime() <= now.getTime();
}
