import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { staffOf } from "./organisations.repository.js";

const StaffMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(["programme_admin", "clinician"]),
});

/** The programme's staff list, for the admin (care-team assignment, invitations). */
export const organisationRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/organisations/:organisationId/staff",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["organisations"],
          summary: "The programme's admins and clinicians",
          params: z.strictObject({ organisationId: z.uuid() }),
          response: { 200: z.array(StaffMember) },
        },
      },
      async (request) =>
        (await staffOf(db.kysely, request.params.organisationId)).map((s) => ({
          userId: s.id,
          name: s.name,
          email: s.email,
          role: s.role as "programme_admin" | "clinician",
        })),
    );
  };
