import { describe, expect, it } from "vitest";
import { ImportLibraryRequest, type PlanContent, SavePlanDraftRequest } from "./contracts.js";
import { lanternGoalLibrary, librarySeedGoals } from "./library.js";
import {
  addIntakeProblems,
  canonicalSignedContent,
  checkPlanQuality,
  individualTexts,
  normaliseForComparison,
  planStructureErrors,
  requiredSignerRoles,
  reviewState,
  targetMet,
} from "./rules.js";

const ids = {
  problem: "019a0000-0000-7000-8000-000000000001",
  problem2: "019a0000-0000-7000-8000-000000000002",
  goal: "019a0000-0000-7000-8000-000000000011",
  objective: "019a0000-0000-7000-8000-000000000021",
  objective2: "019a0000-0000-7000-8000-000000000022",
  intervention: "019a0000-0000-7000-8000-000000000031",
};

/** A plan that passes every rule. */
function goodPlan(): PlanContent {
  return {
    problems: [
      { id: ids.problem, title: "Compulsive porn use at night", severity: "severe", intakeProblemId: null },
    ],
    goals: [
      {
        id: ids.goal,
        problemId: ids.problem,
        clientWords: "I want my evenings back.",
        statement: "Client will abstain from inner-circle behaviours.",
        libraryGoalId: "lantern.stop-behaviours",
      },
    ],
    objectives: [
      {
        id: ids.objective,
        goalId: ids.goal,
        description: "Check in every day",
        metric: "Check-ins a week",
        baseline: "1 a week",
        target: "5 a week",
        targetDate: "2027-02-01",
        link: null,
      },
    ],
    interventions: [
      {
        id: ids.intervention,
        goalId: ids.goal,
        modality: "Individual therapy",
        frequency: "Weekly",
        responsibleUserId: null,
      },
    ],
  };
}

describe("the plan-quality check", () => {
  it("passes a complete, measurable plan", () => {
    expect(checkPlanQuality(goodPlan())).toEqual([]);
  });

  it("names a vague objective without a target or date", () => {
    const plan = goodPlan();
    plan.objectives[0] = { ...plan.objectives[0]!, target: "feel better", targetDate: null };
    const issues = checkPlanQuality(plan);
    expect(issues.map((i) => [i.rule, i.field])).toEqual([
      ["objective_not_measurable", `objectives.${ids.objective}.target`],
      ["objective_no_date", `objectives.${ids.objective}.targetDate`],
    ]);
    expect(issues[0]?.message).toContain('"Check in every day"');
    expect(issues.every((i) => i.level === "blocking")).toBe(true);
  });

  it("accepts a linked measure as measurable without a number in the text", () => {
    const plan = goodPlan();
    plan.objectives[0] = {
      ...plan.objectives[0]!,
      metric: "",
      target: "",
      link: { kind: "instrument_score", instrumentId: "phq-9", direction: "below", value: 9 },
    };
    expect(checkPlanQuality(plan)).toEqual([]);
  });

  it("wants the client's own words and a clinical statement on each goal", () => {
    const plan = goodPlan();
    plan.goals[0] = { ...plan.goals[0]!, clientWords: "  ", statement: "" };
    expect(checkPlanQuality(plan).map((i) => i.rule)).toEqual(["goal_no_client_words", "goal_no_statement"]);
  });

  it("finds problems no goal addresses, and severe ones without an objective", () => {
    const plan = goodPlan();
    plan.problems.push({
      id: ids.problem2,
      title: "Isolation",
      severity: "moderate",
      intakeProblemId: "intake-7",
    });
    expect(checkPlanQuality(plan).map((i) => [i.rule, i.itemId])).toEqual([
      ["problem_unaddressed", ids.problem2],
    ]);

    plan.problems[1] = { ...plan.problems[1]!, severity: "severe" };
    expect(checkPlanQuality(plan).map((i) => i.rule)).toEqual(["severe_problem_unaddressed"]);

    // A severe problem whose goal has no objective is not yet addressed either.
    const noObjective = goodPlan();
    noObjective.objectives = [];
    expect(checkPlanQuality(noObjective).map((i) => i.rule)).toEqual([
      "severe_problem_unaddressed",
      "goal_no_objective",
    ]);
  });

  it("asks for a problem in an empty plan", () => {
    expect(
      checkPlanQuality({ problems: [], goals: [], objectives: [], interventions: [] }).map((i) => i.rule),
    ).toEqual(["empty_plan"]);
  });

  it("reports text found in another client's plan as a warning on that field", () => {
    const field = `goals.${ids.goal}.statement`;
    const issues = checkPlanQuality(goodPlan(), [field, field, "goals.unknown.statement"]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      rule: "text_used_for_another_client",
      level: "warning",
      itemId: ids.goal,
      field,
    });
  });
});

describe("plan structure", () => {
  it("refuses dangling references, repeated ids and uncomputable links", () => {
    const plan = goodPlan();
    plan.goals[0] = { ...plan.goals[0]!, problemId: ids.problem2 };
    plan.objectives.push({ ...plan.objectives[0]!, id: ids.objective, goalId: ids.problem });
    plan.objectives[0] = {
      ...plan.objectives[0]!,
      link: { kind: "instrument_score", instrumentId: "csbd-19", direction: "below", value: 10 },
    };
    expect(planStructureErrors(plan).map((e) => e.field)).toEqual([
      `objectives.${ids.objective}.id`,
      `goals.${ids.goal}.problemId`,
      `objectives.${ids.objective}.link.instrumentId`,
      `objectives.${ids.objective}.goalId`,
    ]);
    expect(planStructureErrors(goodPlan())).toEqual([]);
  });

  it("refuses unknown fields in a draft, naming them", () => {
    const parsed = SavePlanDraftRequest.safeParse({ revision: 0, content: { ...goodPlan(), notes: "x" } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["content"]);
    expect(parsed.error?.issues[0]?.message).toMatch(/notes/);
  });
});

describe("signatures and reviews", () => {
  it("hashes the same content to the same text whatever the key order", () => {
    const meta = { clientId: "c", versionId: "v", version: 1 };
    const plan = goodPlan();
    const reordered: PlanContent = {
      interventions: plan.interventions,
      objectives: plan.objectives,
      goals: plan.goals,
      problems: [],
    };
    reordered.problems = plan.problems.map((p) => ({
      intakeProblemId: p.intakeProblemId,
      severity: p.severity,
      title: p.title,
      id: p.id,
    }));
    expect(canonicalSignedContent(meta, reordered)).toBe(canonicalSignedContent(meta, plan));
    const changed = goodPlan();
    changed.objectives[0] = { ...changed.objectives[0]!, target: "6 a week" };
    expect(canonicalSignedContent(meta, changed)).not.toBe(canonicalSignedContent(meta, plan));
  });

  it("asks for a supervisor only where the programme requires one", () => {
    expect(requiredSignerRoles({ reviewDays: 90, supervisorRequired: false })).toEqual([
      "client",
      "clinician",
    ]);
    expect(requiredSignerRoles({ reviewDays: 90, supervisorRequired: true })).toEqual([
      "client",
      "clinician",
      "supervisor",
    ]);
  });

  it("counts the review from the last review day on the programme's cadence", () => {
    const settings = { reviewDays: 90, supervisorRequired: false };
    expect(reviewState(null, "2026-12-01", settings).status).toBe("not_started");
    expect(reviewState("2026-09-01", "2026-11-01", settings)).toMatchObject({
      dueDate: "2026-11-30",
      status: "ok",
    });
    expect(reviewState("2026-09-01", "2026-11-16", settings).status).toBe("due_soon");
    expect(reviewState("2026-09-01", "2026-11-30", settings).status).toBe("due_soon");
    expect(reviewState("2026-09-01", "2026-12-01", settings).status).toBe("overdue");
  });

  it("meets a target at or below, or at or above, its value", () => {
    expect(targetMet(9, "below", 9)).toBe(true);
    expect(targetMet(10, "below", 9)).toBe(false);
    expect(targetMet(5, "above", 5)).toBe(true);
    expect(targetMet(4, "above", 5)).toBe(false);
  });
});

describe("the goal library", () => {
  it("has one entry for every seed goal in the product brief's traceability table", () => {
    const seedRows = [
      "reduce and stop the compulsive behaviours",
      "urges pass; they are not orders",
      "know triggers and have strategies",
      "a caring support system and people to call before a relapse",
      "less denial, justification, rationalising, minimising",
      "healthy self-esteem instead of negative core beliefs",
      "heal shame",
      "slips become lessons, not failures",
      "understand the inner drivers; self-regulation; reflect on thoughts and feelings",
      "better relationships; fewer relationship conflicts; intimacy and early neglect (clinical)",
      "integrate split-off parts; old relational patterns (clinical)",
      "what function the behaviour serves",
      "a clear definition of healthy sexuality vs shaming, self-harming acts",
      "(rehab) separate from triggers",
      "(rehab) describe problem behaviours in writing",
      "(rehab) confront denial about harm past, present and future",
      "(rehab) understand consequences and gain empathy",
      "(rehab) relapse-prevention tools",
      "(rehab) lifelong recovery",
    ];
    expect([...librarySeedGoals].sort()).toEqual([...seedRows].sort());
    expect(new Set(lanternGoalLibrary.map((g) => g.id)).size).toBe(lanternGoalLibrary.length);
  });

  it("gives every entry measurable objectives and interventions that pass the check once dated", () => {
    for (const entry of lanternGoalLibrary) {
      expect(entry.objectives.length).toBeGreaterThan(0);
      expect(entry.interventions.length).toBeGreaterThan(0);
      const content: PlanContent = {
        problems: [{ id: ids.problem, title: entry.area, severity: "moderate", intakeProblemId: null }],
        goals: [
          {
            id: ids.goal,
            problemId: ids.problem,
            clientWords: "mine",
            statement: entry.statement,
            libraryGoalId: entry.id,
          },
        ],
        objectives: entry.objectives.map((o, i) => ({
          id: `019a0000-0000-7000-8000-0000000001${String(i).padStart(2, "0")}`,
          goalId: ids.goal,
          description: o.description,
          metric: o.metric,
          baseline: "",
          target: o.suggestedTarget,
          targetDate: "2027-03-01",
          link: o.link ?? null,
        })),
        interventions: [],
      };
      expect(checkPlanQuality(content), entry.id).toEqual([]);
      expect(planStructureErrors(content), entry.id).toEqual([]);
    }
  });

  it("validates an imported licensed library, naming the bad field", () => {
    const goal = { ...lanternGoalLibrary[0]! } as Record<string, unknown>;
    for (const key of ["id", "source", "sourceLabel", "seedGoal"]) delete goal[key];
    expect(
      ImportLibraryRequest.safeParse({ source: "A planner", licence: "Ours, 2026", goals: [goal] }).success,
    ).toBe(true);
    const bad = ImportLibraryRequest.safeParse({
      source: "A planner",
      licence: "Ours",
      goals: [{ ...goal, objectives: [] }],
    });
    expect(bad.error?.issues[0]?.path).toEqual(["goals", 0, "objectives"]);
  });

  it("compares text regardless of case, spacing and punctuation", () => {
    expect(normaliseForComparison("  I want my  evenings back! ")).toBe(
      normaliseForComparison("i want my evenings back"),
    );
    expect(individualTexts(goodPlan()).map((t) => t.field)).toEqual([
      `goals.${ids.goal}.clientWords`,
      `goals.${ids.goal}.statement`,
      `objectives.${ids.objective}.description`,
    ]);
  });
});

describe("the intake's problems in the plan", () => {
  const intake = [
    {
      id: "ip-severe",
      area: "behaviours",
      title: "Hours lost to porn",
      detail: "Most nights.",
      severity: "severe",
    },
    { id: "ip-mild", area: "money", title: "Money spent", detail: "", severity: "mild" },
  ] as const;
  let n = 0;
  const makeId = () => `019a0000-0000-7000-8000-0000000009${String(++n).padStart(2, "0")}`;

  it("imports title, severity and evidence once, carrying the intake problem's id", () => {
    const once = addIntakeProblems(goodPlan(), intake, makeId);
    expect(once.problems.slice(1).map((p) => [p.title, p.severity, p.intakeProblemId, p.evidence])).toEqual([
      ["Hours lost to porn", "severe", "ip-severe", "Most nights."],
      ["Money spent", "mild", "ip-mild", ""],
    ]);
    expect(planStructureErrors(once)).toEqual([]);
    // Adding again adds nothing, and the clinician's edit to an imported problem stays.
    const edited = {
      ...once,
      problems: once.problems.map((p) => (p.intakeProblemId === "ip-mild" ? { ...p, title: "Debt" } : p)),
    };
    expect(addIntakeProblems(edited, intake, makeId)).toBe(edited);
    expect(edited.problems.map((p) => p.title)).toContain("Debt");
  });

  it("refuses the same intake problem twice in one plan, naming the field", () => {
    const plan = goodPlan();
    const twice = {
      ...plan,
      problems: [
        { ...plan.problems[0]!, intakeProblemId: "ip-severe" },
        { id: ids.problem2, title: "Again", severity: "mild" as const, intakeProblemId: "ip-severe" },
      ],
    };
    expect(planStructureErrors(twice).map((e) => e.field)).toEqual([
      `problems.${ids.problem2}.intakeProblemId`,
    ]);
  });

  it("blocks until every problem the intake rated severe is in the plan with a goal", () => {
    const severe = [{ id: "ip-severe", title: "Hours lost to porn" }];
    const missing = checkPlanQuality(goodPlan(), [], severe);
    expect(missing.map((i) => [i.rule, i.level, i.itemId, i.field])).toEqual([
      ["severe_intake_problem_missing", "blocking", "ip-severe", "intakeProblems.ip-severe"],
    ]);
    expect(missing[0]?.message).toContain("Hours lost to porn");

    // Imported but without a goal: the problem itself is reported (once), as any severe problem.
    const imported = addIntakeProblems(goodPlan(), intake.slice(0, 1), makeId);
    const noGoal = checkPlanQuality(imported, [], severe);
    expect(noGoal.map((i) => i.rule)).toEqual(["severe_problem_unaddressed"]);
    expect(noGoal[0]?.itemId).toBe(imported.problems[1]?.id);

    // With a goal (and its objective) it is addressed; the plan's own problem now has none.
    const addressed: PlanContent = {
      ...imported,
      goals: imported.goals.map((g) => ({ ...g, problemId: imported.problems[1]!.id })),
    };
    expect(checkPlanQuality(addressed, [], severe).map((i) => i.rule)).toEqual([
      "severe_problem_unaddressed",
    ]);
    expect(checkPlanQuality(addressed, [], severe).map((i) => i.itemId)).toEqual([ids.problem]);
    // A plan problem rated severe by hand, without the intake's id, does not count for the intake's.
    expect(checkPlanQuality(goodPlan(), [], severe).map((i) => i.rule)).toContain(
      "severe_intake_problem_missing",
    );
  });
});
