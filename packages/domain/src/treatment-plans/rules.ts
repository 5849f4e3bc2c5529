import { assignableInstruments } from "../instruments/contracts.js";
import { addDays, daysBetween } from "../recovery/local-date.js";
import type {
  IntakeProblemForPlan,
  PlanContent,
  PlanObjective,
  PlanProblem,
  QualityIssue,
  ReviewState,
  SignerRole,
  TargetDirection,
  TreatmentPlanSettings,
} from "./contracts.js";

/** A field error in the shape problem+json uses. */
export interface PlanFieldError {
  field: string;
  message: string;
}

const short = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Structural errors the API refuses with 400 (ids that repeat, goals that name no problem of this
 * plan, objectives or interventions under no goal, links that cannot be computed). Quality is a
 * separate check: a draft may be incomplete, but it must hang together.
 */
export function planStructureErrors(content: PlanContent): PlanFieldError[] {
  const errors: PlanFieldError[] = [];
  const seen = new Set<string>();
  const all = [
    ...content.problems.map((p) => ["problems", p.id] as const),
    ...content.goals.map((g) => ["goals", g.id] as const),
    ...content.objectives.map((o) => ["objectives", o.id] as const),
    ...content.interventions.map((i) => ["interventions", i.id] as const),
  ];
  for (const [list, id] of all) {
    if (seen.has(id))
      errors.push({ field: `${list}.${id}.id`, message: "This id is used twice in the plan." });
    seen.add(id);
  }
  const imported = new Set<string>();
  for (const problem of content.problems) {
    if (problem.intakeProblemId === null) continue;
    if (imported.has(problem.intakeProblemId))
      errors.push({
        field: `problems.${problem.id}.intakeProblemId`,
        message: "This intake problem is already in the plan.",
      });
    imported.add(problem.intakeProblemId);
  }
  const problemIds = new Set(content.problems.map((p) => p.id));
  const goalIds = new Set(content.goals.map((g) => g.id));
  for (const goal of content.goals)
    if (!problemIds.has(goal.problemId))
      errors.push({ field: `goals.${goal.id}.problemId`, message: "Pick a problem of this plan." });
  for (const objective of content.objectives) {
    if (!goalIds.has(objective.goalId))
      errors.push({ field: `objectives.${objective.id}.goalId`, message: "Pick a goal of this plan." });
    const link = objective.link;
    if (link?.kind === "instrument_score") {
      if (!link.instrumentId || !assignableInstruments.some((i) => i.id === link.instrumentId))
        errors.push({
          field: `objectives.${objective.id}.link.instrumentId`,
          message: `Pick a questionnaire Lantern scores (${assignableInstruments.map((i) => i.id).join(", ")}).`,
        });
    } else if (link && link.instrumentId !== null)
      errors.push({
        field: `objectives.${objective.id}.link.instrumentId`,
        message: "Only an instrument score names a questionnaire.",
      });
  }
  for (const intervention of content.interventions)
    if (!goalIds.has(intervention.goalId))
      errors.push({ field: `interventions.${intervention.id}.goalId`, message: "Pick a goal of this plan." });
  return errors;
}

/** True when the objective's target can be measured: a number in the target, or a linked measure. */
export function isMeasurable(objective: PlanObjective): boolean {
  if (objective.link) return true;
  return objective.target.trim() !== "" && /\d/.test(objective.target) && objective.metric.trim() !== "";
}

/** Normalises text for the "same text for another client" comparison: case, spaces and punctuation. */
export function normaliseForComparison(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Texts of the plan that must be individual, with the item they belong to. */
export function individualTexts(content: PlanContent): { itemId: string; field: string; text: string }[] {
  const out: { itemId: string; field: string; text: string }[] = [];
  for (const goal of content.goals) {
    if (goal.clientWords.trim())
      out.push({ itemId: goal.id, field: `goals.${goal.id}.clientWords`, text: goal.clientWords });
    if (goal.statement.trim())
      out.push({ itemId: goal.id, field: `goals.${goal.id}.statement`, text: goal.statement });
  }
  for (const objective of content.objectives)
    out.push({
      itemId: objective.id,
      field: `objectives.${objective.id}.description`,
      text: objective.description,
    });
  return out.filter((t) => normaliseForComparison(t.text) !== "");
}

/**
 * The intake's problems as plan problems (title, severity and evidence, carrying `intakeProblemId`),
 * appended after the plan's own; problems already imported are left alone, so adding twice adds
 * nothing and the clinician's edits to an imported problem stay.
 */
export function addIntakeProblems(
  content: PlanContent,
  intakeProblems: readonly IntakeProblemForPlan[],
  makeId: () => string,
): PlanContent {
  const present = new Set(content.problems.map((p) => p.intakeProblemId).filter((id) => id !== null));
  const added: PlanProblem[] = intakeProblems
    .filter((problem) => !present.has(problem.id))
    .map((problem) => ({
      id: makeId(),
      title: problem.title.slice(0, 300),
      severity: problem.severity,
      intakeProblemId: problem.id,
      evidence: problem.detail.slice(0, 4000),
    }));
  return added.length === 0 ? content : { ...content, problems: [...content.problems, ...added] };
}

/** An intake problem rated severe, as the quality check needs it. */
export type SevereIntakeProblem = Pick<IntakeProblemForPlan, "id" | "title">;

/**
 * The plan-quality check, aimed at the most frequent accreditation findings: objectives that cannot be
 * measured or have no date, goals without the client's own words, problems the plan leaves out (among
 * them every problem the intake rated severe), and text copied from another client's plan.
 * `copiedFields` are the fields whose text another client's plan in the programme already holds, and
 * `severeIntakeProblems` the intake's problems rated severe (both found by queries; the rule only
 * reports). A severe intake problem is addressed when a plan problem carrying its id has a goal.
 */
export function checkPlanQuality(
  content: PlanContent,
  copiedFields: readonly string[] = [],
  severeIntakeProblems: readonly SevereIntakeProblem[] = [],
): QualityIssue[] {
  const issues: QualityIssue[] = [];
  const blocking = (rule: QualityIssue["rule"], itemId: string | null, field: string, message: string) =>
    issues.push({ rule, level: "blocking", itemId, field, message });

  if (content.problems.length === 0)
    blocking("empty_plan", null, "problems", "Add at least one problem the plan works on.");

  // A severe intake problem missing from the plan; one imported without a goal is reported below
  // (problem_unaddressed or severe_problem_unaddressed), so it is not named twice.
  for (const intakeProblem of severeIntakeProblems)
    if (!content.problems.some((p) => p.intakeProblemId === intakeProblem.id))
      blocking(
        "severe_intake_problem_missing",
        intakeProblem.id,
        `intakeProblems.${intakeProblem.id}`,
        `The intake rates "${short(intakeProblem.title)}" severe and the plan does not include it yet: add the intake's problems and give it a goal.`,
      );

  for (const problem of content.problems) {
    const goals = content.goals.filter((g) => g.problemId === problem.id);
    if (goals.length === 0) {
      if (problem.severity === "severe")
        blocking(
          "severe_problem_unaddressed",
          problem.id,
          `problems.${problem.id}`,
          `Problem "${short(problem.title)}" is rated severe and has no goal yet.`,
        );
      else
        blocking(
          "problem_unaddressed",
          problem.id,
          `problems.${problem.id}`,
          `Problem "${short(problem.title)}" is not addressed by any goal.`,
        );
    } else if (
      problem.severity === "severe" &&
      !goals.some((g) => content.objectives.some((o) => o.goalId === g.id))
    )
      blocking(
        "severe_problem_unaddressed",
        problem.id,
        `problems.${problem.id}`,
        `Problem "${short(problem.title)}" is rated severe: give its goal at least one objective.`,
      );
  }

  content.goals.forEach((goal, index) => {
    const name = goal.statement.trim() ? `"${short(goal.statement)}"` : `number ${index + 1}`;
    if (!goal.clientWords.trim())
      blocking(
        "goal_no_client_words",
        goal.id,
        `goals.${goal.id}.clientWords`,
        `Goal ${name} needs the client's own words.`,
      );
    if (!goal.statement.trim())
      blocking(
        "goal_no_statement",
        goal.id,
        `goals.${goal.id}.statement`,
        `Goal ${name} needs a clinical statement.`,
      );
    if (!content.objectives.some((o) => o.goalId === goal.id))
      blocking(
        "goal_no_objective",
        goal.id,
        `goals.${goal.id}`,
        `Goal ${name} needs at least one objective.`,
      );
  });

  for (const objective of content.objectives) {
    const name = `"${short(objective.description)}"`;
    if (!isMeasurable(objective))
      blocking(
        "objective_not_measurable",
        objective.id,
        `objectives.${objective.id}.target`,
        `Objective ${name} needs a measurable target: say how it is measured and give a number, or link it to data Lantern holds.`,
      );
    if (!objective.targetDate)
      blocking(
        "objective_no_date",
        objective.id,
        `objectives.${objective.id}.targetDate`,
        `Objective ${name} needs a target date.`,
      );
  }

  const texts = individualTexts(content);
  for (const field of new Set(copiedFields)) {
    const text = texts.find((t) => t.field === field);
    if (!text) continue;
    issues.push({
      rule: "text_used_for_another_client",
      level: "warning",
      itemId: text.itemId,
      field,
      message: `"${short(text.text)}" is word for word the same as in another client's plan. Make it this client's own.`,
    });
  }
  return issues;
}

/** The roles that must sign before a version locks. */
export function requiredSignerRoles(settings: TreatmentPlanSettings): SignerRole[] {
  return settings.supervisorRequired ? ["client", "clinician", "supervisor"] : ["client", "clinician"];
}

/** Days before the due date from which a review shows as due soon. */
export const reviewDueSoonDays = 14;

/**
 * When the next review is due and how it stands: counted from the later of the last signature that
 * locked a version and the last recorded review.
 */
export function reviewState(
  lastReviewedDay: string | null,
  today: string,
  settings: TreatmentPlanSettings,
): ReviewState {
  if (!lastReviewedDay)
    return { cadenceDays: settings.reviewDays, lastReviewedAt: null, dueDate: null, status: "not_started" };
  const dueDate = addDays(lastReviewedDay, settings.reviewDays);
  const left = daysBetween(today, dueDate);
  return {
    cadenceDays: settings.reviewDays,
    lastReviewedAt: lastReviewedDay,
    dueDate,
    status: left < 0 ? "overdue" : left <= reviewDueSoonDays ? "due_soon" : "ok",
  };
}

/** Whether a computed figure meets a linked target (at or below, at or above). */
export function targetMet(current: number, direction: TargetDirection, value: number): boolean {
  return direction === "below" ? current <= value : current >= value;
}

/** Sorts object keys recursively so the same content always serialises to the same text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  return value;
}

/**
 * The canonical text a signature covers: the client, the version and its content, with keys sorted
 * and lists in plan order. The API hashes it with SHA-256; the same content always gives the same hash.
 */
export function canonicalSignedContent(
  meta: { clientId: string; versionId: string; version: number },
  content: PlanContent,
): string {
  return JSON.stringify(canonical({ format: "lantern.treatment-plan.v1", ...meta, content }));
}
