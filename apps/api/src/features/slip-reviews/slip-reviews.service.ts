import {
  type PreventionLessonView,
  type SaveSlipReviewRequest,
  type SlipReviewView,
  uuidv7,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { z } from "zod";
import type { Relationship } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { SlipReviewsTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { loadClientContext, parseJsonList, refuseFutureDate, toBool } from "../recovery/client-context.js";
import {
  findSlipReview,
  insertLessons,
  insertSlipReview,
  isLiveActOf,
  lessonsOf,
  lessonTextsOf,
  slipReviewsOf,
  updateSlipReview,
} from "./slip-reviews.repository.js";

type ReviewBody = z.output<typeof SaveSlipReviewRequest>;
type LessonView = z.infer<typeof PreventionLessonView>;

/** The view of a stored review. */
export function toSlipReviewView(row: Selectable<SlipReviewsTable>): SlipReviewView {
  return {
    id: row.id,
    ledgerEventId: row.ledger_event_id,
    date: row.date,
    vulnerabilities: row.vulnerabilities,
    trigger: row.trigger,
    thoughts: row.thoughts,
    feelings: row.feelings,
    actions: row.actions,
    consequences: row.consequences,
    lessons: parseJsonList(row.lessons),
    sharedWithCareTeam: toBool(row.shared_with_care_team),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Whether a caller sees only what the client shared (everyone but the client themself). */
export const sharedOnlyFor = (via: Relationship): boolean => via !== "self";

/**
 * Saves a review under the id the app made (201 new, 200 changed). Each lesson line not yet
 * recorded for this review joins the prevention plan, in the same transaction.
 */
export async function saveSlipReview(
  db: Db,
  clientId: string,
  id: string,
  body: ReviewBody,
  now = new Date(),
): Promise<{ created: boolean; review: SlipReviewView }> {
  const existing = await findSlipReview(db.kysely, id);
  if (existing && existing.client_id !== clientId) throw new HttpProblem(404, "notFound", "Not found.");
  const context = await loadClientContext(db.kysely, clientId, now);
  refuseFutureDate(body.date, context.today, "date");
  if (body.ledgerEventId && !(await isLiveActOf(db.kysely, clientId, body.ledgerEventId)))
    throw new HttpProblem(400, "validation", "Some fields need attention.", undefined, [
      { field: "ledgerEventId", message: "Pick one of your logged inner-circle acts, or leave it out." },
    ]);

  const lessons = [...new Set(body.lessons)];
  const fields = {
    ledger_event_id: body.ledgerEventId ?? null,
    date: body.date,
    vulnerabilities: body.vulnerabilities ?? null,
    trigger: body.trigger ?? null,
    thoughts: body.thoughts ?? null,
    feelings: body.feelings ?? null,
    actions: body.actions ?? null,
    consequences: body.consequences ?? null,
    lessons: JSON.stringify(lessons),
    shared_with_care_team: body.sharedWithCareTeam,
    updated_at: now,
  };
  try {
    await db.kysely.transaction().execute(async (trx) => {
      if (existing) await updateSlipReview(trx, clientId, id, fields);
      else await insertSlipReview(trx, { id, client_id: clientId, ...fields, created_at: now });
      const recorded = new Set(await lessonTextsOf(trx, id));
      await insertLessons(
        trx,
        lessons
          .filter((text) => !recorded.has(text))
          .map((text, index) => ({
            id: uuidv7(now.getTime() + index),
            client_id: clientId,
            text,
            slip_review_id: id,
            created_at: now,
          })),
      );
    });
  } catch (error) {
    // Saved twice at once: the other request created it, so this one becomes an update.
    if (!existing && isUniqueViolation(error)) return saveSlipReview(db, clientId, id, body, now);
    throw error;
  }
  const row = await findSlipReview(db.kysely, id);
  if (!row) throw new HttpProblem(404, "notFound", "Not found.");
  return { created: !existing, review: toSlipReviewView(row) };
}

/** The client's reviews and prevention lessons; staff see only what the client shared. */
export async function listSlipReviews(
  db: Db,
  clientId: string,
  via: Relationship,
): Promise<{ reviews: SlipReviewView[]; lessons: LessonView[] }> {
  const sharedOnly = sharedOnlyFor(via);
  const [reviews, lessons] = await Promise.all([
    slipReviewsOf(db.kysely, clientId, sharedOnly),
    lessonsOf(db.kysely, clientId, sharedOnly),
  ]);
  return {
    reviews: reviews.map(toSlipReviewView),
    lessons: lessons.map((l) => ({
      id: l.id,
      text: l.text,
      slipReviewId: l.slip_review_id,
      createdAt: toIso(l.created_at),
    })),
  };
}
