import { describe, expect, it } from "vitest";
import { SaveAftercareRequest } from "./contracts.js";
import { type AftercareState, missingAftercare, mondayOf, weekdayOf, weeklyAdherence } from "./rules.js";

const weekly = (id: string, weekday: "monday" | "thursday", time = "19:00") => ({
  id,
  name: "Thursday group",
  weekday,
  time,
  place: "Hall",
});
const complete: AftercareState = {
  therapist: { name: "A. Therapist", contact: "0123 456", firstAppointmentOn: "2026-12-03" },
  groups: [weekly("0193a7d4-0000-7000-8000-000000000001", "thursday")],
  meetings: [weekly("0193a7d4-0000-7000-8000-000000000002", "monday")],
  sponsor: { name: "Sam", contact: "07000 000000", supportContactId: null },
  reviews: { circles: { version: 2 }, prevention_plan: { version: 1 }, safety_plan: { version: 1 } },
  currentVersions: { circles: 2, prevention_plan: 1, safety_plan: 1 },
};

describe("missing aftercare items", () => {
  it("is empty for a complete plan", () => {
    expect(missingAftercare(complete, "2026-12-01")).toEqual([]);
  });

  it("names each missing item of an empty plan", () => {
    const empty: AftercareState = {
      therapist: null,
      groups: [],
      meetings: [],
      sponsor: null,
      reviews: { circles: null, prevention_plan: null, safety_plan: null },
      currentVersions: { circles: 1, prevention_plan: 0, safety_plan: 1 },
    };
    const missing = missingAftercare(empty, null);
    expect(missing.map((m) => m.item)).toEqual([
      "therapist",
      "groups",
      "meetings",
      "sponsor",
      "circles",
      "prevention_plan",
      "safety_plan",
    ]);
    expect(missing.find((m) => m.item === "prevention_plan")?.message).toMatch(
      /no relapse-prevention plan yet/,
    );
  });

  it("lists a first appointment before the discharge day, and circles changed since the review", () => {
    const missing = missingAftercare(
      { ...complete, currentVersions: { ...complete.currentVersions, circles: 3 } },
      "2026-12-05",
    );
    expect(missing.map((m) => m.field)).toEqual(["therapist.firstAppointmentOn", "reviews.circles"]);
    expect(missing[1]?.message).toMatch(/version 2, now 3/);
  });

  it("takes a sponsor from the support network without typing one", () => {
    const sponsor = { name: "", contact: "", supportContactId: "0193a7d4-0000-7000-8000-000000000009" };
    expect(missingAftercare({ ...complete, sponsor }, null)).toEqual([]);
    expect(
      missingAftercare({ ...complete, sponsor: { ...sponsor, supportContactId: null } }, null)[0]?.item,
    ).toBe("sponsor");
  });

  it("refuses a meeting without its weekday or time, naming the field", () => {
    const result = SaveAftercareRequest.safeParse({
      therapist: null,
      groups: [],
      meetings: [{ id: "0193a7d4-0000-7000-8000-000000000002", name: "Monday meeting", time: "25:00" }],
      sponsor: null,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([
      "meetings.0.weekday",
      "meetings.0.time",
    ]);
  });
});

describe("weekly adherence", () => {
  it("counts planned groups and meetings from the discharge day to today, and attended ones per week", () => {
    // Today is Wednesday 2026-12-09; discharged Tuesday 2026-12-01.
    expect(weekdayOf("2026-12-09")).toBe("wednesday");
    expect(mondayOf("2026-12-09")).toBe("2026-12-07");
    const weeks = weeklyAdherence(
      complete,
      "2026-12-01",
      [
        { on: "2026-12-03", kind: "group", attended: true },
        { on: "2026-12-07", kind: "meeting", attended: false },
        { on: "2026-12-08", kind: "therapy", attended: true },
      ],
      "2026-12-09",
      3,
    );
    expect(weeks).toEqual([
      { weekOf: "2026-11-23", planned: 0, attended: 0, therapyAttended: 0 },
      // Monday 30 Nov is before discharge; Thursday 3 Dec counts.
      { weekOf: "2026-11-30", planned: 1, attended: 1, therapyAttended: 0 },
      // Monday 7 Dec counts; Thursday 10 Dec is after today.
      { weekOf: "2026-12-07", planned: 1, attended: 0, therapyAttended: 1 },
    ]);
  });
});
