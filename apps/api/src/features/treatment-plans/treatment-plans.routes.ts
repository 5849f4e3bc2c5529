import {
  ImportLibraryRequest,
  LibraryGoal,
  LibraryGoalInput,
  RecordPlanReviewRequest,
  SavePlanDraftRequest,
  SignPlanRequest,
  StartPlanVersionRequest,
  TreatmentPlanSettings,
  TreatmentPlanView,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord, inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { renderPdf } from "../../pdf/pdf.js";
import {
  getPlanSettings,
  getTreatmentPlan,
  importLibrary,
  libraryFor,
  recordReview,
  saveDraft,
  saveLibraryGoal,
  savePlanSettings,
  signedPlanLines,
  signVersion,
  startVersion,
} from "./treatment-plans.service.js";

const OrgParams = z.strictObject({ organisationId: z.uuid("Use a programme id.") });
const LibraryGoalParams = OrgParams.extend({ goalId: z.uuid("Use an id made by the app (a UUID).") });
const VersionParams = ClientParams.extend({ versionId: z.uuid("Use a version id.") });

const staff = ["care-team", "break-glass"] as const;
const readers = ["self", ...staff] as const;

/** Individualised treatment plans: the goal library, versions, signatures, reviews and the PDF. */
export const treatmentPlanRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/organisations/:organisationId/treatment-plan-settings",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["treatment-plans"],
          summary: "The programme's review cadence and whether a supervisor signs plans",
          params: OrgParams,
          response: { 200: TreatmentPlanSettings },
        },
      },
      async (request) => getPlanSettings(db.kysely, request.params.organisationId),
    );

    app.put(
      "/api/organisations/:organisationId/treatment-plan-settings",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["treatment-plans"],
          summary: "Set the review cadence (days) and whether a supervisor signs",
          params: OrgParams,
          body: TreatmentPlanSettings,
          response: { 200: TreatmentPlanSettings },
        },
      },
      async (request) =>
        savePlanSettings(db.kysely, request.params.organisationId, request.actor!.userId, request.body),
    );

    app.get(
      "/api/organisations/:organisationId/treatment-plan-library",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["treatment-plans"],
          summary: "The goal library: Lantern's entries, the programme's own, then imported ones",
          params: OrgParams,
          response: { 200: z.array(LibraryGoal) },
        },
      },
      async (request) => libraryFor(db.kysely, request.params.organisationId),
    );

    app.put(
      "/api/organisations/:organisationId/treatment-plan-library/:goalId",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["treatment-plans"],
          summary: "Add or edit one of the programme's own library goals",
          params: LibraryGoalParams,
          body: LibraryGoalInput,
          response: { 200: LibraryGoal, 201: LibraryGoal },
        },
      },
      async (request, reply) => {
        const { organisationId, goalId } = request.params;
        const { created, goal } = await saveLibraryGoal(
          db,
          organisationId,
          goalId,
          request.actor!.userId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(goal);
      },
    );

    app.post(
      "/api/organisations/:organisationId/treatment-plan-library/import",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["treatment-plans"],
          summary: "Import a licensed library the programme holds, as data (replaces its earlier import)",
          params: OrgParams,
          body: ImportLibraryRequest,
          response: { 200: z.object({ imported: z.number() }) },
        },
      },
      async (request) =>
        importLibrary(db, request.params.organisationId, request.actor!.userId, request.body),
    );

    app.get(
      "/api/clients/:clientId/treatment-plan",
      {
        config: { access: clientRecord("treatment_plan", "read", readers) },
        schema: {
          tags: ["treatment-plans"],
          summary: "The plan: newest version, last signed one, quality check, progress, review",
          params: ClientParams,
          response: { 200: TreatmentPlanView },
        },
      },
      async (request) => getTreatmentPlan(db.kysely, clientAccessOf(request)),
    );

    app.post(
      "/api/clients/:clientId/treatment-plan/versions",
      {
        config: { access: clientRecord("treatment_plan", "write", staff) },
        schema: {
          tags: ["treatment-plans"],
          summary: "Start a draft version (a copy of the newest; the same id again changes nothing)",
          params: ClientParams,
          body: StartPlanVersionRequest,
          response: { 200: TreatmentPlanView, 201: TreatmentPlanView },
        },
      },
      async (request, reply) => {
        const { created, plan } = await startVersion(
          db,
          clientAccessOf(request),
          request.actor!,
          request.body.id,
        );
        return reply.code(created ? 201 : 200).send(plan);
      },
    );

    app.put(
      "/api/clients/:clientId/treatment-plan/versions/:versionId",
      {
        config: { access: clientRecord("treatment_plan", "write", staff) },
        schema: {
          tags: ["treatment-plans"],
          summary: "Save the draft (409 when signed, stale or not the newest version)",
          params: VersionParams,
          body: SavePlanDraftRequest,
          response: { 200: TreatmentPlanView },
        },
      },
      async (request) => saveDraft(db, clientAccessOf(request), request.params.versionId, request.body),
    );

    app.post(
      "/api/clients/:clientId/treatment-plan/versions/:versionId/signatures",
      {
        config: { access: clientRecord("treatment_plan", "write", readers) },
        schema: {
          tags: ["treatment-plans"],
          summary: "Sign the version as client, clinician or supervisor (400 naming what the check found)",
          params: VersionParams,
          body: SignPlanRequest,
          response: { 200: TreatmentPlanView },
        },
      },
      async (request) =>
        signVersion(db, clientAccessOf(request), request.actor!, request.params.versionId, request.body.role),
    );

    app.post(
      "/api/clients/:clientId/treatment-plan/reviews",
      {
        config: { access: clientRecord("treatment_plan", "write", staff) },
        schema: {
          tags: ["treatment-plans"],
          summary: "Record a review of the signed plan (the next is due a cadence later)",
          params: ClientParams,
          body: RecordPlanReviewRequest,
          response: { 200: TreatmentPlanView, 201: TreatmentPlanView },
        },
      },
      async (request, reply) => {
        const { created, plan } = await recordReview(
          db,
          clientAccessOf(request),
          request.actor!,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(plan);
      },
    );

    app.get(
      "/api/clients/:clientId/treatment-plan.pdf",
      {
        config: { access: clientRecord("treatment_plan", "read", readers) },
        schema: {
          tags: ["treatment-plans"],
          summary: "The newest signed version as a PDF, with its signatures",
          params: ClientParams,
        },
      },
      async (request, reply) => {
        const lines = await signedPlanLines(db.kysely, clientAccessOf(request));
        return reply
          .header("content-type", "application/pdf")
          .header("content-disposition", 'attachment; filename="treatment-plan.pdf"')
          .header("cache-control", "no-store")
          .send(renderPdf("Treatment plan", lines));
      },
    );
  };
