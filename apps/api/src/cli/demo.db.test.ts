import {
  type AssessmentResult,
  answerCodes,
  builtInInstruments,
  isStaffRole,
  localDateOf,
  quartersEndingAt,
  scoreResponse,
} from "@lantern/domain";
import { expect, it } from "vitest";
import { bootApp, setupBody } from "../../test/app.js";
import { headerActorLoader, testActorHeader } from "../../test/builders.js";
import { createTestDatabase, describeEachDialect } from "../../test/databases.js";
import { migrateToLatest } from "../db/migrate.js";
import { qualityDashboard } from "../features/quality/quality.service.js";
import { runSetup } from "../features/setup/setup.service.js";
import { DemoRefused, demoPassword, demoPeople, seedDemo } from "./demo.js";
import { alumniPerQuarter } from "./demo-programme.js";

describeEachDialect("the demo programme", ({ get, dialect }) => {
  it("seeds fictional people who can sign in with their roles, once", async () => {
    expect(await seedDemo(get().db)).toBe("seeded");
    expect(await seedDemo(get().db)).toBe("already-seeded");
    const { app } = await bootApp(get().db);
    for (const person of demoPeople) {
      const res = await app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: person.email, password: demoPassword },
      });
      expect(res.statusCode, person.email).toBe(200);
      if (isStaffRole(person.role)) {
        // Staff set up two-step sign-in on their first sign-in.
        expect(res.json().status, person.email).toBe("two-factor-enrolment-required");
      } else {
        expect(res.json().memberships.map((m: { role: string }) => m.role)).toEqual([person.role]);
      }
    }
    expect((await app.inject({ method: "GET", url: "/api/setup" })).json()).toEqual({ needed: false });
    await app.close();
  });

  it("gives the demo client a record with weeks of recovery that their clinician can see", async () => {
    const db = get().db;
    const { app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) });
    const userId = async (email: string) =>
      (await db.kysely.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow())
        .id;
    const as = async (email: string, url: string) =>
      app.inject({ method: "GET", url, headers: { [testActorHeader]: await userId(email) } });
    const client = demoPeople.find((p) => p.role === "client")?.email ?? "";
    const clinician = demoPeople.find((p) => p.role === "clinician")?.email ?? "";
    const partner = demoPeople.find((p) => p.role === "partner")?.email ?? "";

    const [record] = (await as(client, "/api/clients")).json() as { id: string }[];
    expect(record).toBeDefined();
    const today = (await as(client, `/api/clients/${record?.id}/recovery/today`)).json();
    // A lapse 31 days ago after 41 days: the longest run is kept next to the current one.
    expect(today.summary).toMatchObject({ currentStreak: 31, longestStreak: 41 });
    expect(today.circles.items.length).toBeGreaterThan(5);
    expect(today.checkIn).toBeNull();

    const timeline = await as(clinician, `/api/clients/${record?.id}/recovery/timeline?days=90`);
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().checkIns.length).toBeGreaterThan(40);
    expect(timeline.json().slipReviews).toHaveLength(1);
    const sos = (await as(client, `/api/clients/${record?.id}/sos`)).json();
    expect(sos.contacts[0]).toMatchObject({ name: "Chris Walsh", role: "sponsor" });
    expect(sos.crisisLine).toMatchObject({ name: "Samaritans", phone: "116 123" });
    expect(sos.alertable.map((p: { name: string }) => p.name)).toEqual(["Chris Walsh"]);
    const plan = (await as(clinician, `/api/clients/${record?.id}/prevention-plan`)).json();
    expect(plan.version).toBe(1);
    expect(plan.lessons).toHaveLength(2);
    // The partner was given the summary of days only.
    expect((await as(partner, `/api/clients/${record?.id}/ledger`)).json().events).toEqual([]);
    expect((await as(partner, `/api/clients/${record?.id}/check-ins`)).statusCode).toBe(404);
    await app.close();
  });

  it("holds a programme large enough that all six quality criteria show evidence", async () => {
    const db = get().db;
    const organisation = await db.kysely.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    const { criteria } = await qualityDashboard(db, organisation.id);
    expect(criteria.map((c) => c.id)).toEqual([
      "dedicated_programme",
      "certified_staff",
      "track_record",
      "specialists_present",
      "gender_separation",
      "family_component",
    ]);
    for (const criterion of criteria) {
      expect(criterion.evidence.length, criterion.id).toBeGreaterThan(0);
      expect(criterion.status, criterion.id).toBe("met");
    }
    const family = criteria.find((c) => c.id === "family_component");
    expect(family?.evidence[1]).toMatch(
      /^\d+ of \d+ admitted clients \((\d+) %\) had a partner or family member/,
    );
    expect(criteria.find((c) => c.id === "gender_separation")?.evidence).toContain(
      "4 groups of tracks kept for men or for women checked member by member.",
    );
    const certified = criteria.find((c) => c.id === "certified_staff");
    expect(certified?.figure).toBe("83 %"); // 5 of 6 clinicians; the sixth is a candidate
    const record = criteria.find((c) => c.id === "track_record");
    expect(record?.evidence.join(" ")).toMatch(
      /^\d+ discharged clients; \d+ of \d+ follow-up questionnaires/,
    );
    expect(record?.evidence[1]).toMatch(/^5 former clients volunteer/);
  });

  it("reports outcomes for a large enough quarter and refuses the small one", async () => {
    const db = get().db;
    const { app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) });
    const organisation = await db.kysely.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    const admin = await db.kysely
      .selectFrom("users")
      .select("id")
      .where("email", "=", demoPeople[0]?.email ?? "")
      .executeTakeFirstOrThrow();
    const report = (basis: string, quarter: string) =>
      app.inject({
        method: "GET",
        url: `/api/organisations/${organisation.id}/outcome-report?basis=${basis}&quarter=${quarter}`,
        headers: { [testActorHeader]: admin.id },
      });
    const quarters = quartersEndingAt(localDateOf(new Date(), "Europe/London"), alumniPerQuarter.length + 1);
    for (const basis of ["admission", "discharge"]) {
      for (const [q, size] of alumniPerQuarter.entries()) {
        const res = await report(basis, quarters[q] ?? "");
        if (size < 11) {
          expect(res.statusCode, `${basis} ${quarters[q]}`).toBe(400);
          expect(res.json().errors[0].field).toBe("querystring.quarter");
          continue;
        }
        expect(res.statusCode, `${basis} ${quarters[q]}`).toBe(200);
        expect(res.json().cohortSize).toBe(size);
        const byKey = new Map(res.json().figures.map((f: { key: string }) => [f.key, f]));
        expect(byKey.get("phq9_admission"), `${basis} ${quarters[q]}`).toMatchObject({ suppressed: false });
        expect(byKey.get("gad7_admission"), `${basis} ${quarters[q]}`).toMatchObject({ suppressed: false });
      }
      // A quarter three back has had its 1-, 3- and 6-month follow-ups: they are reported, lower than at admission.
      const res = await report(basis, quarters[3] ?? "");
      const figures = res.json().figures as { key: string; value: number | null; suppressed: boolean }[];
      const value = (key: string) => figures.find((f) => f.key === key);
      expect(value("phq9_follow_up")?.suppressed).toBe(false);
      expect(value("phq9_follow_up")?.value ?? 99).toBeLessThan(value("phq9_admission")?.value ?? 0);
    }
    await app.close();
  });

  it("stores questionnaires whose results are the domain's scoring of their answers", async () => {
    const db = get().db;
    const rows = await db.kysely
      .selectFrom("assessments")
      .select(["instrument_id", "answers", "result", "status"])
      .execute();
    // The follow-up check is Lantern's own unscored questions: answers only, never a result.
    const checks = rows.filter((r) => r.instrument_id === "lantern-follow-up" && r.status === "completed");
    expect(checks.length).toBeGreaterThan(50);
    for (const row of checks) {
      expect(row.result).toBeNull();
      expect(Object.keys(JSON.parse(row.answers)).sort()).toEqual([
        "groups",
        "meetings",
        "relationship",
        "therapist",
      ]);
    }
    const completed = rows.filter((r) => r.status === "completed" && r.instrument_id !== "lantern-follow-up");
    expect(completed.length).toBeGreaterThan(300);
    for (const row of completed) {
      const definition = builtInInstruments.find((d) => d.id === row.instrument_id);
      if (!definition) throw new Error(`unknown instrument ${row.instrument_id}`);
      const score = scoreResponse(definition, answerCodes(definition, JSON.parse(row.answers)));
      expect(score.ok).toBe(true);
      const stored = JSON.parse(row.result ?? "null") as AssessmentResult;
      if (score.ok)
        expect(stored).toEqual({ total: score.total, band: score.band?.label ?? null, flags: [] });
    }
  });

  it("places Sam Okafor in a bed of the men's unit and keeps every group to its track's gender", async () => {
    const db = get().db;
    const k = db.kysely;
    const { app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) });
    const organisation = await k.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    const clinician = await k
      .selectFrom("users")
      .select("id")
      .where("email", "=", demoPeople[1]?.email ?? "")
      .executeTakeFirstOrThrow();
    const census = await app.inject({
      method: "GET",
      url: `/api/organisations/${organisation.id}/census`,
      headers: { [testActorHeader]: clinician.id },
    });
    expect(census.statusCode).toBe(200);
    const [unit] = census.json().units;
    expect(unit.genderRestriction).toBe("men");
    const beds = unit.rooms.flatMap((r: { beds: unknown[] }) => r.beds);
    expect(beds).toHaveLength(12);
    const occupants = beds.flatMap((b: { occupant: { display: string } | null }) =>
      b.occupant ? [b.occupant] : [],
    );
    expect(occupants).toHaveLength(9);
    expect(occupants.map((o: { display: string }) => o.display)).toContain("S. O.");
    await app.close();

    const members = await k
      .selectFrom("group_members")
      .innerJoin("groups", "groups.id", "group_members.group_id")
      .innerJoin("tracks", "tracks.id", "groups.track_id")
      .innerJoin("clients", "clients.id", "group_members.client_id")
      .select(["tracks.gender_designation", "tracks.csb_dedicated", "clients.placement_gender"])
      .execute();
    expect(members.length).toBeGreaterThan(80);
    for (const m of members) {
      expect(m.placement_gender).toBe(m.gender_designation === "men" ? "man" : "woman");
      expect(Boolean(m.csb_dedicated)).toBe(true);
    }
  });

  it("lets Dr Raman open each client on her care team: episodes, aftercare, questionnaires, family", async () => {
    const db = get().db;
    const k = db.kysely;
    const { app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) });
    const clinician = await k
      .selectFrom("users")
      .select("id")
      .where("email", "=", demoPeople[1]?.email ?? "")
      .executeTakeFirstOrThrow();
    const as = (url: string) =>
      app.inject({ method: "GET", url, headers: { [testActorHeader]: clinician.id } });
    const clients = await k
      .selectFrom("care_team_members")
      .select("client_id")
      .where("clinician_user_id", "=", clinician.id)
      .execute();
    expect(clients.length).toBeGreaterThan(10);
    let discharged = 0;
    for (const { client_id } of clients) {
      const episodes = await as(`/api/clients/${client_id}/episodes`);
      expect(episodes.statusCode, episodes.body).toBe(200);
      for (const e of episodes.json().episodes as { id: string; dischargedOn: string | null }[]) {
        if (e.dischargedOn === null) continue;
        discharged++;
        const aftercare = await as(`/api/clients/${client_id}/episodes/${e.id}/aftercare`);
        expect(aftercare.statusCode, aftercare.body).toBe(200);
      }
      for (const path of ["assessments", "assessment-trends", "family"]) {
        const res = await as(`/api/clients/${client_id}/${path}`);
        expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      }
    }
    expect(discharged).toBeGreaterThan(5);
    await app.close();
  });

  it("refuses to mix with a real programme", async () => {
    const other = await createTestDatabase(dialect);
    try {
      await migrateToLatest(other.db);
      await runSetup(other.db, setupBody() as Parameters<typeof runSetup>[1]);
      await expect(seedDemo(other.db)).rejects.toThrow(DemoRefused);
      const users = await other.db.kysely.selectFrom("users").select("email").execute();
      expect(users).toHaveLength(1);
    } finally {
      await other.dispose();
    }
  });

  it("applies migrations once; a second run changes nothing", async () => {
    expect(await migrateToLatest(get().db)).toEqual([]);
  });
});
