import { describe, expect, it } from "vitest";
import { AssignExerciseRequest } from "./contracts.js";
import { checkExerciseAnswers, circleProposalOf, isAnswered, missingRequired } from "./rules.js";
import { exerciseTemplate, exerciseTemplates, promptsOf } from "./templates.js";

const consequences = exerciseTemplate("consequences-inventory")!;
const sexuality = exerciseTemplate("healthy-sexuality")!;

describe("exercise templates", () => {
  it("ships the ten exercises, each tied to a seed goal, with unique prompt ids and a required prompt", () => {
    expect(exerciseTemplates.map((t) => t.id)).toEqual([
      "powerlessness-inventory",
      "consequences-inventory",
      "distortions-log",
      "core-beliefs",
      "shame-and-guilt",
      "functions-and-needs",
      "relational-patterns",
      "harm-and-empathy",
      "healthy-sexuality",
      "damage-control-plan",
    ]);
    for (const template of exerciseTemplates) {
      expect(template.seedGoal.length).toBeGreaterThan(5);
      const ids = promptsOf(template).map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(promptsOf(template).some((p) => p.required)).toBe(true);
      for (const prompt of promptsOf(template))
        if (prompt.kind === "table") expect(prompt.rows?.length && prompt.columns?.length).toBeTruthy();
    }
  });

  it("maps consequences across life areas for the past, present and future", () => {
    const grid = promptsOf(consequences).find((p) => p.kind === "table")!;
    expect(grid.columns?.map((c) => c.id)).toEqual(["past", "present", "future"]);
    expect(grid.rows?.length).toBeGreaterThanOrEqual(6);
  });

  it("covers the five thinking traps", () => {
    const traps = promptsOf(exerciseTemplate("distortions-log")!).find((p) => p.kind === "table")!;
    expect(traps.rows?.map((r) => r.id)).toEqual([
      "denial",
      "justification",
      "rationalising",
      "minimising",
      "blaming",
    ]);
  });
});

describe("answers", () => {
  it("names unknown prompts, wrong kinds, unknown rows and columns", () => {
    const problems = checkExerciseAnswers(consequences, {
      nope: "x",
      heaviest: ["not text"],
      grid: { health: { past: "ok", later: "x" }, pets: { past: "x" } },
    });
    expect(problems.map((p) => p.field).sort()).toEqual([
      "answers.grid.health.later",
      "answers.grid.pets",
      "answers.heaviest",
      "answers.nope",
    ]);
    expect(checkExerciseAnswers(consequences, { grid: { money: { future: "debt" } }, heaviest: "" })).toEqual(
      [],
    );
  });

  it("counts only written words as an answer", () => {
    expect(isAnswered(undefined)).toBe(false);
    expect(isAnswered("  ")).toBe(false);
    expect(isAnswered(["", " "])).toBe(false);
    expect(isAnswered({ health: { past: " " } })).toBe(false);
    expect(isAnswered({ health: { past: "sleep" } })).toBe(true);
    expect(isAnswered(["one"])).toBe(true);
  });

  it("names the required prompts left empty", () => {
    expect(missingRequired(consequences, { grid: { health: { past: "" } } }).map((p) => p.field)).toEqual([
      "answers.grid",
      "answers.heaviest",
    ]);
    expect(missingRequired(consequences, { grid: { health: { past: "a" } }, heaviest: "b" })).toEqual([]);
  });

  it("proposes circle items from the healthy-sexuality lists, trimmed and once each", () => {
    expect(
      circleProposalOf(sexuality, {
        definition: "honest and kind",
        outer: ["Date nights", " date nights ", ""],
        inner: ["Paid sites"],
        middle: [],
      }),
    ).toEqual([
      { circle: "outer", text: "Date nights" },
      { circle: "inner", text: "Paid sites" },
    ]);
    expect(circleProposalOf(consequences, { heaviest: "x" })).toEqual([]);
  });

  it("requires a due date and a UUID objective id when one is given", () => {
    const base = { id: "019a0000-0000-7000-8000-000000000001", templateId: "core-beliefs" };
    expect(AssignExerciseRequest.safeParse(base).success).toBe(false);
    expect(AssignExerciseRequest.safeParse({ ...base, dueDate: "2026-12-31" }).success).toBe(true);
    const bad = AssignExerciseRequest.safeParse({ ...base, dueDate: "2026-12-31", objectiveId: "goal 1" });
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["objectiveId"]);
  });
});
