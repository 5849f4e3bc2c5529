import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildOrganisation,
  buildUser,
  findUserByEmail,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";

type Built = Awaited<ReturnType<typeof buildClient>>;
const password = "a long and quiet passphrase";

describeEachDialect("family programme: participants, family sessions, the boundaries plan", ({ get }) => {
  let app: FastifyInstance;
  let client: Built;
  let otherClient: Built;
  let careTeamId: string;
  let adminId: string;
  let outsiderId: string;
  let participantUserId: string;
  const participantId = uuidv7();
  const today = () => localDateOf(new Date(), "Europe/London");
  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string | undefined, payload?: object) =>
    app.inject({
      method,
      url,
      headers: userId ? { [testActorHeader]: userId } : {},
      ...(payload ? { payload } : {}),
    });
  const errorsOf = (res: { json(): unknown }) =>
    (res.json() as { errors?: { field: string; message: string }[] }).errors ?? [];
  const family = () => `/api/clients/${client.id}/family`;

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = (await buildOrganisation(db)).id;
    client = await buildClient(db, org);
    otherClient = await buildClient(db, org);
    careTeamId = (await buildClinician(db, org, [client.id])).id;
    adminId = (await buildUser(db, "programme_admin", org)).id;
    outsiderId = (await buildClinician(db, org, [otherClient.id])).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it("enrols a participant with consents and an invitation to their own account, sharing nothing", async () => {
    const body = {
      id: participantId,
      name: "Sam Rivers",
      relationship: "partner",
      delivery: "code",
      consents: [{ name: "Family programme participation", givenOn: addDays(today(), -1) }],
    };
    const enrolled = await call("POST", `${family()}/participants`, careTeamId, body);
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const { participant, invitation } = enrolled.json();
    expect(participant).toMatchObject({ name: "Sam Rivers", hasAccount: false, attended: 0 });
    expect(invitation.code).toMatch(/\S+/);
    expect((await call("POST", `${family()}/participants`, careTeamId, body)).statusCode).toBe(200);

    const bad = await call("POST", `${family()}/participants`, careTeamId, {
      ...body,
      id: uuidv7(),
      delivery: "email",
      consents: [{ name: "Later", givenOn: addDays(today(), 3) }],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      errorsOf(bad)
        .map((e) => e.field)
        .sort(),
    ).toEqual(["consents.0.givenOn", "email"]);
    // Nobody outside the care team and admin enrols; the client does not either.
    expect(
      (await call("POST", `${family()}/participants`, outsiderId, { ...body, id: uuidv7() })).statusCode,
    ).toBe(404);
    expect(
      (await call("POST", `${family()}/participants`, client.userId, { ...body, id: uuidv7() })).statusCode,
    ).toBe(404);

    const accepted = await call("POST", "/api/invitations/accept", undefined, {
      token: invitation.code,
      account: { name: "Sam Rivers", email: "sam.rivers.family@example.org", password },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    participantUserId = (await findUserByEmail(get().db.kysely, "sam.rivers.family@example.org"))!.id;
    // The participant has no view of the client's record.
    expect((await call("GET", `/api/clients/${client.id}`, participantUserId)).statusCode).toBe(404);
    expect((await call("GET", family(), participantUserId)).statusCode).toBe(404);
    const view = (await call("GET", family(), careTeamId)).json();
    expect(view.participants[0]).toMatchObject({ hasAccount: true });

    const consents = await call("PUT", `${family()}/participants/${participantId}/consents`, adminId, {
      consents: [
        { name: "Family programme participation", givenOn: addDays(today(), -1) },
        { name: "Joint sessions with the client", givenOn: today() },
      ],
    });
    expect(consents.statusCode).toBe(200);
    expect(consents.json().consents).toHaveLength(2);
  });

  it("records a family session; notes are for the care team only; an unknown participant is named", async () => {
    const otherParticipant = uuidv7();
    await call("POST", `/api/clients/${otherClient.id}/family/participants`, outsiderId, {
      id: otherParticipant,
      name: "Alex Other",
      relationship: "family_member",
      delivery: "code",
      consents: [],
    });
    const body = {
      id: uuidv7(),
      heldOn: today(),
      topic: "Planning the first weekend",
      clientAttendance: "present",
      participants: [
        { participantId, attendance: "late", note: "Worried about evenings; keen to agree a plan." },
      ],
    };
    const wrong = await call("POST", `${family()}/sessions`, careTeamId, {
      ...body,
      id: uuidv7(),
      participants: [{ participantId: otherParticipant, attendance: "present", note: "" }],
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorsOf(wrong)[0]?.field).toBe("participants.0.participantId");

    const recorded = await call("POST", `${family()}/sessions`, careTeamId, body);
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().sessions[0].participants[0]).toMatchObject({
      attendance: "late",
      note: body.participants[0]?.note,
    });
    expect(recorded.json().participants[0].attended).toBe(1);
    // The admin sees that the session happened and who came, not the note.
    const asAdmin = (await call("GET", family(), adminId)).json();
    expect(asAdmin.seesNotes).toBe(false);
    expect(asAdmin.sessions[0].participants[0]).toMatchObject({ attendance: "late", note: null });
    // The participant sees their attendance, not the note.
    const home = (await call("GET", "/api/family/participation", participantUserId)).json();
    expect(home.enrolments[0].sessions).toEqual([{ heldOn: today(), topic: body.topic, attendance: "late" }]);
    expect(JSON.stringify(home)).not.toContain("Worried about evenings");
  });

  it("keeps the boundaries plan to staff until the client shares it, then shows it to both", async () => {
    const items = [
      { id: "a", text: "Phone stays in the kitchen overnight", agreed: true },
      { id: "b", text: "Check in together every Sunday evening", agreed: false },
    ];
    const saved = await call("PUT", `${family()}/boundaries`, careTeamId, { items });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ items, sharedByClient: false });
    expect((await call("PUT", `${family()}/boundaries`, participantUserId, { items })).statusCode).toBe(404);

    const mine = await call("GET", `${family()}/boundaries/mine`, client.userId);
    expect(mine.json()).toEqual({ sharedByClient: false, hasPlan: true, items: null });
    let home = (await call("GET", "/api/family/participation", participantUserId)).json();
    expect(home.enrolments[0].boundaries).toBeNull();
    // Only the client sets the switch.
    expect(
      (await call("PUT", `${family()}/boundaries/consent`, careTeamId, { shared: true })).statusCode,
    ).toBe(404);

    const shared = await call("PUT", `${family()}/boundaries/consent`, client.userId, { shared: true });
    expect(shared.json()).toEqual({ sharedByClient: true, hasPlan: true, items });
    home = (await call("GET", "/api/family/participation", participantUserId)).json();
    expect(home.enrolments[0].boundaries).toEqual(items);
    const audited = await get()
      .db.kysely.selectFrom("audit_events")
      .select(["actor_user_id", "action"])
      .where("client_id", "=", client.id)
      .where("record_type", "=", "boundaries_plan")
      .where("actor_user_id", "=", participantUserId)
      .where("outcome", "=", "allowed")
      .execute();
    expect(audited).toEqual([{ actor_user_id: participantUserId, action: "read" }]);
    // A staff edit keeps the client's choice.
    await call("PUT", `${family()}/boundaries`, careTeamId, { items: [items[0]] });
    expect((await call("GET", `${family()}/boundaries/mine`, client.userId)).json().sharedByClient).toBe(
      true,
    );

    await call("PUT", `${family()}/boundaries/consent`, client.userId, { shared: false });
    home = (await call("GET", "/api/family/participation", participantUserId)).json();
    expect(home.enrolments[0].boundaries).toBeNull();
    // Someone with no enrolment sees nothing.
    expect((await call("GET", "/api/family/participation", outsiderId)).json()).toEqual({ enrolments: [] });
  });
});
