import { describe, expect, it } from "vitest";
import { isCheckInEditable, isLateCheckIn, missedDays, unknownItemErrors } from "./check-in-rules.js";

describe("check-in rules", () => {
  it("marks a check-in late only when saved after its day", () => {
    expect(isLateCheckIn("2026-03-09", "2026-03-10")).toBe(true);
    expect(isLateCheckIn("2026-03-10", "2026-03-10")).toBe(false);
  });

  it("lets a check-in change only on the day it was first saved", () => {
    expect(isCheckInEditable("2026-03-10", "2026-03-10")).toBe(true);
    expect(isCheckInEditable("2026-03-10", "2026-03-11")).toBe(false);
  });

  it("lists the days of the last week without a check-in, newest first", () => {
    expect(missedDays("2026-03-10", ["2026-03-09", "2026-03-05"], null)).toEqual([
      "2026-03-08",
      "2026-03-07",
      "2026-03-06",
      "2026-03-04",
      "2026-03-03",
    ]);
  });

  it("does not offer days before the sobriety start date, nor today", () => {
    expect(missedDays("2026-03-10", [], "2026-03-08")).toEqual(["2026-03-09", "2026-03-08"]);
    expect(missedDays("2026-03-10", [], "2026-03-10")).toEqual([]);
  });

  it("counts across a month end and a daylight-saving change by calendar days", () => {
    expect(missedDays("2026-03-30", [], null, 2)).toEqual(["2026-03-29", "2026-03-28"]);
    expect(missedDays("2026-03-02", [], null, 3)).toEqual(["2026-03-01", "2026-02-28", "2026-02-27"]);
  });

  it("names each picked item that is not allowed", () => {
    const allowed = new Set(["x", "y"]);
    expect(unknownItemErrors(["x", "z", "y", "w"], allowed, "middleItemIds").map((e) => e.field)).toEqual([
      "middleItemIds.1",
      "middleItemIds.3",
    ]);
  });
});
