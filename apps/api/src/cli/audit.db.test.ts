import { expect, it } from "vitest";
import { describeEachDialect } from "../../test/databases.js";
import { appendAudit } from "../audit/audit.js";
import { runCli } from "./index.js";

function capture() {
  let out = "";
  let err = "";
  return {
    io: {
      out: { write: (t: string) => ((out += t), true) },
      err: { write: (t: string) => ((err += t), true) },
    } as unknown as Parameters<typeof runCli>[1],
    out: () => out,
    err: () => err,
  };
}

describeEachDialect("lantern audit verify", ({ get }) => {
  it("passes on an intact log and names the first broken link after an edit", async () => {
    const env = get().database;
    const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
    if (env.kind === "sqlite") {
      process.env.DATA_DIR = env.file.replace(/\/lantern\.sqlite$/, "");
      delete process.env.DATABASE_URL;
    } else {
      process.env.DATABASE_URL = env.url;
    }
    try {
      const fresh = capture();
      expect(await runCli(["audit", "verify"], fresh.io)).toBe(0);
      expect(fresh.out()).toContain("Audit log intact: 0 events");

      for (let i = 0; i < 3; i++) {
        await appendAudit(get().db, {
          actorUserId: "u",
          actorRole: "clinician",
          organisationId: null,
          clientId: "c",
          recordType: "client",
          recordId: "c",
          action: "read",
          outcome: "allowed",
          requestId: null,
          ip: null,
        });
      }
      const intact = capture();
      expect(await runCli(["audit", "verify"], intact.io)).toBe(0);
      expect(intact.out()).toContain("3 events");

      await get()
        .db.kysely.updateTable("audit_events")
        .set({ outcome: "denied" })
        .where("seq", "=", 2)
        .execute();
      const broken = capture();
      expect(await runCli(["audit", "verify"], broken.io)).toBe(2);
      expect(broken.err()).toContain("audit log broken at event 2");
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
