import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { notFound } from "./errors.js";

/**
 * Serves the built web app: hashed assets cached for a year, everything else falls back to
 * index.html (never cached) so the client-side router handles the path. /api stays problem+json.
 * Replaces the API-only not-found handler, so call it instead of registerApiNotFound.
 */
export async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const indexHtml = fs.readFileSync(path.join(webDist, "index.html"));
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    index: false,
    setHeaders(res, filePath) {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header("cache-control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split("?")[0] ?? "/";
    const isPage = !pathname.startsWith("/api") && (request.method === "GET" || request.method === "HEAD");
    if (!isPage) return notFound(request, reply);
    return reply
      .code(200)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(indexHtml);
  });
}
