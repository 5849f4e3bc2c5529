import { NotificationView } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { signedIn } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { listNotifications, readNotification } from "./notifications.service.js";

/** The in-app notification centre: the caller's own notifications only. */
export const notificationRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/notifications",
      {
        config: { access: signedIn },
        schema: {
          tags: ["support"],
          summary: "The caller's notifications, newest first",
          response: { 200: z.array(NotificationView) },
        },
      },
      async (request) => listNotifications(db, request.actor!.userId),
    );

    app.post(
      "/api/notifications/:notificationId/read",
      {
        config: { access: signedIn },
        schema: {
          tags: ["support"],
          summary: "Mark one of the caller's notifications read",
          params: z.strictObject({ notificationId: z.uuid("Use a notification id.") }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await readNotification(db, request.actor!.userId, request.params.notificationId);
        return reply.code(204).send(null);
      },
    );
  };
