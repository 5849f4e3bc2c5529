import {
  type Circle,
  CircleComment,
  type CircleItem,
  type CirclesView,
  diffCircles,
  type SaveCirclesRequest,
  uuidv7,
} from "@lantern/domain";
import type { z } from "zod";
import type { Relationship } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import {
  allCircleItems,
  circleCommentsOf,
  circleVersionsOf,
  currentCircleItems,
  currentCircleVersion,
  insertCircleComment,
  insertCircleItems,
  insertCircleVersion,
  removeCircleItems,
  updateCircleItem,
} from "./circles.repository.js";

const item = (r: { id: string; circle: string; text: string }): CircleItem => ({
  id: r.id,
  circle: r.circle as Circle,
  text: r.text,
});

/** The current circles only (what check-ins and the home screen use). */
export async function getCurrentCircles(db: Executor, clientId: string) {
  const [version, items] = await Promise.all([
    currentCircleVersion(db, clientId),
    currentCircleItems(db, clientId),
  ]);
  return { version, items: items.map(item) };
}

/** The circles as they are now, with each version's changes (newest first) and the comments. */
export async function getCircles(db: Executor, clientId: string): Promise<CirclesView> {
  const [versions, items, comments] = await Promise.all([
    circleVersionsOf(db, clientId),
    allCircleItems(db, clientId),
    circleCommentsOf(db, clientId),
  ]);
  return {
    version: versions[0]?.version ?? 0,
    items: items.filter((i) => i.removed_in_version === null).map(item),
    history: versions.map((v) => ({
      version: v.version,
      createdAt: toIso(v.created_at),
      createdBy: v.created_by_name,
      createdByRole: v.created_by_role,
      note: v.note,
      added: items.filter((i) => i.added_in_version === v.version).map(item),
      removed: items.filter((i) => i.removed_in_version === v.version).map(item),
    })),
    comments: comments.map((c) => ({
      id: c.id,
      version: c.version,
      author: c.author_name,
      authorRole: c.author_role,
      body: c.body,
      createdAt: toIso(c.created_at),
    })),
  };
}

const stale = () =>
  new HttpProblem(
    409,
    "conflict",
    "The circles changed since you opened them.",
    "Load them again to see the latest version, then make your change.",
  );

/**
 * Saves the whole list of circles as a new version when something was added, reworded or removed;
 * an edit that changes nothing (or only the order or spacing) keeps the current version.
 */
export async function saveCircles(
  db: Db,
  clientId: string,
  author: { userId: string; via: Relationship },
  request: z.output<typeof SaveCirclesRequest>,
): Promise<CirclesView> {
  try {
    await db.kysely.transaction().execute(async (trx) => {
      const version = await currentCircleVersion(trx, clientId);
      if (request.baseVersion !== version) throw stale();
      const current = (await currentCircleItems(trx, clientId)).map(item);
      const diff = diffCircles(current, request.items);
      if (diff.errors.length > 0)
        throw new HttpProblem(
          400,
          "validation",
          "Some behaviours are not in your circles.",
          undefined,
          diff.errors,
        );
      const before = new Map(current.map((c, position) => [c.id, position]));
      for (const kept of diff.kept)
        if (kept.respaced || before.get(kept.id) !== kept.position)
          await updateCircleItem(trx, clientId, kept.id, kept.position, kept.text);
      if (!diff.changed) return;
      const next = version + 1;
      await insertCircleVersion(trx, {
        id: uuidv7(),
        client_id: clientId,
        version: next,
        created_by_user_id: author.userId,
        created_by_role: author.via,
        note: request.note ?? null,
        created_at: new Date(),
      });
      await removeCircleItems(
        trx,
        clientId,
        diff.removed.map((r) => r.id),
        next,
      );
      await insertCircleItems(
        trx,
        diff.added.map((a) => ({
          id: uuidv7(),
          client_id: clientId,
          circle: a.circle,
          text: a.text,
          position: a.position,
          added_in_version: next,
          removed_in_version: null,
        })),
      );
    });
  } catch (error) {
    // Two saves from the same base racing: the second one is stale.
    if (isUniqueViolation(error)) throw stale();
    throw error;
  }
  return getCircles(db.kysely, clientId);
}

/** Adds a comment to the current version of the circles. */
export async function addCircleComment(
  db: Executor,
  clientId: string,
  author: { userId: string; name: string; via: Relationship },
  body: string,
): Promise<z.infer<typeof CircleComment>> {
  const version = await currentCircleVersion(db, clientId);
  const row = {
    id: uuidv7(),
    client_id: clientId,
    version,
    author_user_id: author.userId,
    author_role: author.via,
    body,
    created_at: new Date(),
  };
  await insertCircleComment(db, row);
  return {
    id: row.id,
    version,
    author: author.name,
    authorRole: author.via,
    body,
    createdAt: row.created_at.toISOString(),
  };
}
