import {
  type PreventionPlanSections,
  type PreventionPlanView,
  type SafetyPlanSections,
  type SafetyPlanView,
  uuidv7,
} from "@lantern/domain";
import type { Relationship } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { lessonsOf } from "../slip-reviews/slip-reviews.repository.js";
import { insertPlanVersion, latestPlanVersion, type PlanTable, planHistory } from "./plans.repository.js";

const safetyKeys = [
  "warningSigns",
  "internalCoping",
  "distractions",
  "helpers",
  "professionals",
  "safeEnvironment",
  "reasonsForLiving",
] as const satisfies readonly (keyof SafetyPlanSections)[];

const preventionKeys = [
  "triggers",
  "warningSigns",
  "highRiskSituations",
  "coping",
  "boundariesDevices",
  "boundariesPlaces",
  "boundariesPeople",
  "whoToCall",
  "afterASlip",
] as const satisfies readonly (keyof PreventionPlanSections)[];

/** Reads stored sections, keeping only known keys and lists of text (an empty list for the rest). */
function parseSections<K extends string>(
  stored: string | undefined,
  keys: readonly K[],
): Record<K, string[]> {
  let value: Record<string, unknown> = {};
  try {
    const parsed: unknown = stored ? JSON.parse(stored) : {};
    if (parsed && typeof parsed === "object") value = parsed as Record<string, unknown>;
  } catch {
    // An unreadable version shows as empty rather than failing the page.
  }
  const out = {} as Record<K, string[]>;
  for (const key of keys) {
    const list = value[key];
    out[key] = Array.isArray(list) ? list.filter((l): l is string => typeof l === "string") : [];
  }
  return out;
}

const stale = (what: string) =>
  new HttpProblem(
    409,
    "conflict",
    `The ${what} changed since you opened it.`,
    "Load it again to see the latest version, then make your change.",
  );

/** Saves a new version when `baseVersion` is the current one; anything else is stale (409). */
async function saveVersion(
  db: Db,
  table: PlanTable,
  what: string,
  clientId: string,
  author: { userId: string; via: Relationship },
  baseVersion: number,
  sections: object,
): Promise<void> {
  try {
    await db.kysely.transaction().execute(async (trx) => {
      const current = (await latestPlanVersion(trx, table, clientId))?.version ?? 0;
      if (baseVersion !== current) throw stale(what);
      await insertPlanVersion(trx, table, {
        id: uuidv7(),
        client_id: clientId,
        version: current + 1,
        sections: JSON.stringify(sections),
        created_by_user_id: author.userId,
        created_by_role: author.via,
        created_at: new Date(),
      });
    });
  } catch (error) {
    // Two saves from the same base racing: the second one is stale.
    if (isUniqueViolation(error)) throw stale(what);
    throw error;
  }
}

/** The safety plan now, or null before the first save. */
export async function getSafetyPlan(db: Executor, clientId: string): Promise<SafetyPlanView | null> {
  const row = await latestPlanVersion(db, "safety_plan_versions", clientId);
  if (!row) return null;
  return {
    version: row.version,
    sections: parseSections(row.sections, safetyKeys),
    updatedAt: toIso(row.created_at),
    updatedBy: row.created_by_name,
  };
}

/** Saves a new version of the safety plan (built with the clinician, so staff may save too). */
export async function saveSafetyPlan(
  db: Db,
  clientId: string,
  author: { userId: string; via: Relationship },
  request: { baseVersion: number; sections: SafetyPlanSections },
): Promise<SafetyPlanView> {
  await saveVersion(
    db,
    "safety_plan_versions",
    "safety plan",
    clientId,
    author,
    request.baseVersion,
    request.sections,
  );
  const plan = await getSafetyPlan(db.kysely, clientId);
  if (!plan) throw new HttpProblem(404, "notFound", "Not found.");
  return plan;
}

/**
 * The relapse-prevention plan with the lessons from slip reviews (newest first). Anyone but the
 * client sees only lessons from reviews the client shared, or written without a review.
 */
export async function getPreventionPlan(
  db: Executor,
  clientId: string,
  via: Relationship,
): Promise<PreventionPlanView> {
  const [row, history, lessons] = await Promise.all([
    latestPlanVersion(db, "prevention_plan_versions", clientId),
    planHistory(db, "prevention_plan_versions", clientId),
    lessonsOf(db, clientId, via !== "self"),
  ]);
  return {
    version: row?.version ?? 0,
    sections: parseSections(row?.sections, preventionKeys),
    lessons: [...lessons].reverse().map((l) => ({ id: l.id, text: l.text, createdAt: toIso(l.created_at) })),
    updatedAt: row ? toIso(row.created_at) : null,
    updatedBy: row?.created_by_name ?? null,
    history: history.map((h) => ({
      version: h.version,
      createdAt: toIso(h.created_at),
      createdBy: h.created_by_name,
    })),
  };
}

/** Saves a new version of the relapse-prevention plan. */
export async function savePreventionPlan(
  db: Db,
  clientId: string,
  author: { userId: string; via: Relationship },
  request: { baseVersion: number; sections: PreventionPlanSections },
): Promise<PreventionPlanView> {
  await saveVersion(
    db,
    "prevention_plan_versions",
    "prevention plan",
    clientId,
    author,
    request.baseVersion,
    request.sections,
  );
  return getPreventionPlan(db.kysely, clientId, author.via);
}

/** Headings of the prevention plan's sections, in order, in the words the web app uses. */
export const preventionHeadings: Record<keyof PreventionPlanSections, string> = {
  triggers: "My triggers",
  warningSigns: "Warning signs (my middle circle)",
  highRiskSituations: "High-risk situations",
  coping: "What helps me cope",
  boundariesDevices: "Boundaries: devices",
  boundariesPlaces: "Boundaries: places",
  boundariesPeople: "Boundaries: people",
  whoToCall: "Who I call",
  afterASlip: "What I do after a slip",
};

/** The plan as lines of text for the PDF: a title, then each section and the lessons. */
export function preventionPlanLines(plan: PreventionPlanView): { text: string; heading?: boolean }[] {
  const out: { text: string; heading?: boolean }[] = [
    { text: "My relapse-prevention plan", heading: true },
    {
      text: plan.updatedAt
        ? `Version ${plan.version}, saved ${plan.updatedAt.slice(0, 10)}`
        : "Not written yet.",
    },
    { text: "" },
  ];
  for (const key of preventionKeys) {
    out.push({ text: preventionHeadings[key], heading: true });
    const lines = plan.sections[key];
    if (lines.length === 0) out.push({ text: "(nothing written yet)" });
    for (const line of lines) out.push({ text: `- ${line}` });
    out.push({ text: "" });
  }
  out.push({ text: "Lessons from looking back", heading: true });
  if (plan.lessons.length === 0) out.push({ text: "(none yet)" });
  for (const lesson of plan.lessons) out.push({ text: `- ${lesson.text}` });
  return out;
}
