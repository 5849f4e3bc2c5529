import {
  type AreaSpec,
  type ColumnSpec,
  type FieldSpec,
  intakeArea,
  intakeAreas,
  listMaxRows,
  longTextMax,
  type Severity,
  textMax,
} from "./areas.js";

/**
 * Pure rules of the intake: checking what someone wrote in an area, how far a section is filled,
 * which areas are still unrated, and the problem list drafted from the ratings.
 */

/** A list row: column id → text or number. */
export type AreaRow = Record<string, string | number>;
/** What was written in one area: field id → text, a choice, a number, or list rows. */
export type AreaAnswers = Record<string, string | number | AreaRow[]>;

export type Author = "client" | "clinician";

/** A problem with what someone sent: `forbidden` when the author may not write there at all. */
export interface IntakeFieldError {
  field: string;
  message: string;
  kind: "invalid" | "forbidden";
}

/** One area of an update as it arrives (answers not yet checked). */
export interface AreaUpdate {
  answers?: Record<string, unknown> | undefined;
  severity?: Severity | null | undefined;
  summary?: string | null | undefined;
}

const isBlank = (value: unknown) =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "");

function checkText(value: unknown, max: number, field: string, errors: IntakeFieldError[]) {
  if (typeof value !== "string") {
    errors.push({ field, message: "Write text here.", kind: "invalid" });
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length > max) {
    errors.push({ field, message: `Use at most ${max} characters.`, kind: "invalid" });
    return undefined;
  }
  return trimmed;
}

function checkChoice(
  value: unknown,
  options: readonly { value: string }[],
  field: string,
  errors: IntakeFieldError[],
) {
  if (typeof value === "string" && options.some((option) => option.value === value)) return value;
  errors.push({
    field,
    message: `Pick one of: ${options.map((option) => option.value).join(", ")}.`,
    kind: "invalid",
  });
  return undefined;
}

function checkNumber(value: unknown, min: number, max: number, field: string, errors: IntakeFieldError[]) {
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  errors.push({ field, message: `Use a whole number from ${min} to ${max}.`, kind: "invalid" });
  return undefined;
}

function checkCell(column: ColumnSpec, value: unknown, field: string, errors: IntakeFieldError[]) {
  switch (column.kind) {
    case "text":
      return checkText(value, textMax, field, errors);
    case "choice":
      return checkChoice(value, column.options, field, errors);
    case "number":
      return checkNumber(value, column.min, column.max, field, errors);
  }
}

function checkList(
  spec: Extract<FieldSpec, { kind: "list" }>,
  value: unknown,
  field: string,
  errors: IntakeFieldError[],
): AreaRow[] | undefined {
  if (!Array.isArray(value)) {
    errors.push({ field, message: "Send a list of rows.", kind: "invalid" });
    return undefined;
  }
  if (value.length > listMaxRows) {
    errors.push({ field, message: `Use at most ${listMaxRows} rows.`, kind: "invalid" });
    return undefined;
  }
  const rows: AreaRow[] = [];
  value.forEach((raw, index) => {
    const at = `${field}.${index}`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      errors.push({ field: at, message: "Send each row as an object.", kind: "invalid" });
      return;
    }
    const row: AreaRow = {};
    for (const [key, cell] of Object.entries(raw as Record<string, unknown>)) {
      const column = spec.columns.find((candidate) => candidate.id === key);
      if (!column) {
        errors.push({
          field: `${at}.${key}`,
          message: "This column is not part of the list.",
          kind: "invalid",
        });
        continue;
      }
      if (isBlank(cell)) continue;
      const checked = checkCell(column, cell, `${at}.${key}`, errors);
      if (checked !== undefined && checked !== "") row[key] = checked;
    }
    // A row left wholly empty is dropped, as if it was never added.
    if (Object.keys(row).length === 0) return;
    const erred = (id: string) => errors.some((error) => error.field === `${at}.${id}`);
    for (const column of spec.columns)
      if (column.required && row[column.id] === undefined && !erred(column.id))
        errors.push({ field: `${at}.${column.id}`, message: `Fill in “${column.label}”.`, kind: "invalid" });
    if (spec.needsOneOf && !spec.needsOneOf.some((id) => row[id] !== undefined || erred(id)))
      errors.push({
        field: `${at}.${spec.needsOneOf[0]}`,
        message: `Give ${spec.needsOneOf.map((id) => spec.columns.find((c) => c.id === id)?.label.toLowerCase() ?? id).join(" or ")}.`,
        kind: "invalid",
      });
    rows.push(row);
  });
  return rows;
}

/**
 * Checks one area's answers against its fields; returns what to store (trimmed, blanks left out) and
 * the problems, each naming its field as `areas.<area>.answers.<field>[.<row>.<column>]`.
 */
export function checkAreaAnswers(
  area: AreaSpec,
  answers: Record<string, unknown>,
): { answers: AreaAnswers; errors: IntakeFieldError[] } {
  const errors: IntakeFieldError[] = [];
  const cleaned: AreaAnswers = {};
  for (const [key, value] of Object.entries(answers)) {
    const field = `areas.${area.id}.answers.${key}`;
    const spec = area.fields.find((candidate) => candidate.id === key);
    if (!spec) {
      errors.push({ field, message: "This area has no such field.", kind: "invalid" });
      continue;
    }
    if (isBlank(value)) continue;
    let checked: string | number | AreaRow[] | undefined;
    switch (spec.kind) {
      case "text":
        checked = checkText(value, textMax, field, errors);
        break;
      case "longText":
        checked = checkText(value, longTextMax, field, errors);
        break;
      case "choice":
        checked = checkChoice(value, spec.options, field, errors);
        break;
      case "scale":
        checked = checkNumber(value, spec.min, spec.max, field, errors);
        break;
      case "list":
        checked = checkList(spec, value, field, errors);
        break;
    }
    if (checked === undefined || checked === "" || (Array.isArray(checked) && checked.length === 0)) continue;
    cleaned[key] = checked;
  }
  return { answers: cleaned, errors };
}

/**
 * Checks an update of several areas by one author. A client may write only the answers of the
 * areas they may pre-fill; the rating and summary are the clinician's (forbidden, named).
 */
export function checkIntakeUpdate(
  areas: Readonly<Record<string, AreaUpdate>>,
  author: Author,
): { areas: Record<string, AreaUpdate & { answers?: AreaAnswers }>; errors: IntakeFieldError[] } {
  const errors: IntakeFieldError[] = [];
  const checked: Record<string, AreaUpdate & { answers?: AreaAnswers }> = {};
  for (const [id, update] of Object.entries(areas)) {
    const area = intakeArea(id);
    if (!area) {
      errors.push({ field: `areas.${id}`, message: "The intake has no such area.", kind: "invalid" });
      continue;
    }
    if (author === "client") {
      if (!area.clientMayFill) {
        errors.push({
          field: `areas.${id}`,
          message: "You will fill in this part together with your clinician.",
          kind: "forbidden",
        });
        continue;
      }
      for (const key of ["severity", "summary"] as const)
        if (update[key] !== undefined)
          errors.push({
            field: `areas.${id}.${key}`,
            message: "Only your clinician writes this.",
            kind: "forbidden",
          });
    }
    const out: AreaUpdate & { answers?: AreaAnswers } = {};
    if (update.answers !== undefined) {
      const result = checkAreaAnswers(area, update.answers);
      errors.push(...result.errors);
      out.answers = result.answers;
    }
    if (update.severity !== undefined) out.severity = update.severity;
    if (update.summary !== undefined) out.summary = update.summary?.trim() || null;
    checked[id] = out;
  }
  return { areas: checked, errors };
}

/** How much of a section is filled: fields with something in them, out of all fields. */
export function areaProgress(
  area: AreaSpec,
  answers: Readonly<AreaAnswers>,
): { filled: number; total: number } {
  const filled = area.fields.filter((field) => {
    const value = answers[field.id];
    return value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
  }).length;
  return { filled, total: area.fields.length };
}

/** The areas with no severity yet, in form order. */
export function unratedAreas(ratings: Readonly<Record<string, Severity | null | undefined>>): string[] {
  return intakeAreas.filter((area) => !ratings[area.id]).map((area) => area.id);
}

const severityRank: Record<Severity, number> = { severe: 0, moderate: 1, mild: 2, none: 3 };
const areaRank = (id: string) => {
  const index = intakeAreas.findIndex((area) => area.id === id);
  return index === -1 ? intakeAreas.length : index;
};

/** Orders problems most severe first, then by the area's place in the form. */
export function compareProblems(
  a: { severity: Severity; area: string },
  b: { severity: Severity; area: string },
) {
  return severityRank[a.severity] - severityRank[b.severity] || areaRank(a.area) - areaRank(b.area);
}

/** The severities a problem can carry (a problem rated "none" is not a problem). */
export const problemSeverities = ["mild", "moderate", "severe"] as const satisfies readonly Severity[];
type ProblemSeverity = (typeof problemSeverities)[number];

export interface RatedArea {
  area: string;
  severity: Severity | null;
  summary: string | null;
  clinicianAnswers: Readonly<AreaAnswers> | null;
  clientAnswers: Readonly<AreaAnswers> | null;
}

export interface DraftedProblem {
  area: string;
  title: string;
  detail: string;
  severity: ProblemSeverity;
}

const evidenceMax = 2000;

/** The evidence for a problem: the area's summary, else the clinician's notes, else the client's. */
export function areaEvidence(area: RatedArea): string {
  const pick = [area.summary, area.clinicianAnswers?.notes, area.clientAnswers?.notes].find(
    (text): text is string => typeof text === "string" && text.trim() !== "",
  );
  return (pick ?? "").trim().slice(0, evidenceMax);
}

/**
 * The problem list drafted from the ratings: one problem for each area rated moderate or severe
 * that has no problem yet (so drafting twice adds nothing, and a clinician's edits stay). Most
 * severe first, then in form order.
 */
export function draftProblemList(
  areas: readonly RatedArea[],
  existing: readonly { area: string }[],
): DraftedProblem[] {
  const covered = new Set(existing.map((problem) => problem.area));
  return areas
    .filter(
      (area): area is RatedArea & { severity: "moderate" | "severe" } =>
        (area.severity === "moderate" || area.severity === "severe") && !covered.has(area.area),
    )
    .map((area) => ({
      area: area.area,
      title: intakeArea(area.area)?.problemTitle ?? area.area,
      detail: areaEvidence(area),
      severity: area.severity,
    }))
    .sort(compareProblems);
}
