import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildUser,
  headerActorLoader,
  testActorHeader,
} from "../../test/builders.js";
import { describeEachDialect } from "../../test/databases.js";
import type { Database } from "../db/schema.js";

// Tables whose rows a rejected request must never change. The audit log is left out on purpose:
// an access decision is recorded even when the input is then refused.
const guarded: (keyof Database)[] = [
  "organisations",
  "users",
  "accounts",
  "memberships",
  "clients",
  "care_team_members",
  "invitations",
  "grants",
  "break_glass",
  "instance_settings",
  "recovery_settings",
  "circle_versions",
  "circle_items",
  "circle_comments",
  "ledger_events",
  "check_ins",
  "triggers",
  "coping_strategies",
  "urges",
  "slip_reviews",
  "prevention_lessons",
  "journal_entries",
  "support_contacts",
  "sos_events",
  "sos_alerts",
  "notifications",
  "safety_plan_versions",
  "prevention_plan_versions",
  "outreach_calls",
  "assessments",
  "intakes",
  "intake_areas",
  "intake_problems",
  "assessment_schedules",
  "instrument_settings",
  "tracks",
  "units",
  "rooms",
  "beds",
  "episodes",
  "episode_segments",
  "treatment_plan_settings",
  "treatment_plan_library_goals",
  "treatment_plan_versions",
  "treatment_plan_signatures",
  "treatment_plan_reviews",
  "treatment_plan_texts",
  "progress_notes",
  "progress_note_objectives",
  "progress_note_addenda",
  "note_settings",
  "exercise_assignments",
  "exercise_reviews",
  "aftercare_plans",
  "aftercare_reviews",
  "discharge_summaries",
  "aftercare_attendance",
  "calendar_feeds",
  "groups",
  "group_facilitators",
  "group_members",
  "group_sessions",
  "group_attendance",
  "group_member_notes",
  "family_participants",
  "family_sessions",
  "family_session_participants",
  "boundaries_plans",
  "staff_credentials",
  "programme_profiles",
  "alumni_volunteers",
  "alumni_requests",
];

/** Junk that is not what a route expects: wrong types, unknown keys, deep nesting, odd strings. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.record(
    { email: fc.string(), password: fc.anything(), token: fc.anything(), scopes: fc.anything() },
    { requiredKeys: [] },
  ),
);
const segment = fc.oneof(
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom("0", "-1", "null", "%00", "..%2F..", "ä"),
);

describeEachDialect("schema fuzzing of every route", ({ get }) => {
  let app: FastifyInstance;
  const actors: (string | undefined)[] = [undefined];
  // Most junk names the real client and programme, so the body and query schemas behind the choke
  // point are exercised too, not only the 404 for an unknown record.
  const known = { clientId: "", organisationId: "" };

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const client = await buildClient(db);
    const clinician = await buildClinician(db, client.organisationId, [client.id]);
    const admin = await buildUser(db, "programme_admin", client.organisationId);
    actors.push(client.userId, clinician.id, admin.id);
    known.clientId = client.id;
    known.organisationId = client.organisationId;
  });
  afterAll(async () => {
    await app.close();
  });

  // Every guarded table's row count in one round trip (a scalar subquery per table), twice per request.
  const countAll = sql.join(
    guarded.map((t, i) => sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(`c${i}`)}`),
  );
  const counts = async () => {
    const row =
      (await sql<Record<string, unknown>>`select ${countAll}`.execute(get().db.kysely)).rows[0] ?? {};
    return guarded.map((_, i) => Number(row[`c${i}`]));
  };

  it("answers junk on every route with a 4xx, never a 5xx, and writes nothing for rejected input", async () => {
    const routes = app.routeRules.filter(
      (r) => r.url.startsWith("/api") && !r.url.startsWith("/api/docs") && r.method !== "HEAD",
    );
    // The counts are real numbers (a broken count query would compare NaN with NaN and never fail).
    const start = await counts();
    expect(start[guarded.indexOf("clients")]).toBe(1);
    expect(start.every((n) => Number.isInteger(n))).toBe(true);
    const failures: string[] = [];
    let address = 0;
    let sent = 0;
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          junk,
          fc.array(segment, { minLength: 3, maxLength: 3 }),
          fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 20 }), {
            maxKeys: 3,
          }),
          fc.constantFrom(...actors),
          fc.boolean(),
          async (body, params, query, actor, useKnown) => {
            let i = 0;
            const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
              const junkSegment = params[i++] ?? "x";
              const real = known[name as keyof typeof known];
              return useKnown && real ? real : junkSegment;
            });
            const qs = new URLSearchParams(query).toString();
            const before = await counts();
            const res = await app.inject({
              method: route.method as "POST",
              url: qs ? `${url}?${qs}` : url,
              remoteAddress: `10.1.${Math.floor(++address / 250) % 250}.${address % 250}`,
              headers: { "content-type": "application/json", ...(actor ? { [testActorHeader]: actor } : {}) },
              ...(route.method === "GET" || route.method === "DELETE"
                ? {}
                : { payload: JSON.stringify(body ?? null) }),
            });
            sent += 1;
            if (res.statusCode >= 500)
              failures.push(`${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
            if (res.statusCode >= 400) {
              const after = await counts();
              if (after.join() !== before.join())
                failures.push(`${route.method} ${route.url}: rejected with ${res.statusCode} but wrote`);
              const type = String(res.headers["content-type"] ?? "");
              if (type.includes("json") && !type.includes("problem")) {
                failures.push(`${route.method} ${route.url}: ${res.statusCode} without problem+json`);
              }
            }
          },
        ),
        { numRuns: 15, seed: 20261125 },
      );
    }
    expect(failures).toEqual([]);
    expect(sent).toBe(routes.length * 15);
  }, 180_000);
});
