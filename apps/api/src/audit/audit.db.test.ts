import { expect, it } from "vitest";
import { describeEachDialect } from "../../test/databases.js";
import { AuditAppender } from "./appender.js";
import { type AuditEntry, appendAudit, appendAuditEvents, verifyAuditChain } from "./audit.js";
import { tamperForTest } from "./audit.repository.js";

const entry = (action: string): AuditEntry => ({
  actorUserId: "user-1",
  actorRole: "clinician",
  organisationId: "org-1",
  clientId: "client-1",
  recordType: "client",
  recordId: "client-1",
  action,
  outcome: "allowed",
  requestId: "req-1",
  ip: "127.0.0.1",
});

describeEachDialect("the audit chain", ({ get }) => {
  it("verifies on a fresh database", async () => {
    expect(await verifyAuditChain(get().db)).toEqual({ ok: true, count: 0 });
  });

  it("chains concurrent appends without gaps", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendAudit(get().db, entry(`read-${i}`))));
    expect(await verifyAuditChain(get().db)).toEqual({ ok: true, count: 40 });
  });

  it("chains a batch of events, racing single appends, into one unbroken chain", async () => {
    const batch = Array.from({ length: 30 }, (_, i) => entry(`list-${i}`));
    await Promise.all([
      appendAuditEvents(get().db, batch),
      appendAudit(get().db, entry("single-a")),
      appendAuditEvents(get().db, batch.slice(0, 5)),
      appendAudit(get().db, entry("single-b")),
    ]);
    expect(await verifyAuditChain(get().db)).toEqual({ ok: true, count: 77 });
  });

  it("names the first event whose content was edited", async () => {
    await tamperForTest(get().db.kysely, 17, "action");
    expect(await verifyAuditChain(get().db)).toMatchObject({
      ok: false,
      seq: 17,
      problem: expect.stringMatching(/hash/),
    });
  });

  it("notices a deleted event", async () => {
    await tamperForTest(get().db.kysely, 17, "action").catch(() => {});
    await get().db.kysely.deleteFrom("audit_events").where("seq", "=", 3).execute();
    expect(await verifyAuditChain(get().db)).toMatchObject({
      ok: false,
      seq: 3,
      problem: "event is missing",
    });
  });
});

describeEachDialect("the audit chain against single edits", ({ get }) => {
  it("detects an edit to any one row", async () => {
    for (let i = 0; i < 5; i++) await appendAudit(get().db, entry(`write-${i}`));
    for (const seq of [1, 3, 5]) {
      const before = await get()
        .db.kysely.selectFrom("audit_events")
        .selectAll()
        .where("seq", "=", seq)
        .executeTakeFirstOrThrow();
      await tamperForTest(get().db.kysely, seq, "actor_user_id");
      expect(await verifyAuditChain(get().db)).toMatchObject({ ok: false, seq });
      await get()
        .db.kysely.updateTable("audit_events")
        .set({ actor_user_id: before.actor_user_id })
        .where("seq", "=", seq)
        .execute();
      expect(await verifyAuditChain(get().db)).toEqual({ ok: true, count: 5 });
    }
  });
});

describeEachDialect("group commit of the access check's events", ({ get }) => {
  it("commits concurrent events in fewer appends, each promise after its own event is stored", async () => {
    const appender = new AuditAppender(get().db);
    const heads: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await appender.append(entry(`group-${i}`));
        const stored = await get()
          .db.kysely.selectFrom("audit_events")
          .select("seq")
          .where("action", "=", `group-${i}`)
          .executeTakeFirst();
        heads.push(Number(stored?.seq));
        return stored !== undefined;
      }),
    );
    expect(results.every(Boolean)).toBe(true);
    expect(new Set(heads).size).toBe(60);
    expect(await verifyAuditChain(get().db)).toEqual({ ok: true, count: 60 });
    // The order of arrival is the order in the chain.
    const order = await get().db.kysely.selectFrom("audit_events").select("action").orderBy("seq").execute();
    expect(order.map((row) => row.action)).toEqual(Array.from({ length: 60 }, (_, i) => `group-${i}`));
    // Far fewer commits than events: the first goes alone, the rest wait and go together.
    const commits = await get().db.kysely.selectFrom("audit_events").select("at").distinct().execute();
    expect(commits.length).toBeLessThan(60);
  });

  it("refuses every event of a failed append, stores none of them, and goes on", async () => {
    const appender = new AuditAppender(get().db);
    const before = await verifyAuditChain(get().db);
    const bad = { ...entry("bad"), recordType: null as unknown as string };
    const outcomes = await Promise.allSettled([
      appender.append(entry("first-alone")),
      appender.append(entry("with-the-bad-one")),
      appender.append(bad),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    await appender.append(entry("after"));
    const count = before.ok ? before.count : 0;
    expect(await verifyAuditChain(get().db)).toEqual({ ok: true, count: count + 2 });
  });
});
