import { CaseloadEntry, RecoveryTimeline } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord, inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { getCaseload } from "./caseload.service.js";
import { getTimeline } from "./timeline.service.js";

const daysMessage = "Use a number of days from 7 to 366.";

/** The client's recovery timeline and the clinician's caseload flags. */
export const recoveryRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/recovery/timeline",
      {
        config: { access: clientRecord("recovery_timeline", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["recovery"],
          summary: "The client's recovery day by day over the last N days, with records and flags",
          params: z.strictObject({ clientId: z.uuid("Use a client id.") }),
          querystring: z.strictObject({
            days: z.coerce
              .number(daysMessage)
              .int(daysMessage)
              .min(7, daysMessage)
              .max(366, daysMessage)
              .default(90),
          }),
          response: { 200: RecoveryTimeline },
        },
      },
      async (request) => {
        const { clientId, via } = clientAccessOf(request);
        return getTimeline(db, clientId, via, request.query.days);
      },
    );

    app.get(
      "/api/organisations/:organisationId/caseload",
      {
        config: { access: inOrganisation("clinician") },
        schema: {
          tags: ["recovery"],
          summary: "The caller's clients in this programme, with last check-in, streak and flags",
          params: z.strictObject({ organisationId: z.uuid() }),
          response: { 200: z.array(CaseloadEntry) },
        },
      },
      async (request) => getCaseload(db, request.actor!, request.params.organisationId, request.id),
    );
  };
