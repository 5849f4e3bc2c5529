import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LedgerEvent, milestonesUpTo, nextMilestone, summariseLedger } from "./ledger.js";
import { addDays, daysBetween, isLocalDate, localDateOf } from "./local-date.js";

let n = 0;
const at = () => `2026-01-01T00:00:${String(n++ % 60).padStart(2, "0")}.000Z`;
const start = (date: string): LedgerEvent => ({
  id: `s${n}`,
  kind: "sobriety_start",
  date,
  recordedAt: at(),
});
const act = (date: string, id = `a${date}`): LedgerEvent => ({
  id,
  kind: "inner_circle_act",
  date,
  recordedAt: at(),
});

describe("local days", () => {
  it("takes the calendar day in the client's zone, across daylight-saving changes", () => {
    // 01:30 UTC on the morning US clocks spring forward is still the evening before in New York.
    expect(localDateOf("2026-03-08T01:30:00Z", "America/New_York")).toBe("2026-03-07");
    expect(localDateOf("2026-03-08T12:00:00Z", "America/New_York")).toBe("2026-03-08");
    // London's autumn change: 00:30 UTC on 25 October is 01:30 BST, the same day.
    expect(localDateOf("2026-10-25T00:30:00Z", "Europe/London")).toBe("2026-10-25");
    // Far east of UTC the day has already turned.
    expect(localDateOf("2026-06-30T13:00:00Z", "Pacific/Auckland")).toBe("2026-07-01");
  });

  it("counts calendar days without drift over a daylight-saving change", () => {
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(isLocalDate("2026-02-30")).toBe(false);
    expect(isLocalDate("2026-12-31")).toBe(true);
  });

  it("gives every instant of a day in a zone the same local date, whatever the UTC offset", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 3 }),
        fc.constantFrom("America/New_York", "Europe/London", "Australia/Sydney"),
        (offset, zone) => {
          const day = addDays("2025-01-01", offset);
          // Noon local time is never skipped or repeated by a DST change.
          const noon = new Date(`${day}T12:00:00Z`);
          const local = localDateOf(noon, zone);
          expect(Math.abs(daysBetween(day, local))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe("the sobriety ledger", () => {
  it("counts days since the start when there has been no act", () => {
    const s = summariseLedger([start("2026-01-01")], "2026-01-31");
    expect(s.currentStreak).toBe(30);
    expect(s.longestStreak).toBe(30);
    expect(s.soberDaysLast365).toBe(30);
    expect(s.milestonesReached).toEqual([1, 7, 14, 30]);
    expect(s.nextMilestone).toBe(60);
  });

  it("resets days-since after an inner-circle act but keeps the longest run and the sober days", () => {
    const s = summariseLedger([start("2026-01-01"), act("2026-03-02")], "2026-03-12");
    expect(s.currentStreak).toBe(10);
    expect(s.longestStreak).toBe(60);
    // 1 Jan to 11 Mar is 70 days; one of them had an act.
    expect(s.soberDaysLast365).toBe(69);
    expect(s.lastActDate).toBe("2026-03-02");
  });

  it("ignores acts before the start date and counts two acts on one day once", () => {
    const s = summariseLedger(
      [act("2025-12-20"), start("2026-01-01"), act("2026-01-05"), act("2026-01-05", "again")],
      "2026-01-10",
    );
    expect(s.currentStreak).toBe(5);
    expect(s.actsInLast365).toBe(1);
  });

  it("treats a correction as a new event that voids the old one", () => {
    const mistaken = act("2026-01-20", "mistake");
    const events: LedgerEvent[] = [
      start("2026-01-01"),
      mistaken,
      { id: "v", kind: "void", targetId: "mistake", recordedAt: at() },
    ];
    expect(summariseLedger(events, "2026-02-01").currentStreak).toBe(31);
  });

  it("uses the start date recorded last", () => {
    const s = summariseLedger([start("2026-01-01"), start("2026-01-10")], "2026-01-20");
    expect(s.startDate).toBe("2026-01-10");
    expect(s.currentStreak).toBe(10);
  });

  it("counts sober days only within the last 365 days", () => {
    const s = summariseLedger([start("2024-01-01")], "2026-06-01");
    expect(s.soberDaysLast365).toBe(365);
    expect(s.currentStreak).toBe(daysBetween("2024-01-01", "2026-06-01"));
    expect(s.milestonesReached.slice(-2)).toEqual([365, 730]);
  });

  it("has yearly milestones after the first year", () => {
    expect(milestonesUpTo(800)).toEqual([1, 7, 14, 30, 60, 90, 180, 365, 730]);
    expect(nextMilestone(365)).toBe(730);
    expect(nextMilestone(0)).toBe(1);
  });

  it("never lets the longest run shrink or sober days exceed the days since the start", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 20 }),
        fc.integer({ min: 0, max: 500 }),
        (actOffsets, todayOffset) => {
          const today = addDays("2025-01-01", todayOffset);
          const events = [start("2025-01-01"), ...actOffsets.map((o) => act(addDays("2025-01-01", o)))];
          const s = summariseLedger(events, today);
          expect(s.longestStreak).toBeGreaterThanOrEqual(s.currentStreak);
          expect(s.soberDaysLast365).toBeLessThanOrEqual(Math.min(365, todayOffset));
          expect(s.currentStreak).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("the ledger across time zones and daylight-saving changes", () => {
  it("counts whole local days through a spring-forward and a fall-back night", () => {
    // New York springs forward on 2026-03-08 and falls back on 2026-11-01.
    const evening = (iso: string) => localDateOf(iso, "America/New_York");
    const startDay = evening("2026-03-07T23:30:00-05:00");
    const afterSpring = evening("2026-03-09T00:30:00-04:00");
    expect(summariseLedger([start(startDay)], afterSpring).currentStreak).toBe(2);
    const afterFall = evening("2026-11-02T00:30:00-05:00");
    expect(summariseLedger([start("2026-10-31")], afterFall).currentStreak).toBe(2);
  });

  it("gives the same instant a different day, and so a different count, on each side of the date line", () => {
    const instant = "2026-06-30T20:00:00Z";
    const events = [start("2026-06-01")];
    const auckland = summariseLedger(events, localDateOf(instant, "Pacific/Auckland"));
    const losAngeles = summariseLedger(events, localDateOf(instant, "America/Los_Angeles"));
    expect(auckland.currentStreak).toBe(30);
    expect(losAngeles.currentStreak).toBe(29);
  });

  it("dates an act by the client's local day, so an act late in the evening does not land on tomorrow", () => {
    const lateEvening = localDateOf("2026-03-29T00:30:00Z", "America/Los_Angeles");
    expect(lateEvening).toBe("2026-03-28");
    const s = summariseLedger([start("2026-03-01"), act(lateEvening)], "2026-03-29");
    expect(s.lastActDate).toBe("2026-03-28");
    expect(s.currentStreak).toBe(1);
    expect(s.longestStreak).toBe(27);
  });
});
