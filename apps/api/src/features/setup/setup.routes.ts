import { SetupRequest, SetupResult, SetupStatus } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { publicRoute } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { isSetupComplete } from "../instance/instance.service.js";
import { runSetup } from "./setup.service.js";

/** GET and POST /api/setup: first-run creation of the programme and its admin. */
export const setupRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/setup",
      {
        config: { access: publicRoute("the web app asks whether to show the setup page") },
        schema: {
          tags: ["setup"],
          summary: "Whether first-run setup is still needed",
          response: { 200: SetupStatus },
        },
      },
      async () => ({ needed: !(await isSetupComplete(db)) }),
    );

    app.post(
      "/api/setup",
      {
        config: {
          access: publicRoute("only possible once, on an empty installation"),
          rateLimit: { max: 10, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["setup"],
          summary: "Create the programme and its first admin (once; 409 afterwards)",
          body: SetupRequest,
          response: { 201: SetupResult },
        },
      },
      async (request, reply) => {
        const outcome = await runSetup(db, request.body);
        request.log.info({ organisationId: outcome.organisation.id }, "first-run setup completed");
        return reply.code(201).send(outcome);
      },
    );
  };
