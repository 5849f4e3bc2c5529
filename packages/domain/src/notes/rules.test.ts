import { describe, expect, it } from "vitest";
import { CreateNoteRequest, noteTemplates } from "./contracts.js";
import { addendumSigningText, emptySections, noteSigningText, unknownSections } from "./rules.js";

const content = {
  noteId: "019a0000-0000-7000-8000-000000000001",
  clientId: "019a0000-0000-7000-8000-000000000002",
  template: "dap" as const,
  sessionDate: "2026-11-30",
  durationMinutes: 50,
  serviceKind: "individual" as const,
  sections: { data: "d", assessment: "a", plan: "p" },
  objectiveIds: ["b", "a"],
  signedByUserId: "u",
  signedAt: "2026-11-30T10:00:00.000Z",
};

describe("note templates", () => {
  it("has DAP, BIRP and SOAP, each ending with a plan and with a hint for every section", () => {
    expect(noteTemplates.map((t) => t.id)).toEqual(["dap", "birp", "soap"]);
    expect(noteTemplates.map((t) => t.sections.map((s) => s.id))).toEqual([
      ["data", "assessment", "plan"],
      ["behaviour", "intervention", "response", "plan"],
      ["subjective", "objective", "assessment", "plan"],
    ]);
    for (const t of noteTemplates) for (const s of t.sections) expect(s.hint.length).toBeGreaterThan(20);
  });

  it("names sections the template lacks and sections left empty", () => {
    expect(unknownSections("birp", { behaviour: "x", data: "y" })).toEqual([
      expect.objectContaining({ field: "sections.data" }),
    ]);
    expect(
      emptySections("soap", { subjective: "s", objective: "  ", plan: "p" }).map((p) => p.field),
    ).toEqual(["sections.objective", "sections.assessment"]);
    expect(emptySections("dap", content.sections)).toEqual([]);
  });

  it("refuses unknown fields, bad objective ids and odd durations, naming them", () => {
    const base = {
      id: content.noteId,
      template: "dap",
      sessionDate: "2026-11-30",
      durationMinutes: 50,
      serviceKind: "individual",
      sections: {},
      objectiveIds: [],
    };
    expect(CreateNoteRequest.safeParse(base).success).toBe(true);
    const bad = CreateNoteRequest.safeParse({
      ...base,
      durationMinutes: 0,
      objectiveIds: ["goal-1"],
      serviceKind: "couple",
      extra: 1,
    });
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join(".") || i.code).sort();
    expect(paths).toEqual(["durationMinutes", "objectiveIds.0", "serviceKind", "unrecognized_keys"]);
  });
});

describe("signing text", () => {
  it("is the same for the same content whatever the order of objectives or sections", () => {
    const again = {
      ...content,
      sections: { plan: "p", data: "d", assessment: "a" },
      objectiveIds: ["a", "b"],
    };
    expect(noteSigningText(again)).toBe(noteSigningText(content));
  });

  it("changes when any word, the signer or the time changes", () => {
    const base = noteSigningText(content);
    expect(noteSigningText({ ...content, sections: { ...content.sections, plan: "q" } })).not.toBe(base);
    expect(noteSigningText({ ...content, signedByUserId: "v" })).not.toBe(base);
    expect(noteSigningText({ ...content, signedAt: "2026-11-30T10:00:01.000Z" })).not.toBe(base);
    expect(noteSigningText({ ...content, durationMinutes: 51 })).not.toBe(base);
  });

  it("ties an addendum to its note's hash", () => {
    const a = { addendumId: "x", noteId: "n", noteHash: "h1", body: "b", authorUserId: "u", signedAt: "t" };
    expect(addendumSigningText(a)).not.toBe(addendumSigningText({ ...a, noteHash: "h2" }));
  });
});
