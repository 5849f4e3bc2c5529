const shortDate = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });

/** "3 Dec" for a YYYY-MM-DD day, read as a calendar day (no time-zone shift). */
export function formatDay(day: string): string {
  return shortDate.format(new Date(`${day}T12:00:00Z`));
}
