import { describe, expect, it } from "vitest";
import { median, urgeMinutes, urgePeak, urgeStats } from "./urge-stats.js";

const urge = (
  minutes: number,
  peak: number,
  outcome: "passed" | "middle_circle" | "inner_circle" = "passed",
) => ({
  startedAt: "2026-05-01T10:00:00.000Z",
  endedAt: new Date(Date.parse("2026-05-01T10:00:00.000Z") + minutes * 60_000).toISOString(),
  intensities: [1, peak, 0],
  outcome,
});

describe("urge statistics", () => {
  it("is all nulls with no urges", () => {
    expect(urgeStats([])).toEqual({ count: 0, medianMinutes: null, passedShare: null, medianPeak: null });
  });

  it("takes medians and the share that passed", () => {
    const stats = urgeStats([
      urge(10, 7),
      urge(20, 5, "inner_circle"),
      urge(4, 9),
      urge(12, 6, "middle_circle"),
    ]);
    expect(stats).toEqual({ count: 4, medianMinutes: 11, passedShare: 0.5, medianPeak: 6.5 });
  });

  it("measures minutes and peaks plainly", () => {
    expect(urgeMinutes("2026-05-01T10:00:00Z", "2026-05-01T10:07:30Z")).toBe(7.5);
    expect(urgeMinutes("2026-05-01T10:00:00Z", "2026-05-01T09:00:00Z")).toBe(0);
    expect(urgePeak([3, 8, 2])).toBe(8);
    expect(urgePeak([])).toBe(0);
    expect(median([3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });
});
