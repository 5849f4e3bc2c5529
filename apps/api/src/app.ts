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
import { type RouteRule, registerAccessControl } from "./access/hook.js";
import type { Auth } from "./auth/auth.js";
import { sessionActorLoader } from "./auth/session.js";
import type { Config } from "./config.js";
import type { Db } from "./db/dialect.js";
import { authRoutes } from "./features/auth/auth.routes.js";
import { healthRoutes, version } from "./features/health/health.routes.js";
import { setupRoutes } from "./features/setup/setup.routes.js";
import { registerApiNotFound, registerErrorHandling } from "./http/errors.js";
import { sendProblem } from "./http/problem.js";
import { registerWebApp } from "./http/web.js";

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
}

/** Requests bodies above this are refused with 413; nothing Lantern accepts comes close. */
export const bodyLimitBytes = 100 * 1024;

/** Builds the Fastify app from its dependencies without listening, so tests boot it in-process. */
export async function buildApp({ config, db, auth }: AppDeps): Promise<FastifyInstance> {
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
  const routeRules = registerAccessControl(app, sessionActorLoader(auth, db));
  app.decorate("routeRules", routeRules);

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
  await app.register(authRoutes(auth, db));
  app.get(
    "/api/openapi.json",
    { config: { access: { kind: "public", why: "the API's own description" } }, schema: { hide: true } },
    async () => app.swagger(),
  );

  if (config.webDist) await registerWebApp(app, config.webDist);
  else registerApiNotFound(app);
  return app;
}
