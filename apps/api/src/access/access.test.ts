import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import type { Db } from "../db/dialect.js";
import type { Actor } from "./actor.js";
import { decide } from "./decide.js";
import { registerAccessControl } from "./hook.js";
import { anyOf, publicRoute, signedIn } from "./rules.js";

const actor = (role: Actor["memberships"][number]["role"]): Actor => ({
  userId: "u",
  name: "N",
  email: "n@example.org",
  sessionId: "s",
  memberships: [{ organisationId: "o", organisationName: "O", role }],
});

describe("decide", () => {
  it("lets anyone through a public rule", () => {
    expect(decide(publicRoute("test"), null)).toEqual({ allow: true });
  });

  it("asks an anonymous caller to sign in", () => {
    expect(decide(signedIn, null)).toEqual({ allow: false, status: 401 });
    expect(decide(anyOf("clinician"), null)).toEqual({ allow: false, status: 401 });
  });

  it("answers 404 to a signed-in caller without the role", () => {
    expect(decide(anyOf("clinician"), actor("client"))).toEqual({ allow: false, status: 404 });
    expect(decide(anyOf("clinician", "programme_admin"), actor("programme_admin"))).toEqual({ allow: true });
    expect(decide(signedIn, actor("partner"))).toEqual({ allow: true });
  });

  it("denies a rule it does not know", () => {
    expect(decide({ kind: "mystery" } as never, actor("programme_admin"))).toEqual({
      allow: false,
      status: 404,
    });
  });
});

describe("the access hook", () => {
  it("refuses to start when an API route declares no rule", async () => {
    const app = Fastify();
    registerAccessControl(app, async () => null, {} as Db);
    expect(() => app.get("/api/forgotten", async () => "leak")).toThrow(/declares no access rule/);
    await app.close();
  });

  it("checks the declared rule before the handler runs", async () => {
    const app = Fastify();
    const loader = async (request: { headers: Record<string, unknown> }) =>
      request.headers["x-test-role"] ? actor("clinician") : null;
    registerAccessControl(app, loader, {} as Db);
    app.get("/api/caseload", { config: { access: anyOf("clinician") } }, async () => "caseload");
    const anonymous = await app.inject({ method: "GET", url: "/api/caseload" });
    expect(anonymous.statusCode).toBe(401);
    const clinician = await app.inject({
      method: "GET",
      url: "/api/caseload",
      headers: { "x-test-role": "1" },
    });
    expect(clinician.body).toBe("caseload");
    await app.close();
  });
});
