import { isValidTimeZone } from "@lantern/domain";

/** One choice in the time zone list: the IANA name as the value, with spaces for readability. */
export interface TimeZoneOption {
  value: string;
  label: string;
}

/** The browser's own time zone, or UTC when it is unknown. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : "UTC";
}

/** Every time zone this browser knows, sorted, always including UTC and the browser's own zone. */
export function timeZoneOptions(): TimeZoneOption[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  // Some engines list only canonical zones, which can leave out "UTC" or the zone the browser reports.
  zones.add("UTC");
  zones.add(browserTimeZone());
  return [...zones].sort().map((value) => ({ value, label: value.replaceAll("_", " ") }));
}
