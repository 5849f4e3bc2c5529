import { uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
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

const emptySafety = {
  warningSigns: [],
  internalCoping: [],
  distractions: [],
  helpers: [],
  professionals: [],
  safeEnvironment: [],
  reasonsForLiving: [],
};
const emptyPrevention = {
  triggers: [],
  warningSigns: [],
  highRiskSituations: [],
  coping: [],
  boundariesDevices: [],
  boundariesPlaces: [],
  boundariesPeople: [],
  whoToCall: [],
  afterASlip: [],
};

/** Checks the PDF's structure: header, trailer, and an xref whose every offset starts its object. */
function checkPdf(bytes: Buffer) {
  const text = bytes.toString("latin1");
  expect(text.startsWith("%PDF-1.4")).toBe(true);
  expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe("xref");
  const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(startxref)) ?? [];
  const entries = text
    .slice(startxref)
    .split("\n")
    .slice(3, 2 + Number(count));
  expect(entries.length).toBe(Number(count) - 1);
  entries.forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  // Each content stream's declared length is its real length.
  for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    expect(text.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe("\nendstream");
  }
  return text;
}

describeEachDialect("safety plan and relapse-prevention plan", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let outsiderId: string;
  let planReader: Awaited<ReturnType<typeof buildGrantee>>;
  let summaryOnly: Awaited<ReturnType<typeof buildGrantee>>;
  const call = (method: "GET" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    const other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
    planReader = await buildGrantee(db, client, "supporter", ["recovery_plan"]);
    summaryOnly = await buildGrantee(db, client, "partner", ["sobriety_summary"]);
  });
  afterAll(async () => {
    await app.close();
  });

  it("builds the safety plan in versions, with the clinician; a stale save is 409", async () => {
    const url = `/api/clients/${client.id}/safety-plan`;
    expect((await call("GET", url, client.userId)).json()).toEqual({ plan: null });
    const first = await call("PUT", url, client.userId, {
      baseVersion: 0,
      sections: { ...emptySafety, reasonsForLiving: ["My daughter"], warningSigns: ["Not sleeping"] },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, sections: { reasonsForLiving: ["My daughter"] } });
    const second = await call("PUT", url, careTeamId, {
      baseVersion: 1,
      sections: { ...first.json().sections, professionals: ["Dr Lee, 020 7946 0002"] },
    });
    expect(second.json()).toMatchObject({
      version: 2,
      sections: { professionals: ["Dr Lee, 020 7946 0002"] },
    });
    const stale = await call("PUT", url, client.userId, { baseVersion: 1, sections: emptySafety });
    expect(stale.statusCode).toBe(409);
    expect((await call("GET", url, client.userId)).json().plan.version).toBe(2);
    expect((await call("GET", url, outsiderId)).statusCode).toBe(404);
    expect((await call("GET", url, planReader.id)).statusCode).toBe(404);
    const tooLong = await call("PUT", url, client.userId, {
      baseVersion: 2,
      sections: { ...emptySafety, helpers: ["x".repeat(301)] },
    });
    expect(tooLong.statusCode).toBe(400);
  });

  it("keeps lessons from private slip reviews for the client's eyes only", async () => {
    const review = (id: string, lesson: string, shared: boolean) =>
      app.inject({
        method: "PUT",
        url: `/api/clients/${client.id}/slip-reviews/${id}`,
        headers: { [testActorHeader]: client.userId },
        payload: { date: "2026-01-05", lessons: [lesson], sharedWithCareTeam: shared },
      });
    expect((await review(uuidv7(), "Leave the phone outside the bedroom", true)).statusCode).toBe(201);
    expect((await review(uuidv7(), "A private lesson", false)).statusCode).toBe(201);
    const url = `/api/clients/${client.id}/prevention-plan`;
    const saved = await call("PUT", url, client.userId, {
      baseVersion: 0,
      sections: {
        ...emptyPrevention,
        whoToCall: ["Jo, my sponsor"],
        afterASlip: ["Tell Jo, be kind to myself"],
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().lessons.map((l: { text: string }) => l.text)).toEqual([
      "A private lesson",
      "Leave the phone outside the bedroom",
    ]);
    for (const who of [careTeamId, planReader.id]) {
      const res = await call("GET", url, who);
      expect(res.statusCode).toBe(200);
      expect(res.json().lessons.map((l: { text: string }) => l.text)).toEqual([
        "Leave the phone outside the bedroom",
      ]);
      expect(res.json().sections.whoToCall).toEqual(["Jo, my sponsor"]);
    }
    expect(
      (await call("PUT", url, client.userId, { baseVersion: 0, sections: emptyPrevention })).statusCode,
    ).toBe(409);
    expect((await call("GET", url, summaryOnly.id)).statusCode).toBe(404);
    expect(
      (await call("PUT", url, planReader.id, { baseVersion: 1, sections: emptyPrevention })).statusCode,
    ).toBe(404);
    // The SOS screen reminds the client of the plan and the lessons.
    const kit = (await call("GET", `/api/clients/${client.id}/sos`, client.userId)).json();
    expect(kit.reminders).toEqual(
      expect.arrayContaining(["Jo, my sponsor", "Tell Jo, be kind to myself", "A private lesson"]),
    );
  });

  it("prints the plan to a valid PDF that holds its text", async () => {
    const res = await call("GET", `/api/clients/${client.id}/prevention-plan.pdf`, planReader.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="prevention-plan.pdf"');
    const text = checkPdf(res.rawPayload);
    expect(text).toContain("(- Jo, my sponsor)");
    expect(text).toContain("(- Tell Jo, be kind to myself)");
    expect(text).toContain("Leave the phone outside the bedroom");
    expect(text).not.toContain("A private lesson");
    expect(
      (await call("GET", `/api/clients/${client.id}/prevention-plan.pdf`, summaryOnly.id)).statusCode,
    ).toBe(404);
  });

  it("wraps long lines onto more pages and escapes what PDF strings need", async () => {
    const long = `${"Stay with the feeling (it passes) \\ and breathe — café ".repeat(5)}`.trim();
    const res = await call("PUT", `/api/clients/${client.id}/prevention-plan`, client.userId, {
      baseVersion: 1,
      sections: { ...emptyPrevention, coping: Array.from({ length: 20 }, () => long.slice(0, 290)) },
    });
    expect(res.statusCode).toBe(200);
    const pdf = await call("GET", `/api/clients/${client.id}/prevention-plan.pdf`, client.userId);
    const text = checkPdf(pdf.rawPayload);
    expect(Number(/\/Count (\d+)/.exec(text)?.[1])).toBeGreaterThan(1);
    expect(text).toContain("\\(it passes\\) \\\\ and breathe \\227 caf\\351");
    // Every byte is ASCII: non-ASCII text went in as octal escapes.
    expect([...pdf.rawPayload.subarray(20)].every((b) => b < 128)).toBe(true);
  });

  it("stops a revoked grant on the next request", async () => {
    const url = `/api/clients/${client.id}/prevention-plan`;
    expect((await call("GET", url, planReader.id)).statusCode).toBe(200);
    await app.inject({
      method: "DELETE",
      url: `/api/clients/${client.id}/grants/${planReader.grantId}`,
      headers: { [testActorHeader]: client.userId },
    });
    expect((await call("GET", url, planReader.id)).statusCode).toBe(404);
    expect((await call("GET", `${url}.pdf`, planReader.id)).statusCode).toBe(404);
  });
});
