import { isStaffRole } from "@lantern/domain";
import { expect, it } from "vitest";
import { bootApp, setupBody } from "../../test/app.js";
import { headerActorLoader, testActorHeader } from "../../test/builders.js";
import { createTestDatabase, describeEachDialect } from "../../test/databases.js";
import { migrateToLatest } from "../db/migrate.js";
import { runSetup } from "../features/setup/setup.service.js";
import { DemoRefused, demoPassword, demoPeople, seedDemo } from "./demo.js";

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
