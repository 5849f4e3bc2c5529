import { Health } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { publicRoute } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";

export const version = "0.1.0";

/** GET /api/health: 200 when the database answers, 503 when it does not. */
export const healthRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/health",
      {
        config: { access: publicRoute("load balancers and monitors probe it") },
        schema: {
          tags: ["health"],
          summary: "Liveness and database check",
          response: { 200: Health, 503: Health },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(db.kysely);
          return { status: "ok" as const, database: db.dialect, version };
        } catch {
          return reply.code(503).send({ status: "unavailable" as const, database: db.dialect, version });
        }
      },
    );
  };
