import { intakeAreaIds, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildGrantee,
  buildOrganisation,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";
import type { Db } from "../../db/dialect.js";
import { problemsOfClient } from "./intake.repository.js";

describeEachDialect("intake", ({ get }) => {
  let app: FastifyInstance;
  let db: Db;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let outsiderId: string;
  let granteeId: string;
  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const base = () => `/api/clients/${client.id}/intake`;
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const areaOf = (res: { json(): unknown }, area: string) =>
    (res.json() as { areas: { area: string }[] }).areas.find((a) => a.area === area) as Record<
      string,
      unknown
    >;

  beforeAll(async () => {
    db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
    granteeId = (await buildGrantee(db, client, "partner", ["profile", "recovery_plan", "journal"])).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it("starts empty and shows the client only the areas they may fill", async () => {
    const mine = await call("GET", base(), client.userId);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      status: "open",
      viewer: "client",
      clientReadyAt: null,
      updatedAt: null,
    });
    const areas = (mine.json().areas as { area: string }[]).map((a) => a.area);
    expect(areas).not.toContain("mental_health");
    expect(areas).not.toContain("trauma_family");
    expect(areas).not.toContain("sexual_history");
    expect(areas).toContain("presenting");
    const theirs = await call("GET", base(), careTeamId);
    expect(theirs.json().areas).toHaveLength(intakeAreaIds.length);
    expect(theirs.json().viewer).toBe("clinician");
  });

  it("saves the client's drafts and names what they may not write", async () => {
    const saved = await call("PUT", base(), client.userId, {
      areas: {
        presenting: { answers: { reason: "  I lose whole nights to it. ", since: "" } },
        behaviours: {
          answers: { items: [{ behaviour: "Browsing at night", frequency: "daily", last: "week" }] },
        },
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(areaOf(saved, "presenting")).toMatchObject({
      clientAnswers: { reason: "I lose whole nights to it." },
      clinicianAnswers: null,
      severity: null,
    });

    const rating = await call("PUT", base(), client.userId, {
      areas: { presenting: { severity: "severe" }, mental_health: { answers: { history: "x" } } },
    });
    expect(rating.statusCode).toBe(403);
    expect(fieldsOf(rating)).toEqual(["areas.presenting.severity", "areas.mental_health"]);

    const unknown = await call("PUT", base(), client.userId, {
      areas: { hobbies: { answers: {} }, presenting: { answers: { colour: "blue" } } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(["areas.hobbies", "areas.presenting.answers.colour"]);

    // Nothing of the refused requests was written.
    const after = await call("GET", base(), client.userId);
    expect(areaOf(after, "presenting").clientAnswers).toEqual({ reason: "I lose whole nights to it." });

    const ready = await call("PUT", base(), client.userId, { clientReady: true });
    expect(ready.json().clientReadyAt).toEqual(expect.any(String));
    const notTheirs = await call("PUT", base(), careTeamId, { clientReady: true });
    expect(notTheirs.statusCode).toBe(403);
    expect(fieldsOf(notTheirs)).toEqual(["clientReady"]);
  });

  it("lets the clinician see the client's words, complete and rate every area", async () => {
    const view = await call("GET", base(), careTeamId);
    expect(areaOf(view, "presenting")).toMatchObject({
      clientAnswers: { reason: "I lose whole nights to it." },
      clinicianAnswers: {},
    });
    const bad = await call("PUT", base(), careTeamId, { areas: { presenting: { severity: "extreme" } } });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(["areas.presenting.severity"]);

    const written = await call("PUT", base(), careTeamId, {
      areas: {
        presenting: {
          answers: { reason: "Partner found the history." },
          severity: "moderate",
          summary: "Came after a discovery.",
        },
        mental_health: { answers: { harm: "never" }, severity: "mild" },
      },
    });
    expect(written.statusCode).toBe(200);
    // The client's words stay as they wrote them.
    expect(areaOf(written, "presenting")).toMatchObject({
      clientAnswers: { reason: "I lose whole nights to it." },
      clinicianAnswers: { reason: "Partner found the history." },
      severity: "moderate",
      summary: "Came after a discovery.",
    });
    // The client still sees only their own words.
    expect(areaOf(await call("GET", base(), client.userId), "presenting")).toMatchObject({
      clinicianAnswers: null,
      severity: null,
      summary: null,
    });
  });

  it("drafts problems from moderate and severe ratings before sign-off, without duplicates", async () => {
    await call("PUT", base(), careTeamId, {
      areas: { behaviours: { severity: "severe", summary: "Nightly, hours at a time." } },
    });
    const drafted = await call("POST", `${base()}/problems/draft`, careTeamId);
    expect(drafted.statusCode).toBe(200);
    expect(drafted.json().map((p: { area: string; severity: string }) => [p.area, p.severity])).toEqual([
      ["behaviours", "severe"],
      ["presenting", "moderate"],
    ]);
    expect(drafted.json()[0]).toMatchObject({
      title: "Compulsive sexual behaviour",
      detail: "Nightly, hours at a time.",
      origin: "drafted",
    });
    const again = await call("POST", `${base()}/problems/draft`, careTeamId);
    expect(again.json()).toHaveLength(2);
  });

  it("refuses to sign off with areas unrated, listing them; then signs off and locks", async () => {
    const early = await call("POST", `${base()}/finalise`, careTeamId);
    expect(early.statusCode).toBe(400);
    const rated = ["presenting", "behaviours", "mental_health"];
    expect(fieldsOf(early)).toEqual(
      intakeAreaIds.filter((a) => !rated.includes(a)).map((a) => `areas.${a}.severity`),
    );

    const rest = Object.fromEntries(
      intakeAreaIds
        .filter((a) => !rated.includes(a))
        .map((a) => [a, { severity: a === "money" ? "severe" : "none" }]),
    );
    expect((await call("PUT", base(), careTeamId, { areas: rest })).statusCode).toBe(200);
    const done = await call("POST", `${base()}/finalise`, careTeamId);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: "finalised", finalisedBy: expect.any(String) });
    expect((await call("POST", `${base()}/finalise`, careTeamId)).statusCode).toBe(409);

    const problems = await call("GET", `${base()}/problems`, client.userId);
    expect(problems.json().map((p: { area: string }) => p.area)).toEqual([
      "behaviours",
      "money",
      "presenting",
    ]);

    // Locked: neither the clinician nor the client changes areas until it is reopened.
    expect((await call("PUT", base(), careTeamId, { areas: { law: { severity: "mild" } } })).statusCode).toBe(
      409,
    );
    expect(
      (
        await call("PUT", base(), client.userId, {
          areas: { strengths: { answers: { interests: "Running" } } },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await call("POST", `${base()}/reopen`, client.userId, { reason: "Want to add more" })).statusCode,
    ).toBe(404);
    const reopened = await call("POST", `${base()}/reopen`, careTeamId, {
      reason: "Client remembered more about work.",
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      status: "open",
      reopenReason: "Client remembered more about work.",
    });
    expect(
      (await call("PUT", base(), careTeamId, { areas: { work: { severity: "moderate" } } })).statusCode,
    ).toBe(200);
    expect((await call("POST", `${base()}/reopen`, careTeamId, { reason: "Again please" })).statusCode).toBe(
      409,
    );

    const audit = await db.kysely
      .selectFrom("audit_events")
      .select(["record_type", "action", "actor_user_id"])
      .where("client_id", "=", client.id)
      .where("record_type", "=", "intake_sign_off")
      .where("outcome", "=", "allowed")
      .execute();
    expect(audit.filter((e) => e.actor_user_id === careTeamId).length).toBeGreaterThanOrEqual(3);
  });

  it("lets the clinician add, edit and remove problems; the list is ordered by severity then area", async () => {
    const id = uuidv7();
    const body = {
      area: "law",
      title: "Court date pending",
      detail: "Hearing in spring.",
      severity: "severe",
    };
    const added = await call("PUT", `${base()}/problems/${id}`, careTeamId, body);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ ...body, origin: "added" });
    expect((await call("PUT", `${base()}/problems/${id}`, careTeamId, body)).statusCode).toBe(200);
    const edited = await call("PUT", `${base()}/problems/${id}`, careTeamId, {
      ...body,
      title: "Court hearing",
    });
    expect(edited.json().title).toBe("Court hearing");

    const rows = await problemsOfClient(db.kysely, client.id);
    expect(rows.map((r) => [r.severity, r.area])).toEqual([
      ["severe", "behaviours"],
      ["severe", "money"],
      ["severe", "law"],
      ["moderate", "presenting"],
    ]);

    const none = await call("PUT", `${base()}/problems/${uuidv7()}`, careTeamId, {
      ...body,
      severity: "none",
    });
    expect(none.statusCode).toBe(400);
    expect(fieldsOf(none)).toEqual(["severity"]);
    const area = await call("PUT", `${base()}/problems/${uuidv7()}`, careTeamId, {
      ...body,
      area: "hobbies",
    });
    expect(fieldsOf(area)).toEqual(["area"]);
    expect((await call("PUT", `${base()}/problems/${uuidv7()}`, client.userId, body)).statusCode).toBe(404);

    expect((await call("DELETE", `${base()}/problems/${id}`, careTeamId)).statusCode).toBe(204);
    expect((await call("DELETE", `${base()}/problems/${id}`, careTeamId)).statusCode).toBe(404);
    // An id used by another client's problem is not this client's to take.
    const theirs = uuidv7();
    expect(
      (await call("PUT", `/api/clients/${other.id}/intake/problems/${theirs}`, outsiderId, body)).statusCode,
    ).toBe(201);
    expect((await call("PUT", `${base()}/problems/${theirs}`, careTeamId, body)).statusCode).toBe(409);
    expect((await call("DELETE", `${base()}/problems/${theirs}`, careTeamId)).statusCode).toBe(404);
  });

  it("keeps the intake from linked people and clinicians off the team", async () => {
    for (const userId of [granteeId, outsiderId, other.userId]) {
      expect((await call("GET", base(), userId)).statusCode).toBe(404);
      expect((await call("GET", `${base()}/problems`, userId)).statusCode).toBe(404);
      expect((await call("PUT", base(), userId, { areas: {} })).statusCode).toBe(404);
    }
  });

  it("lets a clinician with emergency access read and write", async () => {
    const glass = await call("POST", `/api/clients/${client.id}/break-glass`, outsiderId, {
      reason: "On call tonight and the client asked for help.",
    });
    expect(glass.statusCode).toBe(201);
    expect((await call("GET", base(), outsiderId)).json().viewer).toBe("clinician");
    const saved = await call("PUT", base(), outsiderId, {
      areas: { supports: { summary: "Sponsor reachable." } },
    });
    expect(saved.statusCode).toBe(200);
    expect((await call("GET", `${base()}/problems`, outsiderId)).statusCode).toBe(200);
  });
});
