import { describe, expect, it } from "vitest";
import { caseloadFlags } from "./flags.js";

const base = {
  today: "2026-05-20",
  lastCheckIn: "2026-05-20",
  middleCounts: [],
  actDates: [],
  actTerm: "lapse",
};

describe("caseload flags", () => {
  it("raises nothing for a client who checked in today with a quiet week", () => {
    expect(caseloadFlags(base)).toEqual([]);
  });

  it("notes three or more days without a check-in, in plain words", () => {
    expect(caseloadFlags({ ...base, lastCheckIn: "2026-05-18" })).toEqual([]);
    expect(caseloadFlags({ ...base, lastCheckIn: "2026-05-16" })).toEqual([
      { kind: "no_check_in", detail: "No check-in for 4 days" },
    ]);
    expect(caseloadFlags({ ...base, lastCheckIn: null })).toEqual([
      { kind: "no_check_in", detail: "No check-ins yet" },
    ]);
  });

  it("notes middle-circle behaviours rising against the week before", () => {
    const middleCounts = [
      { date: "2026-05-10", count: 1 }, // the week before
      { date: "2026-05-15", count: 2 },
      { date: "2026-05-19", count: 2 },
      { date: "2026-05-01", count: 9 }, // too old to count
    ];
    expect(caseloadFlags({ ...base, middleCounts })).toEqual([
      {
        kind: "rising_middle_circle",
        detail: "Middle-circle behaviours up: 4 in the last 7 days, 1 in the 7 before",
      },
    ]);
    // Level with the week before: no flag.
    expect(
      caseloadFlags({ ...base, middleCounts: [...middleCounts, { date: "2026-05-08", count: 3 }] }),
    ).toEqual([]);
  });

  it("notes an inner-circle act in the last 7 days with the programme's word", () => {
    expect(caseloadFlags({ ...base, actDates: ["2026-05-13"] })).toEqual([]);
    expect(caseloadFlags({ ...base, actDates: ["2026-05-14"], actTerm: "slip" })).toEqual([
      { kind: "inner_circle_event", detail: "A slip logged on 2026-05-14" },
    ]);
    expect(caseloadFlags({ ...base, actDates: ["2026-05-14", "2026-05-19"] })).toEqual([
      { kind: "inner_circle_event", detail: "2 lapses logged in the last 7 days, the latest on 2026-05-19" },
    ]);
  });

  it("never uses shaming words", () => {
    const flags = caseloadFlags({
      today: "2026-05-20",
      lastCheckIn: null,
      middleCounts: [{ date: "2026-05-19", count: 5 }],
      actDates: ["2026-05-19"],
      actTerm: "relapse",
    });
    for (const f of flags) expect(f.detail).not.toMatch(/fail|reset|zero|relapsed/i);
  });
});
