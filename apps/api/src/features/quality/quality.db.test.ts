import { addDays, daysBetween, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildOrganisation,
  buildUser,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";
import { type SeededOutcome, secondQuarterOutcomes, seedOutcomeClient } from "../../../test/quality-seed.js";

interface Criterion {
  id: string;
  status: string;
  figure: string | null;
  evidence: string[];
  drillDown: { label: string; detail: string; ok: boolean | null }[];
}

describeEachDialect("programme quality: credentials, the six criteria, outcome reports", ({ get }) => {
  let app: FastifyInstance;
  let org: string;
  let adminId: string;
  const clinicians: string[] = [];
  const today = () => localDateOf(new Date(), "Europe/London");
  const credentialIds = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];

  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const csat = (userId: string, id: string, over: object = {}) => ({
    id,
    userId,
    kind: "sex_addiction_specialist",
    licenceType: null,
    issuer: "A certifying body",
    number: `N-${id.slice(-6)}`,
    issuedOn: addDays(today(), -400),
    expiresOn: addDays(today(), 300),
    ...over,
  });
  const criterion = async (id: string, organisationId = org, userId = adminId) => {
    const res = await call("GET", `/api/organisations/${organisationId}/quality`, userId);
    expect(res.statusCode).toBe(200);
    const found = (res.json() as { criteria: Criterion[] }).criteria.find((c) => c.id === id);
    if (!found) throw new Error(`no criterion ${id}`);
    return found;
  };

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    org = (await buildOrganisation(db)).id;
    adminId = (await buildUser(db, "programme_admin", org)).id;
    for (let i = 0; i < 4; i++) clinicians.push((await buildClinician(db, org)).id);
  });
  afterAll(async () => {
    await app.close();
  });

  describe("credentials", () => {
    it("lets the admin record credentials once per id and refuses bad dates naming expiresOn", async () => {
      const base = `/api/organisations/${org}/staff-credentials`;
      for (let i = 0; i < 3; i++) {
        const res = await call(
          "POST",
          base,
          adminId,
          csat(clinicians[i] as string, credentialIds[i] as string),
        );
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ status: "current" });
      }
      const again = await call(
        "POST",
        base,
        adminId,
        csat(clinicians[0] as string, credentialIds[0] as string),
      );
      expect(again.statusCode).toBe(200);
      const other = await call("POST", base, adminId, {
        ...csat(clinicians[0] as string, credentialIds[0] as string),
        number: "other",
      });
      expect(other.statusCode).toBe(409);
      const bad = await call("POST", base, adminId, {
        ...csat(clinicians[3] as string, uuidv7()),
        issuedOn: "2026-05-02",
        expiresOn: "2026-05-01",
      });
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad)).toEqual(["expiresOn"]);
      const outsider = (await buildUser(get().db, "client", org)).id;
      const notStaff = await call("POST", base, adminId, csat(outsider, uuidv7()));
      expect(notStaff.statusCode).toBe(400);
      expect(fieldsOf(notStaff)).toEqual(["userId"]);
      const licence = await call("POST", base, adminId, {
        ...csat(clinicians[3] as string, credentialIds[3] as string),
        kind: "licensed_mental_health",
      });
      expect(fieldsOf(licence)).toEqual(["licenceType"]);
      expect((await call("GET", base, clinicians[0] as string)).statusCode).toBe(404);
      const count = await get()
        .db.kysely.selectFrom("staff_credentials")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(3);
    });

    it("warns the admin of credentials expiring within 60 days", async () => {
      const res = await call(
        "POST",
        `/api/organisations/${org}/staff-credentials`,
        adminId,
        csat(clinicians[3] as string, credentialIds[3] as string, {
          kind: "licensed_mental_health",
          licenceType: "LPC",
          expiresOn: addDays(today(), 20),
        }),
      );
      expect(res.statusCode).toBe(201);
      const list = (await call("GET", `/api/organisations/${org}/staff-credentials`, adminId)).json() as {
        expiringSoon: { id: string; daysLeft: number }[];
        staff: { userId: string; credentials: unknown[] }[];
      };
      expect(list.expiringSoon.map((c) => [c.id, c.daysLeft])).toEqual([[credentialIds[3], 20]]);
      expect(list.staff).toHaveLength(5);
    });
  });

  describe("the six criteria", () => {
    it("moves the 75 % figure when one staff credential changes", async () => {
      const before = await criterion("certified_staff");
      expect(before.figure).toBe("75 %");
      expect(before.status).toBe("met");
      const changed = await call(
        "PUT",
        `/api/organisations/${org}/staff-credentials/${credentialIds[2]}`,
        adminId,
        (({ id: _id, ...rest }) => rest)(
          csat(clinicians[2] as string, credentialIds[2] as string, {
            expiresOn: addDays(today(), -1),
          }),
        ),
      );
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ status: "expired" });
      const after = await criterion("certified_staff");
      expect(after.figure).toBe("50 %");
      expect(after.status).toBe("not_met");
      expect(after.drillDown.filter((r) => r.ok).length).toBe(2);
      // Removing one moves it again.
      expect(
        (await call("DELETE", `/api/organisations/${org}/staff-credentials/${credentialIds[1]}`, adminId))
          .statusCode,
      ).toBe(204);
      expect((await criterion("certified_staff")).figure).toBe("25 %");
    });

    it("shows specialists present, gender violations, and says when data does not exist yet", async () => {
      expect((await criterion("specialists_present")).status).toBe("met");
      const base = `/api/organisations/${org}`;
      const track = uuidv7();
      await call("POST", `${base}/tracks`, adminId, {
        id: track,
        name: "Men's outpatient",
        kind: "outpatient",
        csbDedicated: true,
        genderDesignation: "men",
      });
      const woman = await buildClient(get().db, org);
      expect(
        (await call("PUT", `/api/clients/${woman.id}/placement`, adminId, { gender: "woman", alias: "Wren" }))
          .statusCode,
      ).toBe(200);
      const admitted = await call("POST", `/api/clients/${woman.id}/episodes`, adminId, {
        id: uuidv7(),
        admittedOn: addDays(today(), -2),
        trackId: track,
        bedId: null,
        referralSource: "Self",
        consents: [],
      });
      expect(admitted.statusCode).toBe(201);
      const inCare = await call("PUT", `/api/clients/${woman.id}/alumni-volunteering`, woman.userId, {
        volunteering: true,
      });
      expect(inCare.statusCode).toBe(409);
      expect(fieldsOf(inCare)).toEqual(["volunteering"]);
      const gender = await criterion("gender_separation");
      expect(gender.status).toBe("not_met");
      expect(gender.drillDown.map((r) => r.label)).toEqual(["Wren"]);
      const dedicated = await criterion("dedicated_programme");
      expect(dedicated.status).toBe("met");
      expect(dedicated.evidence.join(" ")).toContain("No treatment groups are set up yet.");
      const family = await criterion("family_component");
      expect(family.status).toBe("not_met");
      expect(family.evidence.join(" ")).toContain("No family or partner programme track is set up.");
      expect((await criterion("track_record")).evidence.join(" ")).toContain("0 former clients volunteer");
    });

    it("reads group members and family sessions from the record", async () => {
      const db = get().db;
      const own = (await buildOrganisation(db)).id;
      const admin = (await buildUser(db, "programme_admin", own)).id;
      const base = `/api/organisations/${own}`;
      const track = uuidv7();
      const tracks = [
        {
          id: track,
          name: "Men's day programme",
          kind: "outpatient",
          csbDedicated: true,
          genderDesignation: "men",
        },
        {
          id: uuidv7(),
          name: "Partners",
          kind: "partner_programme",
          csbDedicated: true,
          genderDesignation: "mixed",
        },
      ];
      for (const t of tracks) expect((await call("POST", `${base}/tracks`, admin, t)).statusCode).toBe(201);
      const [ash, ben] = [await buildClient(db, own), await buildClient(db, own)];
      const clinician = (await buildClinician(db, own, [ash.id, ben.id])).id;
      for (const [client, alias] of [
        [ash, "Ash"],
        [ben, "Ben"],
      ] as const) {
        await call("PUT", `/api/clients/${client.id}/placement`, admin, { gender: "man", alias });
        const admitted = await call("POST", `/api/clients/${client.id}/episodes`, admin, {
          id: uuidv7(),
          admittedOn: addDays(today(), -10),
          trackId: track,
          bedId: null,
          referralSource: "Self",
          consents: [],
        });
        expect(admitted.statusCode).toBe(201);
      }
      const group = uuidv7();
      const made = await call("POST", `${base}/groups`, admin, {
        id: group,
        name: "Thursday evening group",
        trackId: track,
        facilitatorUserIds: [clinician],
        schedule: { weekday: "thursday", startTime: "18:30", durationMinutes: 90 },
      });
      expect(made.statusCode).toBe(201);
      for (const client of [ash, ben])
        expect(
          (await call("POST", `${base}/groups/${group}/members`, admin, { clientId: client.id })).statusCode,
        ).toBe(201);

      const separation = await criterion("gender_separation", own, admin);
      expect(separation.status).toBe("met");
      expect(separation.evidence).toContain(
        "1 group of tracks kept for men or for women checked member by member.",
      );
      expect((await criterion("dedicated_programme", own, admin)).evidence).toContain(
        "The one treatment group belongs to a dedicated track.",
      );
      // A placement gender corrected after the fact puts the group membership against the designation.
      await db.kysely
        .updateTable("clients")
        .set({ placement_gender: "woman" })
        .where("id", "=", ben.id)
        .execute();
      const corrected = await criterion("gender_separation", own, admin);
      expect(corrected.status).toBe("not_met");
      expect(corrected.drillDown).toContainEqual({
        label: "Ben",
        detail: "Member of group Thursday evening group (kept for men)",
        ok: false,
      });

      const before = await criterion("family_component", own, admin);
      expect(before).toMatchObject({ status: "not_met", figure: "0 % of clients" });
      const participant = uuidv7();
      const enrolled = await call("POST", `/api/clients/${ash.id}/family/participants`, clinician, {
        id: participant,
        name: "Robin Vale",
        relationship: "partner",
        delivery: "code",
        consents: [{ name: "Family programme", givenOn: today() }],
      });
      expect(enrolled.statusCode).toBe(201);
      const session = (attendance: string) => ({
        id: uuidv7(),
        heldOn: today(),
        topic: "Coming home",
        clientAttendance: "present",
        participants: [{ participantId: participant, attendance, note: "" }],
      });
      // An absence does not count as taking part; attending does.
      expect(
        (await call("POST", `/api/clients/${ash.id}/family/sessions`, clinician, session("absent")))
          .statusCode,
      ).toBe(201);
      expect((await criterion("family_component", own, admin)).figure).toBe("0 % of clients");
      expect(
        (await call("POST", `/api/clients/${ash.id}/family/sessions`, clinician, session("present")))
          .statusCode,
      ).toBe(201);
      const after = await criterion("family_component", own, admin);
      expect(after).toMatchObject({ status: "met", figure: "50 % of clients" });
      expect(after.evidence).toContain(
        "1 of 2 admitted clients (50 %) had a partner or family member attend a family session; the aim is at least half.",
      );
    });
  });

  describe("outcome report", () => {
    let cohortOrg: string;
    let cohortAdmin: string;
    const q2 = { from: "2026-04-01", discharge: "2026-06-20" };
    type Seeded = SeededOutcome;
    const seeded: Seeded[] = [];
    const alumni: { id: string; userId: string }[] = [];
    const seedClient = (admittedOn: string, s: Seeded, trackId: string, dischargedOn = q2.discharge) =>
      seedOutcomeClient(get().db, cohortOrg, cohortAdmin, trackId, admittedOn, dischargedOn, s);

    beforeAll(async () => {
      cohortOrg = (await buildOrganisation(get().db)).id;
      cohortAdmin = (await buildUser(get().db, "programme_admin", cohortOrg)).id;
      const trackId = uuidv7();
      await call("POST", `/api/organisations/${cohortOrg}/tracks`, cohortAdmin, {
        id: trackId,
        name: "Outpatient",
        kind: "outpatient",
        csbDedicated: true,
        genderDesignation: "mixed",
      });
      for (const [i, s] of secondQuarterOutcomes().entries()) {
        seeded.push(s);
        alumni.push(await seedClient(addDays(q2.from, i * 5), s, trackId));
      }
      // Four clients admitted in the third quarter: a cohort too small to report.
      for (let i = 0; i < 4; i++)
        await seedClient(
          addDays("2026-07-01", i),
          { ...(seeded[0] as Seeded), hasLedger: false },
          trackId,
          "2026-08-20",
        );
    });

    it("matches figures computed independently from the seeded data, in JSON and CSV", async () => {
      const url = `/api/organisations/${cohortOrg}/outcome-report?basis=admission&quarter=2026-Q2`;
      const res = await call("GET", url, cohortAdmin);
      expect(res.statusCode).toBe(200);
      const report = res.json() as {
        cohortSize: number;
        followUpResponseRate: number;
        figures: {
          key: string;
          value: number | null;
          clients: number | null;
          responseRate: number | null;
          suppressed: boolean;
        }[];
      };
      const n = seeded.length;
      const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
      const present = <T>(xs: (T | null)[]) => xs.filter((x): x is T => x !== null);
      const phq9Follow = present(seeded.map((s) => s.phq9Follow));
      const ledger = seeded.filter((s) => s.hasLedger);
      const withheld = { value: null, clients: null, responseRate: null, suppressed: true };
      // The check answered at the latest follow-up (the earlier one said otherwise).
      const checked = present(seeded.map((s) => s.check ?? null));
      expect(checked).toHaveLength(12);
      const stillInAftercare = checked.filter((c) => c.therapist + c.groups + c.meetings > 0);
      // The ledger before the latest follow-up day (discharge + 90): the sobriety start is 200 days
      // before today and the acts fall within the last week, so only the start can cut the window.
      const latestFollowUp = addDays(q2.discharge, 90);
      const start = addDays(localDateOf(new Date(), "Europe/London"), -200);
      const windowStart = addDays(latestFollowUp, -30);
      const from = start > windowStart ? start : windowStart;
      const covered = daysBetween(from, latestFollowUp);
      const acts = (s: Seeded) =>
        Array.from({ length: s.acts }, (_, a) =>
          addDays(localDateOf(new Date(), "Europe/London"), -3 * (a + 1)),
        ).filter((d) => d >= from && d < latestFollowUp).length;
      const soberBeforeFollowUp =
        covered <= 0 || ledger.length < 11
          ? withheld
          : {
              value: mean(ledger.map((s) => (100 * (covered - acts(s))) / covered)),
              clients: ledger.length,
              responseRate: Math.round((100 * ledger.length) / n),
              suppressed: false,
            };
      const expected = {
        phq9_admission: {
          value: mean(seeded.map((s) => s.phq9In)),
          clients: n,
          responseRate: 100,
          suppressed: false,
        },
        phq9_follow_up: {
          value: mean(phq9Follow),
          clients: phq9Follow.length,
          responseRate: Math.round((100 * phq9Follow.length) / n),
          suppressed: false,
        },
        gad7_admission: {
          value: mean(seeded.map((s) => s.gad7In)),
          clients: n,
          responseRate: 100,
          suppressed: false,
        },
        gad7_follow_up: { value: null, clients: null, responseRate: null, suppressed: true },
        sober_days_30: {
          value: mean(ledger.map((s) => (100 * (30 - s.acts)) / 30)),
          clients: ledger.length,
          responseRate: Math.round((100 * ledger.length) / n),
          suppressed: false,
        },
        sober_days_30_follow_up: soberBeforeFollowUp,
        in_aftercare_follow_up: {
          value: Math.round(1000 * (stillInAftercare.length / checked.length)) / 10,
          clients: checked.length,
          responseRate: Math.round((100 * checked.length) / n),
          suppressed: false,
        },
        // Twelve with the same partner (shown), nobody else (withheld: under 11).
        relationship_same_partner: {
          value: checked.filter((c) => c.relationship === 1).length,
          clients: checked.filter((c) => c.relationship === 1).length,
          responseRate: Math.round((100 * checked.length) / n),
          suppressed: false,
        },
        relationship_new_partner: withheld,
        relationship_separated: withheld,
        relationship_single: withheld,
        relationship_not_saying: withheld,
      };
      expect(report.cohortSize).toBe(13);
      const answeredAny = seeded.filter((s) => s.phq9Follow !== null || s.check).length;
      expect(report.followUpResponseRate).toBe(Math.round((100 * answeredAny) / n));
      expect(
        Object.fromEntries(
          report.figures.map(({ key, value, clients, responseRate, suppressed }) => [
            key,
            { value, clients, responseRate, suppressed },
          ]),
        ),
      ).toEqual(expected);
      // No client id, name or per-client value leaves the API.
      expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

      const csv = await call("GET", url.replace("outcome-report?", "outcome-report.csv?"), cohortAdmin);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      const rate = report.followUpResponseRate;
      const line = (
        label: string,
        f: { value: number | null; clients: number | null; responseRate: number | null; suppressed: boolean },
      ) =>
        `admission,2026-Q2,13,${rate},${label},${f.suppressed ? "suppressed" : f.value},${f.clients ?? ""},${f.responseRate ?? ""}`;
      expect(csv.body).toBe(
        [
          "basis,quarter,cohort_clients,follow_up_response_percent,figure,value,clients,response_percent",
          line("PHQ-9 mean at admission", expected.phq9_admission),
          line("PHQ-9 mean at the latest follow-up", expected.phq9_follow_up),
          line("GAD-7 mean at admission", expected.gad7_admission),
          line("GAD-7 mean at the latest follow-up", expected.gad7_follow_up),
          line("Share of the last 30 days sober (%)", expected.sober_days_30),
          line(
            "Share of the 30 days before the latest follow-up sober (%)",
            expected.sober_days_30_follow_up,
          ),
          line(
            "Still in aftercare at the latest follow-up as self-reported (%)",
            expected.in_aftercare_follow_up,
          ),
          line(
            "Relationship at the latest follow-up: with the same partner as at admission (clients)",
            expected.relationship_same_partner,
          ),
          line("Relationship at the latest follow-up: with a new partner (clients)", withheld),
          line(
            "Relationship at the latest follow-up: separated or divorced since admission (clients)",
            withheld,
          ),
          line("Relationship at the latest follow-up: single (clients)", withheld),
          line("Relationship at the latest follow-up: would rather not say (clients)", withheld),
          "",
        ].join("\n"),
      );
    });

    it("refuses a cohort under 11 with the reason, and bad queries naming the field", async () => {
      const small = await call(
        "GET",
        `/api/organisations/${cohortOrg}/outcome-report?basis=admission&quarter=2026-Q3`,
        cohortAdmin,
      );
      expect(small.statusCode).toBe(400);
      expect(fieldsOf(small)).toEqual(["querystring.quarter"]);
      expect(JSON.stringify(small.json())).toContain("fewer than 11");
      const csv = await call(
        "GET",
        `/api/organisations/${cohortOrg}/outcome-report.csv?basis=admission&quarter=2026-Q3`,
        cohortAdmin,
      );
      expect(csv.statusCode).toBe(400);
      // The discharge cohort of the second quarter holds all 13.
      const discharge = await call(
        "GET",
        `/api/organisations/${cohortOrg}/outcome-report?basis=discharge&quarter=2026-Q2`,
        cohortAdmin,
      );
      expect((discharge.json() as { cohortSize: number }).cohortSize).toBe(13);
      const bad = await call(
        "GET",
        `/api/organisations/${cohortOrg}/outcome-report?basis=admission&quarter=Q2`,
        cohortAdmin,
      );
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad)).toEqual(["querystring.quarter"]);
    });

    it("publishes a fresh snapshot as a public profile with no cell under 11, refusing stale data", async () => {
      const base = `/api/organisations/${cohortOrg}/profile`;
      const slug = `cohort-${uuidv7().slice(-8)}`;
      const anonymous = (url: string) => app.inject({ method: "GET", url });
      expect(fieldsOf(await call("POST", `${base}/publish`, cohortAdmin))).toEqual(["slug"]);
      expect((await call("PUT", base, cohortAdmin, { slug, maxAgeDays: 7 })).statusCode).toBe(200);
      expect(
        (await call("PUT", `/api/organisations/${org}/profile`, adminId, { slug, maxAgeDays: 7 })).statusCode,
      ).toBe(409);
      const none = await call("POST", `${base}/publish`, cohortAdmin);
      expect(none.statusCode).toBe(409);
      expect(JSON.stringify(none.json())).toContain("no snapshot");
      expect((await anonymous(`/api/public/profiles/${slug}`)).statusCode).toBe(404);

      expect((await call("POST", `${base}/snapshot`, cohortAdmin)).statusCode).toBe(200);
      await get()
        .db.kysely.updateTable("programme_profiles")
        .set({ snapshot_at: new Date(Date.now() - 8 * 86_400_000) })
        .where("organisation_id", "=", cohortOrg)
        .execute();
      const stale = await call("POST", `${base}/publish`, cohortAdmin);
      expect(stale.statusCode).toBe(409);
      expect(fieldsOf(stale)).toEqual(["snapshot"]);
      expect(JSON.stringify(stale.json())).toContain("8 days ago");
      expect((await anonymous(`/api/public/profiles/${slug}`)).statusCode).toBe(404);

      expect((await call("POST", `${base}/snapshot`, cohortAdmin)).statusCode).toBe(200);
      const published = await call("POST", `${base}/publish`, cohortAdmin);
      expect(published.statusCode).toBe(200);
      expect(published.json()).toMatchObject({ published: true, slug });
      const page = await anonymous(`/api/public/profiles/${slug}`);
      expect(page.statusCode).toBe(200);
      const profile = page.json() as {
        criteria: { id: string; drillDown?: unknown }[];
        cohorts: {
          quarter: string;
          shown: boolean;
          report: { cohortSize: number; figures: { clients: number | null }[] } | null;
        }[];
      };
      expect(profile.criteria).toHaveLength(6);
      expect(profile.criteria.every((c) => c.drillDown === undefined)).toBe(true);
      const byQuarter = Object.fromEntries(profile.cohorts.map((c) => [c.quarter, c]));
      expect(byQuarter["2026-Q2"]?.report?.cohortSize).toBe(13);
      expect(byQuarter["2026-Q3"]).toMatchObject({ shown: false, report: null });
      const cells = profile.cohorts.flatMap((c) => (c.report ? c.report.figures.map((f) => f.clients) : []));
      expect(cells.every((n) => n === null || n >= 11)).toBe(true);
      expect(page.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

      expect((await call("POST", `${base}/unpublish`, cohortAdmin)).statusCode).toBe(200);
      expect((await anonymous(`/api/public/profiles/${slug}`)).statusCode).toBe(404);
    });

    it("lets a former client opt in and out at once; staff see a count and relay a request without names", async () => {
      const [first, second] = alumni as [{ id: string; userId: string }, { id: string; userId: string }];
      const mine = (c: { id: string }) => `/api/clients/${c.id}/alumni-volunteering`;
      expect((await call("GET", mine(first), first.userId)).json()).toMatchObject({
        eligible: true,
        volunteering: false,
      });
      expect((await call("PUT", mine(first), first.userId, { volunteering: true })).statusCode).toBe(200);
      expect((await call("PUT", mine(second), second.userId, { volunteering: true })).statusCode).toBe(200);
      const summary = await call("GET", `/api/organisations/${cohortOrg}/alumni`, cohortAdmin);
      expect(summary.json()).toEqual({ volunteers: 2 });
      expect((await criterion("track_record", cohortOrg, cohortAdmin)).evidence.join(" ")).toContain(
        "2 former clients volunteer",
      );
      expect((await call("GET", mine(first), cohortAdmin)).statusCode).toBe(404);

      // Opting out is immediate: the next request goes only to the one still volunteering.
      expect((await call("PUT", mine(second), second.userId, { volunteering: false })).json()).toMatchObject({
        volunteering: false,
      });
      const request = {
        id: uuidv7(),
        note: "Someone thinking about the outpatient track would like to talk.",
      };
      const sent = await call(
        "POST",
        `/api/organisations/${cohortOrg}/alumni/requests`,
        cohortAdmin,
        request,
      );
      expect(sent.statusCode).toBe(201);
      expect(sent.json()).toEqual({ forwarded: 1 });
      expect(sent.body).not.toContain(first.id);
      expect(
        (await call("POST", `/api/organisations/${cohortOrg}/alumni/requests`, cohortAdmin, request))
          .statusCode,
      ).toBe(200);
      const inbox = (await call("GET", "/api/notifications", first.userId)).json() as {
        kind: string;
        title: string;
      }[];
      expect(inbox.filter((n) => n.kind === "alumni_request")).toHaveLength(1);
      expect((await call("GET", mine(first), first.userId)).json()).toMatchObject({
        requests: [{ note: request.note }],
      });
      const other = (await call("GET", "/api/notifications", second.userId)).json() as { kind: string }[];
      expect(other.filter((n) => n.kind === "alumni_request")).toHaveLength(0);
    });

    it("counts follow-up responses of discharged clients for the track record", async () => {
      const record = await criterion("track_record", cohortOrg, cohortAdmin);
      // 17 discharged clients, three follow-ups each; answered: 2 phq-9 + 1 gad-7 for 11 of the first 13
      // (gad-7 only for i < 4), and the 4 small-cohort clients copy client 0 (all three answered).
      // Plus the follow-up checks: two answered where a client has one, else one left open.
      const checks = [...seeded, ...Array.from({ length: 4 }, () => seeded[0] as Seeded)];
      const given = 17 * 3 + checks.reduce((a, s) => a + (s.check ? 2 : 1), 0);
      const done =
        seeded.reduce((a, s) => a + (s.phq9Follow === null ? 0 : 2) + (s.gad7Follow === null ? 0 : 1), 0) +
        4 * 3 +
        checks.reduce((a, s) => a + (s.check ? 2 : 0), 0);
      expect(record.evidence[0]).toContain(`${done} of ${given} follow-up questionnaires answered`);
    });
  });
});
