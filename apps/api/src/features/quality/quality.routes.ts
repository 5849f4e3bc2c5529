import {
  OutcomeReportQuery,
  OutcomeReportView,
  outcomeReportCsv,
  QualityDashboardView,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { outcomeReportOf, qualityDashboard } from "./quality.service.js";

const OrgParams = z.strictObject({ organisationId: z.uuid() });
const admin = inOrganisation("programme_admin");

/** The quality dashboard (six criteria) and the de-identified outcome report, for the admin. */
export const qualityRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/organisations/:organisationId/quality",
      {
        config: { access: admin },
        schema: {
          tags: ["quality"],
          summary: "The six quality criteria computed from the record, with evidence and drill-downs",
          params: OrgParams,
          response: { 200: QualityDashboardView },
        },
      },
      async (request) => qualityDashboard(db, request.params.organisationId),
    );

    app.get(
      "/api/organisations/:organisationId/outcome-report",
      {
        config: { access: admin },
        schema: {
          tags: ["quality"],
          summary: "De-identified outcomes of an admission or discharge cohort (small cells suppressed)",
          params: OrgParams,
          querystring: OutcomeReportQuery,
          response: { 200: OutcomeReportView },
        },
      },
      async (request) => outcomeReportOf(db, request.params.organisationId, request.query),
    );

    app.get(
      "/api/organisations/:organisationId/outcome-report.csv",
      {
        config: { access: admin },
        schema: {
          tags: ["quality"],
          summary: "The same report as CSV",
          params: OrgParams,
          querystring: OutcomeReportQuery,
        },
      },
      async (request, reply) => {
        const report = await outcomeReportOf(db, request.params.organisationId, request.query);
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header(
            "content-disposition",
            `attachment; filename="outcomes-${report.basis}-${report.quarter}.csv"`,
          )
          .send(outcomeReportCsv(report));
      },
    );
  };
