import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../test/app.js";
import { describeEachDialect } from "../../test/databases.js";

describeEachDialect("every route declares its access rule", ({ get }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await bootApp(get().db));
  });
  afterAll(async () => {
    await app.close();
  });

  it("lists exactly the reviewed public API routes; everything else needs a session", () => {
    const api = app.routeRules.filter((r) => r.url.startsWith("/api") && !r.url.startsWith("/api/docs"));
    expect(api.length).toBeGreaterThan(0);
    const publicRoutes = api
      .filter((r) => r.rule.kind === "public" && r.method !== "HEAD")
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    // Adding a public route is a security decision: extend this list only after review.
    expect(publicRoutes).toEqual([
      // The client's calendar feed: a secret token in the path (only its hash is stored), events titled
      // "Meeting" or "Group" only, rate-limited (ADR 0019).
      "GET /api/calendar/:token",
      "GET /api/health",
      "GET /api/instance/settings",
      "GET /api/invitations/preview",
      "GET /api/openapi.json",
      // A programme's published profile: the snapshot the admin published, small cells withheld (ADR 0020).
      "GET /api/public/profiles/:slug",
      "GET /api/setup",
      "POST /api/auth/password-reset/complete",
      "POST /api/auth/password-reset/request",
      "POST /api/auth/sign-in",
      "POST /api/auth/sign-out",
      "POST /api/auth/two-factor/verify",
      "POST /api/invitations/accept",
      "POST /api/setup",
      "POST /api/sign-up",
    ]);
  });

  it("answers 401 on every signed-in route for an anonymous caller", async () => {
    const guarded = app.routeRules.filter((r) => r.rule.kind !== "public" && r.method !== "HEAD");
    expect(guarded.length).toBeGreaterThan(0);
    for (const route of guarded) {
      const res = await app.inject({ method: route.method as "GET", url: route.url });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
