import { describe, expect, it } from "vitest";
import { localHourAndWeekday, patternsOf } from "./patterns.js";

describe("patterns", () => {
  it("reads hours and weekdays in the client's zone, Monday first", () => {
    // 23:30 UTC on Sunday 3 May 2026 is 09:30 on Monday 4 May in Sydney.
    expect(localHourAndWeekday("2026-05-03T23:30:00Z", "Australia/Sydney")).toEqual({ hour: 9, weekday: 1 });
    expect(localHourAndWeekday("2026-05-03T23:30:00Z", "UTC")).toEqual({ hour: 23, weekday: 7 });
    // Midnight is hour 0, not 24.
    expect(localHourAndWeekday("2026-05-05T00:10:00Z", "UTC")).toEqual({ hour: 0, weekday: 2 });
  });

  it("counts urges and acts by trigger, hour and weekday", () => {
    const p = patternsOf({
      urges: [
        { triggerId: "t1", at: "2026-05-04T21:00:00Z" },
        { triggerId: "t1", at: "2026-05-05T21:30:00Z" },
        { triggerId: "t2", at: "2026-05-05T08:00:00Z" },
        { triggerId: null, at: "2026-05-05T08:10:00Z" },
        { triggerId: "unknown", at: "2026-05-05T08:10:00Z" },
      ],
      acts: [{ triggerId: "t1", at: "2026-05-05T21:30:00Z" }],
      triggers: [
        { id: "t1", label: "Alone late at night" },
        { id: "t2", label: "Stress at work" },
        { id: "t3", label: "Never used" },
      ],
      timeZone: "Europe/London",
    });
    expect(p.byTrigger).toEqual([
      { triggerId: "t1", label: "Alone late at night", urges: 2, acts: 1 },
      { triggerId: "t2", label: "Stress at work", urges: 1, acts: 0 },
    ]);
    expect(p.byHour).toHaveLength(24);
    // 21:00 UTC is 22:00 in London summer time.
    expect(p.byHour[22]).toEqual({ hour: 22, urges: 2, acts: 1 });
    expect(p.byHour[9]).toEqual({ hour: 9, urges: 3, acts: 0 });
    expect(p.byWeekday.map((d) => d.urges)).toEqual([1, 4, 0, 0, 0, 0, 0]);
    expect(p.byWeekday[1]).toEqual({ weekday: 2, urges: 4, acts: 1 });
  });

  it("is all zeros with nothing logged", () => {
    const p = patternsOf({ urges: [], acts: [], triggers: [], timeZone: "UTC" });
    expect(p.byTrigger).toEqual([]);
    expect(p.byHour.every((h) => h.urges === 0 && h.acts === 0)).toBe(true);
    expect(p.byWeekday).toHaveLength(7);
  });
});
