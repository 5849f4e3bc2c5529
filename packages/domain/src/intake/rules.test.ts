import { describe, expect, it } from "vitest";
import { intakeArea, intakeAreaIds, intakeAreas, type Severity } from "./areas.js";
import { SaveIntakeRequest, SaveProblemRequest } from "./contracts.js";
import {
  areaEvidence,
  areaProgress,
  checkAreaAnswers,
  checkIntakeUpdate,
  compareProblems,
  draftProblemList,
  type RatedArea,
  unratedAreas,
} from "./rules.js";

const area = (id: string) => {
  const found = intakeArea(id);
  if (!found) throw new Error(id);
  return found;
};
const fields = (errors: { field: string }[]) => errors.map((error) => error.field);
const rated = (id: string, severity: Severity | null, summary: string | null = null): RatedArea => ({
  area: id,
  severity,
  summary,
  clinicianAnswers: null,
  clientAnswers: null,
});

describe("intake areas", () => {
  it("covers every part of a biopsychosocial intake, each once", () => {
    expect(intakeAreaIds).toEqual([
      "presenting",
      "sexual_history",
      "behaviours",
      "health",
      "relationships",
      "work",
      "money",
      "law",
      "substance_use",
      "mental_health",
      "trauma_family",
      "strengths",
      "supports",
      "readiness",
    ]);
    expect(new Set(intakeAreaIds).size).toBe(intakeAreaIds.length);
    for (const spec of intakeAreas) expect(spec.fields.some((field) => field.id === "notes")).toBe(true);
  });

  it("keeps sexual history, mental health and trauma for the session with the clinician", () => {
    expect(intakeAreas.filter((spec) => !spec.clientMayFill).map((spec) => spec.id)).toEqual([
      "sexual_history",
      "mental_health",
      "trauma_family",
    ]);
  });
});

describe("checkAreaAnswers", () => {
  it("trims text, leaves blanks out and keeps valid choices, scales and rows", () => {
    const result = checkAreaAnswers(area("behaviours"), {
      items: [
        { behaviour: "  Late-night browsing ", frequency: "daily", last: "week" },
        { behaviour: "", frequency: null },
      ],
      notes: "   ",
    });
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual({
      items: [{ behaviour: "Late-night browsing", frequency: "daily", last: "week" }],
    });
    expect(checkAreaAnswers(area("readiness"), { importance: 7, confidence: 0 }).answers).toEqual({
      importance: 7,
      confidence: 0,
    });
  });

  it("names unknown fields, unknown columns, bad choices and numbers out of range", () => {
    const result = checkAreaAnswers(area("behaviours"), {
      colour: "blue",
      items: [{ behaviour: "x", frequency: "hourly", mood: 3 }, { frequency: "weekly" }],
    });
    expect(fields(result.errors).sort()).toEqual([
      "areas.behaviours.answers.colour",
      "areas.behaviours.answers.items.0.frequency",
      "areas.behaviours.answers.items.0.mood",
      "areas.behaviours.answers.items.1.behaviour",
    ]);
    const scale = checkAreaAnswers(area("readiness"), { importance: 11, confidence: 2.5 });
    expect(fields(scale.errors)).toEqual([
      "areas.readiness.answers.importance",
      "areas.readiness.answers.confidence",
    ]);
    expect(fields(checkAreaAnswers(area("presenting"), { reason: 4 }).errors)).toEqual([
      "areas.presenting.answers.reason",
    ]);
    expect(fields(checkAreaAnswers(area("presenting"), { since: "x".repeat(201) }).errors)).toEqual([
      "areas.presenting.answers.since",
    ]);
  });

  it("asks each timeline moment for an age or a year", () => {
    const ok = checkAreaAnswers(area("sexual_history"), {
      timeline: [
        { age: 12, event: "First saw explicit images" },
        { year: 2019, event: "Began using apps daily" },
      ],
    });
    expect(ok.errors).toEqual([]);
    const missing = checkAreaAnswers(area("sexual_history"), { timeline: [{ event: "No date given" }] });
    expect(fields(missing.errors)).toEqual(["areas.sexual_history.answers.timeline.0.age"]);
    const old = checkAreaAnswers(area("sexual_history"), { timeline: [{ age: 130, event: "x" }] });
    expect(fields(old.errors)).toEqual(["areas.sexual_history.answers.timeline.0.age"]);
  });
});

describe("checkIntakeUpdate", () => {
  it("names unknown areas for anyone", () => {
    const { errors } = checkIntakeUpdate({ hobbies: { answers: {} } }, "clinician");
    expect(errors).toEqual([expect.objectContaining({ field: "areas.hobbies", kind: "invalid" })]);
  });

  it("lets a client write only the answers of the areas they may pre-fill", () => {
    const { errors } = checkIntakeUpdate(
      {
        presenting: { answers: { reason: "I keep losing nights." }, severity: "mild", summary: "x" },
        mental_health: { answers: {} },
      },
      "client",
    );
    expect(errors.map((e) => [e.field, e.kind])).toEqual([
      ["areas.presenting.severity", "forbidden"],
      ["areas.presenting.summary", "forbidden"],
      ["areas.mental_health", "forbidden"],
    ]);
    expect(checkIntakeUpdate({ presenting: { answers: { reason: "ok" } } }, "client").errors).toEqual([]);
  });

  it("lets a clinician write every area, the rating and the summary", () => {
    const result = checkIntakeUpdate(
      { trauma_family: { answers: { family: "Two sisters." }, severity: "moderate", summary: "  Loss.  " } },
      "clinician",
    );
    expect(result.errors).toEqual([]);
    expect(result.areas.trauma_family).toEqual({
      answers: { family: "Two sisters." },
      severity: "moderate",
      summary: "Loss.",
    });
  });
});

describe("areaProgress and unratedAreas", () => {
  it("counts filled fields out of all fields", () => {
    expect(areaProgress(area("presenting"), {})).toEqual({ filled: 0, total: 4 });
    expect(areaProgress(area("presenting"), { reason: "a", hopes: "b" })).toEqual({ filled: 2, total: 4 });
    expect(areaProgress(area("behaviours"), { items: [] })).toEqual({ filled: 0, total: 2 });
  });

  it("lists the areas still unrated, in form order", () => {
    const all = Object.fromEntries(intakeAreaIds.map((id) => [id, "none" as const]));
    expect(unratedAreas(all)).toEqual([]);
    expect(unratedAreas({ ...all, law: null, presenting: undefined })).toEqual(["presenting", "law"]);
    expect(unratedAreas({})).toHaveLength(intakeAreaIds.length);
  });
});

describe("draftProblemList", () => {
  it("drafts one problem per moderate or severe area, most severe first, with the summary as evidence", () => {
    const problems = draftProblemList(
      [
        rated("presenting", "moderate", "Wants to stop before the wedding."),
        rated("behaviours", "severe", "Nightly, several hours."),
        rated("health", "mild", "Poor sleep."),
        rated("money", "severe", "Debts from paid sites."),
        rated("strengths", "none"),
        rated("law", null),
      ],
      [],
    );
    expect(problems).toEqual([
      {
        area: "behaviours",
        title: "Compulsive sexual behaviour",
        detail: "Nightly, several hours.",
        severity: "severe",
      },
      {
        area: "money",
        title: "Consequences for money",
        detail: "Debts from paid sites.",
        severity: "severe",
      },
      {
        area: "presenting",
        title: "Reason for seeking help",
        detail: "Wants to stop before the wedding.",
        severity: "moderate",
      },
    ]);
  });

  it("adds nothing for an area that already has a problem", () => {
    const areas = [rated("behaviours", "severe"), rated("work", "moderate")];
    expect(draftProblemList(areas, [{ area: "behaviours" }]).map((p) => p.area)).toEqual(["work"]);
    expect(draftProblemList(areas, [{ area: "behaviours" }, { area: "work" }])).toEqual([]);
  });

  it("falls back to the clinician's notes, then the client's, for the evidence", () => {
    const base = rated("work", "moderate");
    expect(areaEvidence({ ...base, clinicianAnswers: { notes: "Warned twice." } })).toBe("Warned twice.");
    expect(areaEvidence({ ...base, clientAnswers: { notes: "Late most days." } })).toBe("Late most days.");
    expect(areaEvidence(base)).toBe("");
  });

  it("orders by severity, then by the area's place in the form", () => {
    const list = [
      { severity: "moderate" as const, area: "law" },
      { severity: "severe" as const, area: "work" },
      { severity: "moderate" as const, area: "presenting" },
      { severity: "mild" as const, area: "behaviours" },
    ].sort(compareProblems);
    expect(list.map((p) => p.area)).toEqual(["work", "presenting", "law", "behaviours"]);
  });
});

describe("intake contracts", () => {
  it("refuses unknown fields and severities outside the four values", () => {
    expect(SaveIntakeRequest.safeParse({ areas: { presenting: { severity: "extreme" } } }).success).toBe(
      false,
    );
    expect(SaveIntakeRequest.safeParse({ areas: {}, extra: 1 }).success).toBe(false);
    expect(SaveIntakeRequest.safeParse({ areas: { presenting: { severity: "none" } } }).success).toBe(true);
  });

  it("takes a problem only for a known area and a real severity", () => {
    const ok = { area: "work", title: "Work", detail: "", severity: "moderate" };
    expect(SaveProblemRequest.safeParse(ok).success).toBe(true);
    expect(SaveProblemRequest.safeParse({ ...ok, area: "hobbies" }).success).toBe(false);
    expect(SaveProblemRequest.safeParse({ ...ok, severity: "none" }).success).toBe(false);
    expect(SaveProblemRequest.safeParse({ ...ok, title: "  " }).success).toBe(false);
  });
});
