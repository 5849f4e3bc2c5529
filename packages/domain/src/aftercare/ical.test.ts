import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { aftercareCalendar, foldLine, offsetChanges } from "./ical.js";

declare const Buffer: { byteLength(text: string, encoding: "utf8"): number };

const items = [
  {
    id: "0193a7d4-0000-7000-8000-000000000002",
    kind: "meeting" as const,
    name: "Tuesday evening meeting at St Anne's",
    weekday: "tuesday" as const,
    time: "19:30",
    place: "St Anne's hall, side door; room 2",
  },
  {
    id: "0193a7d4-0000-7000-8000-000000000001",
    kind: "group" as const,
    name: "Aftercare group",
    weekday: "saturday" as const,
    time: "10:00",
    place: "",
  },
];

function occurrences(feed: string, uid: string, count: number) {
  const calendar = new ICAL.Component(ICAL.parse(feed));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getAllSubcomponents("vevent").find((e) => e.getFirstPropertyValue("uid") === uid);
  if (!vevent) throw new Error("no event");
  const event = new ICAL.Event(vevent);
  const iterator = event.iterator();
  const out: { local: string; utc: string }[] = [];
  for (let next = iterator.next(); next && out.length < count; next = iterator.next()) {
    out.push({ local: next.toString(), utc: next.toJSDate().toISOString() });
  }
  return { event, out };
}

describe("aftercare calendar feed", () => {
  const feed = aftercareCalendar({
    items,
    timeZone: "Europe/London",
    startDay: "2027-03-17",
    now: new Date("2027-03-17T12:00:00Z"),
  });

  it("uses CRLF line endings and folds lines at 75 octets", () => {
    expect(feed.endsWith("\r\n")).toBe(true);
    expect(feed.replace(/\r\n/g, "")).not.toMatch(/\n/);
    for (const line of feed.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const long = `SUMMARY:${"é".repeat(60)}`;
    const folded = foldLine(long);
    expect(folded.split("\r\n ").join("")).toBe(long);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
  });

  it("parses with ical.js; weekly occurrences keep their local time across the clocks changing", () => {
    const { event, out } = occurrences(feed, "0193a7d4-0000-7000-8000-000000000002@lantern", 3);
    expect(event.summary).toBe("Meeting");
    expect(event.location).toBe("St Anne's hall, side door; room 2");
    // First Tuesday on or after Wednesday 17 March is 23 March (GMT); 30 March is BST (+01:00).
    expect(out.map((o) => o.local)).toEqual([
      "2027-03-23T19:30:00",
      "2027-03-30T19:30:00",
      "2027-04-06T19:30:00",
    ]);
    expect(out.map((o) => o.utc)).toEqual([
      "2027-03-23T19:30:00.000Z",
      "2027-03-30T18:30:00.000Z",
      "2027-04-06T18:30:00.000Z",
    ]);
  });

  it("says nothing of treatment: titles are plain and the names typed in the plan stay out", () => {
    expect(feed).not.toMatch(/Aftercare group|evening meeting|treatment|recovery|therapy/i);
    const { event } = occurrences(feed, "0193a7d4-0000-7000-8000-000000000001@lantern", 1);
    expect(event.summary).toBe("Group");
  });

  it("keeps UIDs stable between two builds", () => {
    const again = aftercareCalendar({
      items,
      timeZone: "Europe/London",
      startDay: "2027-03-17",
      now: new Date("2027-04-01T08:00:00Z"),
    });
    const uids = (text: string) => text.split("\r\n").filter((l) => l.startsWith("UID:"));
    expect(uids(again)).toEqual(uids(feed));
  });

  it("finds the offset changes of a zone and none for UTC", () => {
    const from = Date.UTC(2027, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    expect(offsetChanges("Europe/London", from, to).map((c) => new Date(c.at).toISOString())).toEqual([
      "2027-03-28T01:00:00.000Z",
      "2027-10-31T01:00:00.000Z",
    ]);
    expect(offsetChanges("UTC", from, to)).toEqual([]);
    const southern = aftercareCalendar({
      items,
      timeZone: "Australia/Sydney",
      startDay: "2027-03-30",
      now: new Date(),
    });
    const { out } = occurrences(southern, "0193a7d4-0000-7000-8000-000000000001@lantern", 2);
    // Saturday 3 April 2027 is AEDT (+11:00); Sydney goes to AEST (+10:00) on Sunday 4 April.
    expect(out.map((o) => o.utc)).toEqual(["2027-04-02T23:00:00.000Z", "2027-04-10T00:00:00.000Z"]);
  });
});
