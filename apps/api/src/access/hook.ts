import type { FastifyInstance, FastifyRequest } from "fastify";
import { sendProblem } from "../http/problem.js";
import type { Actor } from "./actor.js";
import { decide } from "./decide.js";
import type { AccessRule } from "./rules.js";

/** A registered route and the rule it declared, for the authorization tests. */
export interface RouteRule {
  method: string;
  url: string;
  rule: AccessRule;
}

/** Loads the signed-in actor for a request, or null. */
export type ActorLoader = (request: FastifyRequest) => Promise<Actor | null>;

/** Routes that plugins register for the API documentation; public by design. */
const documentationRoutes = /^\/api\/docs(\/|$)|^\/api\/openapi\.json$/;

/**
 * Installs the choke point: every route must declare an access rule (start-up fails otherwise), and
 * before any handler runs the rule is checked against the actor. Returns the live list of routes
 * and their rules.
 */
export function registerAccessControl(app: FastifyInstance, loadActor: ActorLoader): RouteRule[] {
  const declared: RouteRule[] = [];
  app.decorateRequest("actor", null);

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

  app.addHook("preHandler", async (request, reply) => {
    // The not-found handler answers with nothing to protect; its hooks run like a route's.
    if (request.is404) return;
    const rule = request.routeOptions.config.access;
    if (!rule) return sendProblem(reply, 404, "notFound", "Not found.");
    if (rule.kind !== "public") request.actor = await loadActor(request);
    const decision = decide(rule, request.actor);
    if (decision.allow) return;
    if (decision.status === 401) return sendProblem(reply, 401, "unauthenticated", "Please sign in.");
    return sendProblem(reply, 404, "notFound", "Not found.");
  });
  return declared;
}
