import type { NotificationView } from "@lantern/domain";
import { parseScopes } from "../../access/relationships.js";
import type { Db } from "../../db/dialect.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import {
  clientsSharingScopeWith,
  markNotificationRead,
  notificationsOf,
} from "./notifications.repository.js";

const firstName = (name: string | null) => (name ?? "").trim().split(/\s+/)[0] || "Someone";

/**
 * The caller's notifications, newest first, in plain words. "Something to fill in" is the client's own
 * (scheduled questionnaires became due). An SOS alert shows only while the
 * caller still holds the client's sos_alerts grant: revoking it hides them on the next request.
 */
export async function listNotifications(db: Db, userId: string): Promise<NotificationView[]> {
  const [rows, grants] = await Promise.all([
    notificationsOf(db.kysely, userId, 100),
    clientsSharingScopeWith(db.kysely, userId),
  ]);
  const alertable = new Set(
    grants.filter((g) => parseScopes(g.scopes).includes("sos_alerts")).map((g) => g.client_id),
  );
  return rows.flatMap((r): NotificationView[] => {
    if (r.kind === "assessment_due")
      return [
        {
          id: r.id,
          kind: "assessment_due",
          title: "You have something to fill in.",
          clientId: null,
          createdAt: toIso(r.created_at),
          readAt: r.read_at === null ? null : toIso(r.read_at),
        },
      ];
    if (r.kind === "alumni_request")
      return [
        {
          id: r.id,
          kind: "alumni_request",
          title: "Your programme passed on a request to talk.",
          clientId: null,
          createdAt: toIso(r.created_at),
          readAt: r.read_at === null ? null : toIso(r.read_at),
        },
      ];
    if (r.kind !== "sos_alert" || !r.client_id || !alertable.has(r.client_id)) return [];
    return [
      {
        id: r.id,
        kind: "sos_alert",
        title: `${firstName(r.client_name)} asked for support.`,
        clientId: r.client_id,
        createdAt: toIso(r.created_at),
        readAt: r.read_at === null ? null : toIso(r.read_at),
      },
    ];
  });
}

/** Marks one of the caller's notifications read; anyone else's is 404. */
export async function readNotification(db: Db, userId: string, id: string, now = new Date()) {
  if (!(await markNotificationRead(db.kysely, userId, id, now)))
    throw new HttpProblem(404, "notFound", "Not found.");
}
