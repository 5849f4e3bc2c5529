import {
  SharedCheckInSummary,
  SharedJournal,
  SharedPreview,
  SharedSlips,
  SharedSosAlerts,
  SharedSummaryView,
  SharingWithMe,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord, signedIn } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import {
  previewGrant,
  sharedCheckIns,
  sharedJournal,
  sharedSlips,
  sharedSosAlerts,
  sharedSummary,
  sharingWithMe,
} from "./shared-views.service.js";

/**
 * What linked people see: one route per scope, so the choke point checks each scope on every
 * request (a revoked grant stops working on the next one). The client sees each view too.
 */
export const sharedViewRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/sharing-with-me",
      {
        config: { access: signedIn },
        schema: {
          tags: ["sharing"],
          summary: "Who shares with the caller, by first name, and which kinds of data",
          response: { 200: SharingWithMe },
        },
      },
      async (request) => sharingWithMe(db, request.actor!, request.id),
    );

    app.get(
      "/api/clients/:clientId/shared/summary",
      {
        config: { access: clientRecord("shared_summary", "read", ["self", "grant"], "sobriety_summary") },
        schema: {
          tags: ["sharing"],
          summary: "Milestones and streak, as a linked person sees them",
          params: ClientParams,
          response: { 200: SharedSummaryView },
        },
      },
      async (request) => sharedSummary(db.kysely, clientAccessOf(request).clientId),
    );

    app.get(
      "/api/clients/:clientId/shared/check-ins",
      {
        config: {
          access: clientRecord("shared_check_ins", "read", ["self", "grant"], "check_in_summary"),
        },
        schema: {
          tags: ["sharing"],
          summary: "Mood and urge level for the last 30 days (no notes, feelings or behaviours)",
          params: ClientParams,
          response: { 200: SharedCheckInSummary },
        },
      },
      async (request) => sharedCheckIns(db.kysely, clientAccessOf(request).clientId),
    );

    app.get(
      "/api/clients/:clientId/shared/slips",
      {
        config: { access: clientRecord("shared_slips", "read", ["self", "grant"], "slips") },
        schema: {
          tags: ["sharing"],
          summary: "The days a slip happened, and nothing more",
          params: ClientParams,
          response: { 200: SharedSlips },
        },
      },
      async (request) => sharedSlips(db.kysely, clientAccessOf(request).clientId),
    );

    app.get(
      "/api/clients/:clientId/shared/sos-alerts",
      {
        config: { access: clientRecord("shared_sos_alerts", "read", ["grant"], "sos_alerts") },
        schema: {
          tags: ["sharing"],
          summary: "The SOS alerts the caller was sent",
          params: ClientParams,
          response: { 200: SharedSosAlerts },
        },
      },
      async (request) => sharedSosAlerts(db.kysely, clientAccessOf(request).clientId, request.actor!.userId),
    );

    app.get(
      "/api/clients/:clientId/shared/journal",
      {
        config: { access: clientRecord("shared_journal", "read", ["self", "grant"], "journal") },
        schema: {
          tags: ["sharing"],
          summary: "Journal entries the client picked for the people they share with",
          params: ClientParams,
          response: { 200: SharedJournal },
        },
      },
      async (request) => sharedJournal(db.kysely, clientAccessOf(request).clientId),
    );

    app.get(
      "/api/clients/:clientId/grants/:grantId/preview",
      {
        config: { access: clientRecord("grants", "read", ["self"]) },
        schema: {
          tags: ["sharing"],
          summary: "See what they see: exactly what one linked person would see now",
          params: z.strictObject({ clientId: z.uuid(), grantId: z.uuid("Use a grant id.") }),
          response: { 200: SharedPreview },
        },
      },
      async (request) => previewGrant(db.kysely, clientAccessOf(request).clientId, request.params.grantId),
    );
  };
