import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { completeAftercareViaApi } from "../../../test/aftercare.js";
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

type Built = Awaited<ReturnType<typeof buildClient>>;

describeEachDialect("programme operations: set-up, episodes of care, census", ({ get }) => {
  let app: FastifyInstance;
  let org: string;
  let adminId: string;
  let clinicianId: string;
  let outsiderId: string;
  let man: Built;
  let secondMan: Built;
  let woman: Built;
  let unset: Built;
  const today = () => localDateOf(new Date(), "Europe/London");
  const ids = {
    residential: uuidv7(),
    outpatient: uuidv7(),
    otherTrack: uuidv7(),
    unit: uuidv7(),
    room: uuidv7(),
    bed1: uuidv7(),
    bed2: uuidv7(),
    bed3: uuidv7(),
  };

  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const messagesOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { message: string }[] }).errors ?? []).map((e) => e.message).join(" ");
  const admitBody = (over: object = {}) => ({
    id: uuidv7(),
    admittedOn: addDays(today(), -3),
    trackId: ids.residential,
    bedId: ids.bed1,
    referralSource: "Family doctor",
    consents: [{ kind: "treatment", signedOn: addDays(today(), -3) }],
    ...over,
  });
  const counts = async () => {
    const k = get().db.kysely;
    const n = async (t: "episodes" | "episode_segments") =>
      Number(
        (
          await k
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await n("episodes"), await n("episode_segments")];
  };

  /** The aftercare plan the discharge gate asks for (see features/aftercare). */
  const completeAftercare = (client: Built, episodeId: string) =>
    completeAftercareViaApi(call, client, episodeId, clinicianId);

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    org = (await buildOrganisation(db)).id;
    man = await buildClient(db, org);
    secondMan = await buildClient(db, org);
    woman = await buildClient(db, org);
    unset = await buildClient(db, org);
    adminId = (await buildUser(db, "programme_admin", org)).id;
    clinicianId = (await buildClinician(db, org, [man.id, secondMan.id])).id;
    outsiderId = (await buildClinician(db, org, [])).id;
    const elsewhere = (await buildOrganisation(db)).id;
    const elsewhereAdmin = (await buildUser(db, "programme_admin", elsewhere)).id;
    expect(
      (
        await call("POST", `/api/organisations/${elsewhere}/tracks`, elsewhereAdmin, {
          id: ids.otherTrack,
          name: "Elsewhere",
          kind: "outpatient",
          csbDedicated: true,
          genderDesignation: "mixed",
        })
      ).statusCode,
    ).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it("lets the admin set up tracks, a unit, rooms and beds, once per id", async () => {
    const base = `/api/organisations/${org}`;
    const track = {
      id: ids.residential,
      name: "Men's residential",
      kind: "residential",
      csbDedicated: true,
      genderDesignation: "men",
    };
    expect((await call("POST", `${base}/tracks`, adminId, track)).statusCode).toBe(201);
    expect((await call("POST", `${base}/tracks`, adminId, track)).statusCode).toBe(200);
    expect((await call("POST", `${base}/tracks`, adminId, { ...track, name: "Other" })).statusCode).toBe(409);
    expect((await call("POST", `${base}/tracks`, clinicianId, track)).statusCode).toBe(404);
    const bad = await call("POST", `${base}/tracks`, adminId, {
      ...track,
      id: uuidv7(),
      kind: "day",
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(["kind"]));
    await call("POST", `${base}/tracks`, adminId, {
      id: ids.outpatient,
      name: "Outpatient",
      kind: "outpatient",
      csbDedicated: false,
      genderDesignation: "mixed",
    });
    expect(
      (
        await call("POST", `${base}/units`, adminId, {
          id: ids.unit,
          name: "North",
          genderRestriction: "men",
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await call("POST", `${base}/units/${ids.unit}/rooms`, adminId, { id: ids.room, name: "Room 1" }))
        .statusCode,
    ).toBe(201);
    for (const [id, label] of [
      [ids.bed1, "Bed A"],
      [ids.bed2, "Bed B"],
      [ids.bed3, "Bed C"],
    ] as const)
      expect((await call("POST", `${base}/rooms/${ids.room}/beds`, adminId, { id, label })).statusCode).toBe(
        201,
      );
    // A room under an unknown unit is not found.
    expect(
      (await call("POST", `${base}/units/${uuidv7()}/rooms`, adminId, { id: uuidv7(), name: "R" }))
        .statusCode,
    ).toBe(404);
    const setup = await call("GET", `${base}/programme-setup`, clinicianId);
    expect(setup.statusCode).toBe(200);
    expect(setup.json().units[0].rooms[0].beds.map((b: { state: string }) => b.state)).toEqual([
      "free",
      "free",
      "free",
    ]);
    expect(setup.json().tracks).toHaveLength(2);
  });

  it("records gender for placement and alias through the care team or admin only", async () => {
    const put = (clientId: string, userId: string, body: object) =>
      call("PUT", `/api/clients/${clientId}/placement`, userId, body);
    expect((await put(man.id, clinicianId, { gender: "man", alias: null })).statusCode).toBe(200);
    expect((await put(secondMan.id, adminId, { gender: "man", alias: "Harbour" })).statusCode).toBe(200);
    expect((await put(woman.id, adminId, { gender: "woman", alias: null })).statusCode).toBe(200);
    expect((await put(woman.id, outsiderId, { gender: "man", alias: null })).statusCode).toBe(404);
    expect((await put(man.id, man.userId, { gender: "woman", alias: null })).statusCode).toBe(404);
    const bad = await put(man.id, adminId, { gender: "male", alias: null });
    expect(fieldsOf(bad)).toEqual(["gender"]);
  });

  it("admits once, and refuses what is wrong, naming it, with nothing written", async () => {
    const url = (c: Built) => `/api/clients/${c.id}/episodes`;
    const before = await counts();
    const cases: [Built, object, number, string, RegExp][] = [
      [man, { trackId: ids.otherTrack }, 400, "trackId", /programme's tracks/],
      [man, { trackId: ids.outpatient }, 400, "bedId", /Leave the bed empty/],
      [man, { bedId: null }, 400, "bedId", /Pick a bed/],
      [man, { admittedOn: addDays(today(), 2) }, 400, "admittedOn", /today/],
      [man, { bedId: uuidv7() }, 400, "bedId", /programme's beds/],
      [woman, {}, 409, "bedId", /kept for men.*recorded as a woman/],
      [unset, {}, 409, "bedId", /kept for men.*not recorded yet/],
      [
        man,
        {
          consents: [
            { kind: "treatment", signedOn: today() },
            { kind: "treatment", signedOn: today() },
          ],
        },
        400,
        "consents.1.kind",
        /already on the list/,
      ],
    ];
    for (const [client, over, status, field, message] of cases) {
      const res = await call("POST", url(client), adminId, admitBody(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(fieldsOf(res)).toEqual([field]);
      expect(messagesOf(res)).toMatch(message);
    }
    expect(await counts()).toEqual(before);

    const body = admitBody();
    const first = await call("POST", url(man), clinicianId, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      admittedOn: body.admittedOn,
      dischargedOn: null,
      lengthOfStay: 3,
      segments: [
        { trackName: "Men's residential", levelOfCare: "residential", bedName: "North · Room 1 · Bed A" },
      ],
    });
    expect((await call("POST", url(man), clinicianId, body)).statusCode).toBe(200);
    expect((await call("POST", url(man), clinicianId, { ...body, referralSource: "Self" })).statusCode).toBe(
      409,
    );
    const second = await call("POST", url(man), clinicianId, admitBody({ bedId: ids.bed2 }));
    expect(second.statusCode).toBe(409);
    expect(messagesOf(second)).toMatch(/transfer or discharge/);
    const taken = await call("POST", url(secondMan), adminId, admitBody());
    expect(taken.statusCode).toBe(409);
    expect(fieldsOf(taken)).toEqual(["bedId"]);
    expect(messagesOf(taken)).toMatch(/Another client is in Bed A/);
    expect(messagesOf(taken)).not.toMatch(man.name);
    // Out of service: refused; an occupied bed cannot be taken out of service.
    const state = (bed: string, s: string) =>
      call("PUT", `/api/organisations/${org}/beds/${bed}/state`, adminId, { state: s });
    expect((await state(ids.bed3, "out_of_service")).statusCode).toBe(200);
    const oos = await call("POST", url(secondMan), adminId, admitBody({ bedId: ids.bed3 }));
    expect(oos.statusCode).toBe(409);
    expect(messagesOf(oos)).toMatch(/out of service/);
    expect((await state(ids.bed1, "out_of_service")).statusCode).toBe(409);
    expect((await state(ids.bed3, "free")).statusCode).toBe(200);
  });

  it("shows the census with initials or aliases only, counts per track, and audits each client shown", async () => {
    const k = get().db.kysely;
    const before = await k
      .selectFrom("audit_events")
      .select("id")
      .where("record_type", "=", "census")
      .execute();
    const res = await call("GET", `/api/organisations/${org}/census`, outsiderId);
    expect(res.statusCode).toBe(200);
    const text = JSON.stringify(res.json());
    expect(text).not.toContain(man.name);
    const beds = res.json().units[0].rooms[0].beds;
    const initials = man.name
      .split(/\s+/)
      .map((w) => `${w[0]?.toUpperCase()}.`)
      .filter((_, i, all) => i === 0 || i === all.length - 1)
      .join(" ");
    expect(beds[0]).toMatchObject({ label: "Bed A", state: "occupied", occupant: { display: initials } });
    expect(beds[1]).toMatchObject({ state: "free", occupant: null });
    expect(res.json().tracks.find((t: { id: string }) => t.id === ids.residential).count).toBe(1);
    const after = await k
      .selectFrom("audit_events")
      .select(["client_id", "actor_user_id"])
      .where("record_type", "=", "census")
      .execute();
    expect(after.length - before.length).toBe(1);
    expect(after.at(-1)).toMatchObject({ client_id: man.id, actor_user_id: outsiderId });
    expect((await call("GET", `/api/organisations/${org}/census`, man.userId)).statusCode).toBe(404);
  });

  it("transfers with history, discharges, and frees the bed", async () => {
    const list = await call("GET", `/api/clients/${man.id}/episodes`, clinicianId);
    expect(list.json().placement).toEqual({ gender: "man", alias: null });
    const episode = list.json().episodes[0];
    const base = `/api/clients/${man.id}/episodes/${episode.id}`;
    const early = await call("POST", `${base}/transfers`, clinicianId, {
      id: uuidv7(),
      transferredOn: addDays(today(), -5),
      trackId: ids.residential,
      bedId: ids.bed2,
    });
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early)).toEqual(["transferredOn"]);
    const move = {
      id: uuidv7(),
      transferredOn: addDays(today(), -1),
      trackId: ids.residential,
      bedId: ids.bed2,
    };
    const moved = await call("POST", `${base}/transfers`, clinicianId, move);
    expect(moved.statusCode).toBe(201);
    expect(
      moved.json().segments.map((s: { bedName: string; endsOn: string | null }) => [s.bedName, s.endsOn]),
    ).toEqual([
      ["North · Room 1 · Bed B", null],
      ["North · Room 1 · Bed A", move.transferredOn],
    ]);
    expect((await call("POST", `${base}/transfers`, clinicianId, move)).statusCode).toBe(200);
    // Bed A is free for the second man now.
    const bedA = await call("POST", `/api/clients/${secondMan.id}/episodes`, adminId, admitBody());
    expect(bedA.statusCode).toBe(201);

    const before = await call("POST", `${base}/discharge`, clinicianId, {
      dischargedOn: addDays(today(), -4),
      type: "planned",
    });
    expect(before.statusCode).toBe(400);
    expect(messagesOf(before)).toMatch(/admitted then/);
    const afterTransfer = await call("POST", `${base}/discharge`, clinicianId, {
      dischargedOn: addDays(today(), -2),
      type: "planned",
    });
    expect(messagesOf(afterTransfer)).toMatch(/last transfer/);
    await completeAftercare(man, episode.id);
    const done = await call("POST", `${base}/discharge`, clinicianId, {
      dischargedOn: today(),
      type: "planned",
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ dischargedOn: today(), dischargeType: "planned", lengthOfStay: 3 });
    expect(done.json().segments[0].endsOn).toBe(today());
    expect(
      (await call("POST", `${base}/discharge`, clinicianId, { dischargedOn: today(), type: "planned" }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call("POST", `${base}/discharge`, clinicianId, {
          dischargedOn: today(),
          type: "administrative",
        })
      ).statusCode,
    ).toBe(409);
    const closed = await call("POST", `${base}/transfers`, clinicianId, {
      ...move,
      id: uuidv7(),
      bedId: ids.bed3,
    });
    expect(closed.statusCode).toBe(409);

    const setup = await call("GET", `/api/organisations/${org}/programme-setup`, adminId);
    expect(setup.json().units[0].rooms[0].beds.map((b: { state: string }) => b.state)).toEqual([
      "occupied",
      "free",
      "free",
    ]);
    // Readmission is possible once discharged.
    expect(
      (
        await call(
          "POST",
          `/api/clients/${man.id}/episodes`,
          adminId,
          admitBody({ admittedOn: today(), bedId: ids.bed2 }),
        )
      ).statusCode,
    ).toBe(201);
    const census = await call("GET", `/api/organisations/${org}/census`, adminId);
    const displays = census
      .json()
      .units[0].rooms[0].beds.map(
        (b: { occupant: { display: string } | null }) => b.occupant?.display ?? null,
      );
    expect(displays[0]).toBe("Harbour");
  });
  it("moves between levels of care, and lets only one of two racing admissions have a bed", async () => {
    const db = get().db;
    const a = await buildClient(db, org);
    const b = await buildClient(db, org);
    for (const c of [a, b])
      await call("PUT", `/api/clients/${c.id}/placement`, adminId, { gender: "man", alias: null });
    // Bed C is free (the earlier test put it back in service).
    const results = await Promise.all(
      [a, b].map((c) =>
        call("POST", `/api/clients/${c.id}/episodes`, adminId, admitBody({ bedId: ids.bed3 })),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const winner = results[0]?.statusCode === 201 ? a : b;
    const episodeId = (results[0]?.statusCode === 201 ? results[0] : results[1])?.json().id as string;
    const stepDown = await call(
      "POST",
      `/api/clients/${winner.id}/episodes/${episodeId}/transfers`,
      adminId,
      {
        id: uuidv7(),
        transferredOn: today(),
        trackId: ids.outpatient,
        bedId: null,
      },
    );
    expect(stepDown.statusCode).toBe(201);
    expect(stepDown.json().segments.map((s: { levelOfCare: string }) => s.levelOfCare)).toEqual([
      "outpatient",
      "residential",
    ]);
    const census = await call("GET", `/api/organisations/${org}/census`, adminId);
    const bedC = census.json().units[0].rooms[0].beds[2];
    expect(bedC).toMatchObject({ label: "Bed C", state: "free", occupant: null });
    expect(census.json().tracks.find((t: { id: string }) => t.id === ids.outpatient).count).toBe(1);
  });
});
