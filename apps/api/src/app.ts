import { randomUUID } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { type ActorLoader, type RouteRule, registerAccessControl } from "./access/hook.js";
import type { Auth } from "./auth/auth.js";
import { sessionActorLoader } from "./auth/session.js";
import type { Config } from "./config.js";
import type { Db } from "./db/dialect.js";
import { aftercareRoutes } from "./features/aftercare/aftercare.routes.js";
import { alumniRoutes } from "./features/alumni/alumni.routes.js";
import { assessmentRoutes } from "./features/assessments/assessments.routes.js";
import { scheduleRoutes } from "./features/assessments/schedules.routes.js";
import { auditLogRoutes } from "./features/audit-log/audit-log.routes.js";
import { authRoutes } from "./features/auth/auth.routes.js";
import { checkInRoutes } from "./features/check-ins/check-ins.routes.js";
import { circleRoutes } from "./features/circles/circles.routes.js";
import { clientRoutes } from "./features/clients/clients.routes.js";
import { credentialRoutes } from "./features/credentials/credentials.routes.js";
import { episodeRoutes } from "./features/episodes/episodes.routes.js";
import { exerciseRoutes } from "./features/exercises/exercises.routes.js";
import { familyRoutes } from "./features/family/family.routes.js";
import { groupRoutes } from "./features/groups/groups.routes.js";
import { healthRoutes, version } from "./features/health/health.routes.js";
import { instanceRoutes } from "./features/instance/instance.routes.js";
import { intakeRoutes } from "./features/intake/intake.routes.js";
import { type InvitationMailer, invitationRoutes } from "./features/invitations/invitations.routes.js";
import { journalRoutes } from "./features/journal/journal.routes.js";
import { ledgerRoutes } from "./features/ledger/ledger.routes.js";
import { notificationRoutes } from "./features/notifications/notifications.routes.js";
import { organisationRoutes } from "./features/organisations/organisations.routes.js";
import { outreachRoutes } from "./features/outreach/outreach.routes.js";
import { planRoutes } from "./features/plans/plans.routes.js";
import { progressNoteRoutes } from "./features/progress-notes/progress-notes.routes.js";
import { profileRoutes } from "./features/quality/profile.routes.js";
import { qualityRoutes } from "./features/quality/quality.routes.js";
import { recoveryRoutes } from "./features/recovery/recovery.routes.js";
import { setupRoutes } from "./features/setup/setup.routes.js";
import { sharedViewRoutes } from "./features/shared-views/shared-views.routes.js";
import { slipReviewRoutes } from "./features/slip-reviews/slip-reviews.routes.js";
import { sosRoutes } from "./features/sos/sos.routes.js";
import { supportNetworkRoutes } from "./features/support-network/support-network.routes.js";
import { treatmentPlanRoutes } from "./features/treatment-plans/treatment-plans.routes.js";
import { triggerRoutes } from "./features/triggers/triggers.routes.js";
import { urgeRoutes } from "./features/urges/urges.routes.js";
import { registerApiNotFound, registerErrorHandling } from "./http/errors.js";
import { sendProblem } from "./http/problem.js";
import { registerWebApp } from "./http/web.js";
import { invitationMessage, signUpAttemptMessage } from "./mail/identity-messages.js";
import { createMailer, type Mailer, type MailMessage } from "./mail/mailer.js";

declare module "fastify" {
  interface FastifyInstance {
    /** Every registered route with its access rule (read by the authorization tests). */
    routeRules: RouteRule[];
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  auth: Auth;
  /** Sends invitation emails; without it invitations are shared by link or code only. */
  sendInvitation?: InvitationMailer;
  /** Replaces session-cookie authentication (the authorization-matrix test names actors directly). */
  actorLoader?: ActorLoader;
  /** Tests only: report the choke point's decision in an `x-lantern-access` header. */
  exposeAccessDecision?: boolean;
  /** Sends email (password reset); by default SMTP from the configuration, or nothing when unset. */
  mailer?: Mailer;
}

/** Sends mail when SMTP is configured; false (logged without address or content) when it is not or fails. */
export async function sendQuietly(
  mailer: Mailer,
  message: MailMessage,
  app: FastifyInstance,
): Promise<boolean> {
  if (!mailer.configured) {
    app.log.warn("mail is not configured (SMTP_HOST); an email was not sent");
    return false;
  }
  try {
    await mailer.send(message);
    return true;
  } catch (error) {
    app.log.warn(
      { err: { type: error instanceof Error ? error.name : "unknown" } },
      "an email could not be sent",
    );
    return false;
  }
}

/** Requests bodies above this are refused with 413; nothing Lantern accepts comes close. */
export const bodyLimitBytes = 100 * 1024;

/** Builds the Fastify app from its dependencies without listening, so tests boot it in-process. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, auth, sendInvitation, actorLoader } = deps;
  const app = Fastify({
    bodyLimit: bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === "true",
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    logger: {
      level: config.logLevel,
      // Never log bodies, cookies, query strings (they may carry an email) or headers.
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, path: String(req.url).split("?")[0] }),
        res: (res) => ({ status: res.statusCode }),
      },
    },
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: a text/plain body (what a cross-site form can send without a preflight) gets 415.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const https = config.publicUrl.startsWith("https://");
  // First, so every route registered after it (plugins' too) passes through the choke point.
  const loadActor = actorLoader ?? sessionActorLoader(auth, db);
  const routeRules = registerAccessControl(app, loadActor, db);
  app.decorate("routeRules", routeRules);
  if (deps.exposeAccessDecision) {
    app.addHook("onSend", async (request, reply) => {
      if (request.accessOutcome) reply.header("x-lantern-access", request.accessOutcome);
    });
  }

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes CSS variables into a <style> element at run time; scripts stay 'self' only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "no-referrer" },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: true,
    max: Number(process.env.RATE_LIMIT_PER_MINUTE ?? 600),
    timeWindow: "1 minute",
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many requests; try again in ${context.after}.`,
    }),
  });

  // Browsers send Origin on cross-site writes; refuse any that is not Lantern's own.
  const ownOrigin = new URL(config.publicUrl).origin;
  app.addHook("onRequest", async (request, reply) => {
    if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return;
    const origin = request.headers.origin;
    if (!origin) return;
    const sameHost = `${request.protocol}://${request.host}`;
    if (origin !== ownOrigin && origin !== sameHost) {
      return sendProblem(reply, 403, "forbidden", "This request came from another site and was refused.");
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Lantern API", version, description: "The HTTP API behind Lantern's web app." },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  await app.register(healthRoutes(db));
  await app.register(setupRoutes(db));
  const mailer = deps.mailer ?? createMailer(config.smtp);
  await app.register(authRoutes({ db, auth, config, mailer }));
  await app.register(clientRoutes(db));
  await app.register(organisationRoutes(db));
  await app.register(auditLogRoutes(db));
  // The client's daily recovery.
  for (const routes of [
    ledgerRoutes,
    circleRoutes,
    checkInRoutes,
    recoveryRoutes,
    urgeRoutes,
    triggerRoutes,
    slipReviewRoutes,
    journalRoutes,
    // The client's support system.
    supportNetworkRoutes,
    planRoutes,
    outreachRoutes,
    notificationRoutes,
    sharedViewRoutes,
    // The biopsychosocial intake and its problem list.
    intakeRoutes,
    // Programme operations: tracks, beds, episodes of care, census.
    episodeRoutes,
    // Discharge with an aftercare plan; aftercare in the app.
    aftercareRoutes,
    // Groups with sessions, attendance and member notes.
    groupRoutes,
    // Individualised treatment plans.
    treatmentPlanRoutes,
    // Progress notes and recovery exercises.
    progressNoteRoutes,
    exerciseRoutes,
    // Programme quality: staff credentials, the six criteria, outcome reports.
    credentialRoutes,
    qualityRoutes,
    profileRoutes,
    alumniRoutes,
  ])
    await app.register(routes(db));
  // Assigned and scheduled questionnaires (PHQ-9, GAD-7); due occurrences send the quiet reminder.
  const reminders = {
    publicUrl: config.publicUrl,
    sendMail: (m: MailMessage) => sendQuietly(mailer, m, app),
  };
  await app.register(assessmentRoutes(db, reminders));
  await app.register(scheduleRoutes(db, reminders));
  await app.register(
    sosRoutes({
      db,
      publicUrl: config.publicUrl,
      sendMail: (message) => sendQuietly(mailer, message, app),
    }),
  );
  const invitationDeps = {
    db,
    publicUrl: config.publicUrl,
    sendInvitation:
      sendInvitation ??
      (async (to: string, link: string) => sendQuietly(mailer, invitationMessage(to, link), app)),
  };
  // The family programme: participants are invited like other linked people.
  await app.register(familyRoutes(invitationDeps));
  await app.register(
    invitationRoutes({
      db,
      publicUrl: config.publicUrl,
      sendInvitation:
        sendInvitation ?? (async (to, link) => sendQuietly(mailer, invitationMessage(to, link), app)),
    }),
  );
  await app.register(
    instanceRoutes(db, async (to) => {
      await sendQuietly(mailer, signUpAttemptMessage(to), app);
    }),
  );
  app.get(
    "/api/openapi.json",
    { config: { access: { kind: "public", why: "the API's own description" } }, schema: { hide: true } },
    async () => app.swagger(),
  );

  if (config.webDist) await registerWebApp(app, config.webDist);
  else registerApiNotFound(app);
  return app;
}
