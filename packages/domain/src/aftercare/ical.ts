import { addDays, type LocalDate } from "../recovery/local-date.js";
import type { AftercareWeekly } from "./contracts.js";
import { dayInWeek, mondayOf } from "./rules.js";

/**
 * An iCalendar (RFC 5545) feed of the client's weekly groups and meetings: one VEVENT per item with
 * a weekly RRULE, local times with the client's VTIMEZONE (its offset changes worked out from the
 * platform's time-zone data), stable UIDs (the item's id), CRLF line endings and lines folded at 75
 * octets. Titles are plain ("Meeting", "Group"): a calendar on a shared screen says nothing of
 * treatment.
 */

const dayCodes = {
  monday: "MO",
  tuesday: "TU",
  wednesday: "WE",
  thursday: "TH",
  friday: "FR",
  saturday: "SA",
  sunday: "SU",
};

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line so no line is longer than 75 octets, never splitting a UTF-8 character. */
/** The UTF-8 length of a string in octets. */
export function utf8Length(text: string): number {
  let octets = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    octets += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return octets;
}

export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The zone's offset from UTC in minutes at an instant. */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function offsetMinutes(timeZone: string, instant: number): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    formatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

/** The instants (to the minute) at which the zone's offset changes between two instants. */
export function offsetChanges(timeZone: string, from: number, to: number) {
  const changes: { at: number; from: number; to: number }[] = [];
  const day = 24 * 3600 * 1000;
  let before = offsetMinutes(timeZone, from);
  for (let t = from + day; t <= to; t += day) {
    const after = offsetMinutes(timeZone, t);
    if (after === before) continue;
    let low = t - day;
    let high = t;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetMinutes(timeZone, middle) === before) low = middle;
      else high = middle;
    }
    changes.push({ at: high, from: before, to: after });
    before = after;
  }
  return changes;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");
const offsetText = (minutes: number) =>
  `${minutes < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
/** YYYYMMDDTHHMMSS of a UTC instant shifted by an offset (a local wall-clock time). */
const wallClock = (instant: number, offset: number) => {
  const d = new Date(instant + offset * 60_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
};
const utcStamp = (instant: Date) => `${wallClock(instant.getTime(), 0)}Z`;

/** A VTIMEZONE for the zone covering the years given, one observance per offset change. */
export function vtimezone(timeZone: string, fromYear: number, years: number): string[] {
  const from = Date.UTC(fromYear, 0, 1);
  const to = Date.UTC(fromYear + years, 0, 1);
  const first = offsetMinutes(timeZone, from);
  const changes = offsetChanges(timeZone, from, to);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`];
  const observance = (start: string, fromOffset: number, toOffset: number, daylight: boolean) => {
    const kind = daylight ? "DAYLIGHT" : "STANDARD";
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${start}`,
      `TZOFFSETFROM:${offsetText(fromOffset)}`,
      `TZOFFSETTO:${offsetText(toOffset)}`,
      `END:${kind}`,
    );
  };
  const firstIsDaylight = changes[0] ? changes[0].to < changes[0].from : false;
  observance("19700101T000000", first, first, firstIsDaylight);
  for (const change of changes)
    observance(wallClock(change.at, change.from), change.from, change.to, change.to > change.from);
  lines.push("END:VTIMEZONE");
  return lines;
}

export interface CalendarItem extends AftercareWeekly {
  kind: "group" | "meeting";
}

/**
 * The feed. Each item repeats weekly from its first day on or after `startDay` (the discharge day),
 * an hour long, at its local time in the client's zone.
 */
export function aftercareCalendar(input: {
  items: readonly CalendarItem[];
  timeZone: string;
  startDay: LocalDate;
  now: Date;
}): string {
  const { items, timeZone, startDay, now } = input;
  const startYear = Number(startDay.slice(0, 4));
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Lantern//Calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:My week",
    `X-WR-TIMEZONE:${timeZone}`,
    ...vtimezone(timeZone, startYear, 10),
  ];
  for (const item of items) {
    const inFirstWeek = dayInWeek(mondayOf(startDay), item.weekday);
    const first = inFirstWeek < startDay ? addDays(inFirstWeek, 7) : inFirstWeek;
    lines.push(
      "BEGIN:VEVENT",
      `UID:${item.id}@lantern`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART;TZID=${timeZone}:${first.replace(/-/g, "")}T${item.time.replace(":", "")}00`,
      "DURATION:PT1H",
      `RRULE:FREQ=WEEKLY;BYDAY=${dayCodes[item.weekday]}`,
      `SUMMARY:${escapeText(item.kind === "meeting" ? "Meeting" : "Group")}`,
      ...(item.place ? [`LOCATION:${escapeText(item.place)}`] : []),
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
