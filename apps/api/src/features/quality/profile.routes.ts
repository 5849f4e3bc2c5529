import { ProfileAdminView, ProfileSettingsRequest, ProgrammeProfileView } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { inOrganisation, publicRoute } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import {
  profileOf,
  publicProfile,
  publishProfile,
  saveProfileSettings,
  takeSnapshot,
  unpublishProfile,
} from "./profile.service.js";

const OrgParams = z.strictObject({ organisationId: z.uuid() });
const SlugParams = z.strictObject({ slug: z.string().max(60) });
const admin = inOrganisation("programme_admin");

/** The public programme profile: the admin sets it up and publishes a snapshot; anyone may read it. */
export const profileRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    const adminRoute = (
      method: "POST",
      path: string,
      summary: string,
      run: (organisationId: string, actorUserId: string) => Promise<ProfileAdminView>,
    ) =>
      app.route({
        method,
        url: `/api/organisations/:organisationId/profile/${path}`,
        config: { access: admin },
        schema: { tags: ["quality"], summary, params: OrgParams, response: { 200: ProfileAdminView } },
        handler: async (request) => run(request.params.organisationId, request.actor!.userId),
      });

    app.get(
      "/api/organisations/:organisationId/profile",
      {
        config: { access: admin },
        schema: {
          tags: ["quality"],
          summary: "The public profile's address, allowed age, snapshot and whether it is published",
          params: OrgParams,
          response: { 200: ProfileAdminView },
        },
      },
      async (request) => profileOf(db, request.params.organisationId),
    );

    app.put(
      "/api/organisations/:organisationId/profile",
      {
        config: { access: admin },
        schema: {
          tags: ["quality"],
          summary: "Set the public profile's address and the age after which a snapshot is too old",
          params: OrgParams,
          body: ProfileSettingsRequest,
          response: { 200: ProfileAdminView },
        },
      },
      async (request) =>
        saveProfileSettings(db, request.params.organisationId, request.actor!.userId, request.body),
    );

    adminRoute("POST", "snapshot", "Work out the figures the public page would show", (o, u) =>
      takeSnapshot(db, o, u),
    );
    adminRoute("POST", "publish", "Publish the snapshot (refused when older than the allowed age)", (o, u) =>
      publishProfile(db, o, u),
    );
    adminRoute("POST", "unpublish", "Take the public page down", (o, u) => unpublishProfile(db, o, u));

    app.get(
      "/api/public/profiles/:slug",
      {
        config: { access: publicRoute("a programme's published profile holds only aggregate figures") },
        schema: {
          tags: ["quality"],
          summary: "A published programme profile (no sign-in; 404 until published)",
          params: SlugParams,
          response: { 200: ProgrammeProfileView },
        },
      },
      async (request) => publicProfile(db, request.params.slug),
    );
  };
