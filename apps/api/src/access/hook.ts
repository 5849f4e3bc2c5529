import type { FastifyInstance, FastifyRequest } from "fastify";
import { AuditAppender } from "../audit/appender.js";
import type { Db } from "../db/dialect.js";
import { sendProblem } from "../http/problem.js";
import type { Actor } from "./actor.js";
import { decide, type Target } from "./decide.js";
import { resolveClientFacts } from "./relationships.js";
import type { AccessRule, Relationship } from "./rules.js";

/** Loads the signed-in actor for a request, or null. */
export type ActorLoader = (request: FastifyRequest) => Promise<Actor | null>;

/** A registered route and the rule it declared, for the authorization tests. */
export interface RouteRule {
  method: string;
  url: string;
  rule: AccessRule;
}

/** What the choke point established about an allowed request on a client's record. */
export interface ClientAccess {
  clientId: string;
  organisationId: string | null;
  via: Relationship;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set on client routes once access is allowed. */
    clientAccess: ClientAccess | null;
    /** What the choke point decided for this request (read by the authorization tests). */
    accessOutcome: "allowed" | "denied" | null;
  }
}

/** Routes that plugins register for the API documentation; public by design. */
const documentationRoutes = /^\/api\/docs(\/|$)|^\/api\/openapi\.json$/;

/**
 * Installs the choke point: every route must declare an access rule (start-up fails otherwise), and
 * before any handler runs the rule is checked against the actor. Every decision on a client's record,
 * allowed or denied, is written to the audit chain. Returns the live list of routes and their rules.
 */
export function registerAccessControl(app: FastifyInstance, loadActor: ActorLoader, db: Db): RouteRule[] {
  const declared: RouteRule[] = [];
  const audit = new AuditAppender(db);
  app.decorateRequest("actor", null);
  app.decorateRequest("clientAccess", null);
  app.decorateRequest("accessOutcome", null);

  app.addHook("onRoute", (route) => {
    route.config ??= {};
    const config = route.config as { access?: AccessRule };
    if (!config.access) {
      if (!documentationRoutes.test(route.url) && route.url.startsWith("/api")) {
        throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
      }
      config.access = { kind: "public", why: "API documentation and the web app's static files" };
    }
    for (const method of [route.method].flat())
      declared.push({ method, url: route.url, rule: config.access });
  });

  // preValidation: the decision comes before input validation, so a caller who may not use a
  // route learns nothing from its validation messages.
  app.addHook("preValidation", async (request, reply) => {
    // The not-found handler answers with nothing to protect; its hooks run like a route's.
    if (request.is404) return;
    const rule = request.routeOptions.config.access;
    if (!rule) return sendProblem(reply, 404, "notFound", "Not found.");
    if (rule.kind !== "public") request.actor = await loadActor(request);

    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const target: Target = {};
    if (rule.kind === "organisation") target.organisationId = params.organisationId;
    if (rule.kind === "client" && request.actor) {
      target.client = await resolveClientFacts(db.kysely, request.actor, params.clientId ?? "");
    }
    const decision = decide(rule, request.actor, target);

    if (rule.kind === "client" && request.actor) {
      await audit.append({
        actorUserId: request.actor.userId,
        actorRole: decision.allow ? (decision.via ?? null) : "none",
        organisationId: target.client?.organisationId ?? null,
        clientId: target.client?.exists ? (params.clientId ?? null) : null,
        recordType: rule.record,
        recordId: params.clientId ?? null,
        action: rule.action,
        outcome: decision.allow ? "allowed" : "denied",
        requestId: request.id,
        ip: request.ip,
      });
    }
    request.accessOutcome = decision.allow ? "allowed" : "denied";
    if (decision.allow) {
      if (rule.kind === "client" && decision.via) {
        request.clientAccess = {
          clientId: params.clientId ?? "",
          organisationId: target.client?.organisationId ?? null,
          via: decision.via,
        };
      }
      return;
    }
    if (decision.status === 401) return sendProblem(reply, 401, "unauthenticated", "Please sign in.");
    return sendProblem(reply, 404, "notFound", "Not found.");
  });
  return declared;
}
