import { describe, expect, it } from "vitest";
import { localDateOf } from "../recovery/local-date.js";
import {
  addMonths,
  CreateScheduleRequest,
  dueState,
  followUpMonth,
  nextOccurrence,
  occurrencesDueBy,
} from "./schedules.js";

const running = { stoppedOn: null };

describe("addMonths", () => {
  it("keeps the day of the month when the month has it", () => {
    expect(addMonths("2026-03-15", 1)).toBe("2026-04-15");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2026-12-10", 12)).toBe("2027-12-10");
  });

  it("uses the month's last day at month ends, leap years included", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-08-31", 1)).toBe("2026-09-30");
    expect(addMonths("2028-02-29", 12)).toBe("2029-02-28");
    expect(addMonths("2026-10-31", 6)).toBe("2027-04-30");
  });
});

describe("occurrencesDueBy", () => {
  it("gives admission and discharge once, on their day", () => {
    for (const kind of ["admission", "discharge"] as const) {
      const schedule = { kind, startDay: "2026-12-01", ...running };
      expect(occurrencesDueBy(schedule, "2026-11-30")).toEqual([]);
      expect(occurrencesDueBy(schedule, "2026-12-01")).toEqual(["2026-12-01"]);
      expect(occurrencesDueBy(schedule, "2027-06-01")).toEqual(["2026-12-01"]);
    }
  });

  it("gives weekly occurrences from the start day until the due day", () => {
    const weekly = { kind: "weekly" as const, startDay: "2026-12-01", ...running };
    expect(occurrencesDueBy(weekly, "2026-11-30")).toEqual([]);
    expect(occurrencesDueBy(weekly, "2026-12-07")).toEqual(["2026-12-01"]);
    expect(occurrencesDueBy(weekly, "2026-12-15")).toEqual(["2026-12-01", "2026-12-08", "2026-12-15"]);
    // Across the turn of the year.
    expect(occurrencesDueBy(weekly, "2027-01-04").at(-1)).toBe("2026-12-29");
    expect(occurrencesDueBy(weekly, "2027-01-05").at(-1)).toBe("2027-01-05");
  });

  it("stops a weekly schedule before its stop day", () => {
    const stopped = { kind: "weekly" as const, startDay: "2026-12-01", stoppedOn: "2026-12-15" };
    expect(occurrencesDueBy(stopped, "2027-03-01")).toEqual(["2026-12-01", "2026-12-08"]);
    expect(occurrencesDueBy(stopped, "2026-12-05")).toEqual(["2026-12-01"]);
    expect(nextOccurrence(stopped, "2026-12-05")).toBeNull();
  });

  it("gives follow-ups 1, 3, 6 and 12 months after discharge, at month ends too, then yearly", () => {
    const followUp = { kind: "follow_up" as const, startDay: "2026-08-31", ...running };
    expect(occurrencesDueBy(followUp, "2026-09-29")).toEqual([]);
    expect(occurrencesDueBy(followUp, "2026-09-30")).toEqual(["2026-09-30"]);
    expect(occurrencesDueBy(followUp, "2028-01-01")).toEqual([
      "2026-09-30",
      "2026-11-30",
      "2027-02-28",
      "2027-08-31",
    ]);
    expect(nextOccurrence(followUp, "2026-09-30")).toBe("2026-11-30");
    expect(nextOccurrence(followUp, "2027-08-31")).toBe("2028-08-31");
    expect(occurrencesDueBy(followUp, "2029-08-30").slice(4)).toEqual(["2028-08-31"]);
  });

  it("numbers the follow-ups 1, 3, 6, 12, then 24, 36, 48 months", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(followUpMonth)).toEqual([1, 3, 6, 12, 24, 36, 48]);
  });

  it("keeps yearly follow-ups on a leap day without drifting", () => {
    const leap = { kind: "follow_up" as const, startDay: "2028-02-29", ...running };
    expect(occurrencesDueBy(leap, "2032-03-01")).toEqual([
      "2028-03-29",
      "2028-05-29",
      "2028-08-29",
      "2029-02-28",
      "2030-02-28",
      "2031-02-28",
      "2032-02-29",
    ]);
    expect(nextOccurrence(leap, "2031-02-28")).toBe("2032-02-29");
    expect(nextOccurrence(leap, "2032-02-28")).toBe("2032-02-29");
  });

  it("keeps yearly follow-ups at a 31st month end", () => {
    const monthEnd = { kind: "follow_up" as const, startDay: "2026-12-31", ...running };
    expect(occurrencesDueBy(monthEnd, "2029-12-31")).toEqual([
      "2027-01-31",
      "2027-03-31",
      "2027-06-30",
      "2027-12-31",
      "2028-12-31",
      "2029-12-31",
    ]);
  });

  it("stops yearly follow-ups before the stop day and bounds a long-running schedule", () => {
    const stopped = { kind: "follow_up" as const, startDay: "2026-01-15", stoppedOn: "2029-01-15" };
    expect(occurrencesDueBy(stopped, "2040-01-01")).toEqual([
      "2026-02-15",
      "2026-04-15",
      "2026-07-15",
      "2027-01-15",
      "2028-01-15",
    ]);
    expect(nextOccurrence(stopped, "2028-06-01")).toBeNull();
    const forever = { kind: "follow_up" as const, startDay: "2026-01-15", ...running };
    const all = occurrencesDueBy(forever, "9999-12-31");
    expect(all).toHaveLength(104);
    expect(all.at(-1)).toBe("2127-01-15");
    expect(nextOccurrence(forever, "9999-12-31")).toBeNull();
  });

  it("counts on the client's local day, not the server's", () => {
    const admission = { kind: "admission" as const, startDay: "2026-12-01", ...running };
    // 23:30 UTC on 30 November is already 1 December in Auckland, still 30 November in New York.
    const instant = new Date("2026-11-30T23:30:00Z");
    expect(occurrencesDueBy(admission, localDateOf(instant, "Pacific/Auckland"))).toEqual(["2026-12-01"]);
    expect(occurrencesDueBy(admission, localDateOf(instant, "America/New_York"))).toEqual([]);
  });

  it("names the next weekly day", () => {
    const weekly = { kind: "weekly" as const, startDay: "2026-12-01", ...running };
    expect(nextOccurrence(weekly, "2026-11-20")).toBe("2026-12-01");
    expect(nextOccurrence(weekly, "2026-12-01")).toBe("2026-12-08");
    expect(nextOccurrence(weekly, "2026-12-07")).toBe("2026-12-08");
  });
});

describe("dueState", () => {
  it("is due today or with no day, overdue after, nothing before", () => {
    expect(dueState("2026-12-01", "2026-12-01")).toBe("due");
    expect(dueState(null, "2026-12-01")).toBe("due");
    expect(dueState("2026-11-30", "2026-12-01")).toBe("overdue");
    expect(dueState("2026-12-02", "2026-12-01")).toBeNull();
  });
});

describe("CreateScheduleRequest", () => {
  it("names an empty battery and an unknown kind", () => {
    const bad = CreateScheduleRequest.safeParse({
      id: "019a0000-0000-7000-8000-000000000001",
      kind: "monthly",
      instrumentIds: [],
      startDay: "2026-12-01",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["kind", "instrumentIds"]);
  });
});
