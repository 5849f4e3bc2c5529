import { describe, expect, it } from "vitest";
import { auditC, builtInInstruments, gad7, phq9, rses } from "./builtins.js";
import { InstrumentDefinition, isScorable } from "./definition.js";
import { compareScores, scoreResponse } from "./scoring.js";
import { bps, csbd19, hbi19, pathos, scoringOnlyInstruments } from "./scoring-only.js";

const all = (prefix: string, count: number, code: string) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}-${i + 1}`, code]));

// LOINC LL358-3: 0 LA6568-5, 1 LA6569-3, 2 LA6570-1, 3 LA6571-9
const freq = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];
/** PHQ-9 / GAD-7 answers from a list of values 0–3. */
const fromValues = (prefix: string, values: number[]) =>
  Object.fromEntries(values.map((value, i) => [`${prefix}-${i + 1}`, freq[value] as string]));

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result as Extract<T, { ok: true }>;
}

describe("definitions", () => {
  it("every shipped definition passes the import schema", () => {
    for (const definition of [...builtInInstruments, ...scoringOnlyInstruments]) {
      expect(InstrumentDefinition.safeParse(definition).success, definition.id).toBe(true);
    }
  });

  it("the schema refuses repeated items, unknown subscale items and bands outside the range", () => {
    const bad = {
      ...gad7,
      items: [...gad7.items, gad7.items[0]],
      subscales: [{ id: "x", title: "X", itemIds: ["nope"] }],
      bands: [{ min: 0, max: 99, label: "Too wide" }],
    };
    const result = InstrumentDefinition.safeParse(bad);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => issue.message).join("\n") ?? "";
    expect(messages).toContain("gad-7-1 is repeated");
    expect(messages).toContain("unknown item nope");
    expect(messages).toContain("Too wide");
  });

  it("licensed instruments ship no text", () => {
    for (const definition of scoringOnlyInstruments) {
      expect(definition.needsLicensedText).toBe(true);
      expect(definition.licence.kind).toBe("scoring-only");
      expect(definition.items.every((item) => item.text === null)).toBe(true);
    }
  });
});

describe("PHQ-9", () => {
  it("scores the minimum and maximum", () => {
    const min = ok(scoreResponse(phq9, all("phq-9", 9, "LA6568-5")));
    expect(min.total).toBe(0);
    expect(min.band?.label).toBe("Minimal");
    expect(min.flags).toEqual([]);
    const max = ok(scoreResponse(phq9, all("phq-9", 9, "LA6571-9")));
    expect(max.total).toBe(27);
    expect(max.band?.label).toBe("Severe");
  });

  it("puts each band edge in the right band", () => {
    const cases: [number[], number, string][] = [
      [[2, 2, 0, 0, 0, 0, 0, 0, 0], 4, "Minimal"],
      [[3, 2, 0, 0, 0, 0, 0, 0, 0], 5, "Mild"],
      [[3, 3, 3, 0, 0, 0, 0, 0, 0], 9, "Mild"],
      [[3, 3, 3, 1, 0, 0, 0, 0, 0], 10, "Moderate"],
      [[3, 3, 3, 3, 2, 0, 0, 0, 0], 14, "Moderate"],
      [[3, 3, 3, 3, 3, 0, 0, 0, 0], 15, "Moderately severe"],
      [[3, 3, 3, 3, 3, 3, 1, 0, 0], 19, "Moderately severe"],
      [[3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "Severe"],
    ];
    for (const [values, total, label] of cases) {
      const result = ok(scoreResponse(phq9, fromValues("phq-9", values)));
      expect(result.total).toBe(total);
      expect(result.band?.label).toBe(label);
      expect(result.screens[0]?.positive).toBe(total >= 10);
    }
  });

  it("raises the safety flag for item 9 above 0, however low the total", () => {
    const result = ok(scoreResponse(phq9, fromValues("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1])));
    expect(result.total).toBe(1);
    expect(result.band?.label).toBe("Minimal");
    expect(result.flags).toHaveLength(1);
    expect(result.flags[0]).toMatchObject({ flag: "safety", itemId: "phq-9-9" });
    expect(result.flags[0]?.message).toMatch(/safety plan/);
  });

  it("takes the difficulty item but never counts it", () => {
    const result = ok(
      scoreResponse(phq9, { ...all("phq-9", 9, "LA6569-3"), "phq-9-difficulty": "LA6574-3" }),
    );
    expect(result.total).toBe(9);
    expect(result.itemPoints["phq-9-difficulty"]).toBe(3);
    // Leaving it out is fine too.
    expect(ok(scoreResponse(phq9, all("phq-9", 9, "LA6569-3"))).total).toBe(9);
  });

  it("names the item for a missing answer, an unknown item and an answer outside the options", () => {
    const answers: Record<string, string> = { ...all("phq-9", 9, "LA6568-5"), "phq-9-10": "LA6568-5" };
    delete answers["phq-9-4"];
    answers["phq-9-2"] = "LA9999-9";
    const result = scoreResponse(phq9, answers);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemId: "phq-9-10", kind: "unknown_item" }),
        expect.objectContaining({ itemId: "phq-9-2", kind: "not_an_option" }),
        expect.objectContaining({ itemId: "phq-9-4", kind: "missing_answer" }),
      ]),
    );
    expect(result.problems).toHaveLength(3);
  });

  it("has no reliable-change threshold (the published ones are unverified)", () => {
    expect(compareScores(phq9, 20, 5)).toEqual({ kind: "no_threshold" });
  });
});

describe("GAD-7", () => {
  it("scores minimum, maximum and every band edge", () => {
    expect(ok(scoreResponse(gad7, all("gad-7", 7, "LA6568-5"))).total).toBe(0);
    const max = ok(scoreResponse(gad7, all("gad-7", 7, "LA6571-9")));
    expect(max.total).toBe(21);
    expect(max.band?.label).toBe("Severe");
    const cases: [number[], string][] = [
      [[3, 1, 0, 0, 0, 0, 0], "None to minimal"],
      [[3, 2, 0, 0, 0, 0, 0], "Mild"],
      [[3, 3, 3, 0, 0, 0, 0], "Mild"],
      [[3, 3, 3, 1, 0, 0, 0], "Moderate"],
      [[3, 3, 3, 3, 2, 0, 0], "Moderate"],
      [[3, 3, 3, 3, 3, 0, 0], "Severe"],
    ];
    for (const [values, label] of cases) {
      expect(ok(scoreResponse(gad7, fromValues("gad-7", values))).band?.label).toBe(label);
    }
  });

  it("refuses an incomplete GAD-7 (no prorating) naming the item", () => {
    const answers = all("gad-7", 7, "LA6569-3");
    delete answers["gad-7-7"];
    expect(scoreResponse(gad7, answers)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ itemId: "gad-7-7", kind: "missing_answer" })],
    });
  });

  it("ships the right lowest answer label", () => {
    expect(gad7.items[0]?.options[0]?.label).toBe("Not at all");
  });
});

describe("AUDIT-C", () => {
  const answers = (q1: string, q2: string, q3: string) => ({
    "audit-c-1": q1,
    "audit-c-2": q2,
    "audit-c-3": q3,
  });

  it("scores 0–12", () => {
    expect(ok(scoreResponse(auditC, answers("0", "LA15694-5", "LA6270-8"))).total).toBe(0);
    expect(ok(scoreResponse(auditC, answers("4", "LA18932-6", "LA18934-2"))).total).toBe(12);
  });

  it("applies the sex-specific cut-offs (men ≥ 4, women ≥ 3)", () => {
    const three = answers("2", "LA15695-2", "LA6270-8"); // 2 + 1 + 0
    expect(ok(scoreResponse(auditC, three, { sex: "female" })).screens).toEqual([
      expect.objectContaining({ sex: "female", positive: true }),
    ]);
    expect(ok(scoreResponse(auditC, three, { sex: "male" })).screens).toEqual([
      expect.objectContaining({ sex: "male", positive: false }),
    ]);
    const four = answers("2", "LA15695-2", "LA18933-4");
    expect(ok(scoreResponse(auditC, four, { sex: "male" })).screens[0]?.positive).toBe(true);
    // Without a sex both cut-offs are reported.
    expect(ok(scoreResponse(auditC, three)).screens.map((s) => [s.sex, s.positive])).toEqual([
      ["male", false],
      ["female", true],
    ]);
  });

  it("refuses a value outside the options, naming the item", () => {
    const result = scoreResponse(auditC, answers("5", "LA15694-5", "LA6270-8"));
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ itemId: "audit-c-1", kind: "not_an_option" })],
    });
  });

  it("says item 1's wording is not verified", () => {
    expect(auditC.items[0]?.text).toBeNull();
    expect(auditC.incomplete[0]).toMatch(/item 1/);
  });
});

describe("Rosenberg Self-Esteem Scale", () => {
  const reversed = [2, 5, 6, 8, 9];

  it("reverse-keys items 2, 5, 6, 8 and 9 (common order)", () => {
    expect(rses.items.filter((item) => item.reversed).map((item) => item.id)).toEqual(
      reversed.map((n) => `rses-${n}`),
    );
  });

  it("scores the highest self-esteem as 30 and the lowest as 0", () => {
    const best = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`rses-${i + 1}`, reversed.includes(i + 1) ? "SD" : "SA"]),
    );
    const worst = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`rses-${i + 1}`, reversed.includes(i + 1) ? "SA" : "SD"]),
    );
    expect(ok(scoreResponse(rses, best)).total).toBe(30);
    expect(ok(scoreResponse(rses, best)).band).toBeNull(); // no band is published above 25
    expect(ok(scoreResponse(rses, worst)).total).toBe(0);
    expect(ok(scoreResponse(rses, worst)).band?.label).toBe("Low self-esteem");
  });

  it("agreeing with everything gives 5 × 3 + 5 × 0 = 15, the first normal score", () => {
    const result = ok(scoreResponse(rses, all("rses", 10, "SA")));
    expect(result.total).toBe(15);
    expect(result.band?.label).toBe("Normal range");
    expect(result.itemPoints["rses-2"]).toBe(0);
    expect(result.itemPoints["rses-1"]).toBe(3);
  });

  it("band edges: 14 low, 25 normal", () => {
    // "A" on every item: 5 × 2 + 5 × 1 = 15; move one normal item to D → 14.
    const fourteen = { ...all("rses", 10, "A"), "rses-1": "D" };
    expect(ok(scoreResponse(rses, fourteen)).total).toBe(14);
    expect(ok(scoreResponse(rses, fourteen)).band?.label).toBe("Low self-esteem");
    const twentyFive = {
      ...Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [`rses-${i + 1}`, reversed.includes(i + 1) ? "SD" : "SA"]),
      ),
      "rses-1": "D",
      "rses-3": "D",
      "rses-4": "SD",
    }; // 30 − 2 − 2 − 3 = 23
    expect(ok(scoreResponse(rses, twentyFive)).total).toBe(23);
    const edge = ok(scoreResponse(rses, { ...twentyFive, "rses-3": "SA" })); // 23 + 2 = 25
    expect(edge.total).toBe(25);
    expect(edge.band?.label).toBe("Normal range");
  });
});

describe("scoring-only instruments", () => {
  it("BPS: 0–10 with the ≥ 4 screen", () => {
    expect(ok(scoreResponse(bps, all("bps", 5, "0"))).total).toBe(0);
    expect(ok(scoreResponse(bps, all("bps", 5, "2"))).total).toBe(10);
    const three = { ...all("bps", 5, "0"), "bps-1": "2", "bps-2": "1" };
    expect(ok(scoreResponse(bps, three)).screens[0]?.positive).toBe(false);
    expect(ok(scoreResponse(bps, { ...three, "bps-3": "1" })).screens[0]?.positive).toBe(true);
  });

  it("PATHOS: 0–6 with the ≥ 3 screen", () => {
    expect(
      ok(scoreResponse(pathos, { ...all("pathos", 6, "0"), "pathos-1": "1", "pathos-2": "1" })).screens[0],
    ).toMatchObject({ positive: false });
    expect(
      ok(
        scoreResponse(pathos, {
          ...all("pathos", 6, "0"),
          "pathos-1": "1",
          "pathos-2": "1",
          "pathos-3": "1",
        }),
      ).screens[0],
    ).toMatchObject({ positive: true });
  });

  it("CSBD-19 and HBI-19 cannot be scored until their answer values are verified", () => {
    for (const definition of [csbd19, hbi19]) {
      expect(isScorable(definition)).toBe(false);
      expect(definition.incomplete.length).toBeGreaterThan(0);
      const result = scoreResponse(definition, {});
      expect(result).toEqual({
        ok: false,
        problems: [expect.objectContaining({ kind: "definition_incomplete" })],
      });
    }
  });
});

describe("missing answers and reliable change (custom definitions)", () => {
  const custom: InstrumentDefinition = {
    ...bps,
    id: "custom",
    title: "Custom",
    missing: { kind: "prorate", maxMissing: 1, source: "test" },
    reliableChange: { points: 3, source: "test" },
    subscales: [{ id: "first-two", title: "First two", itemIds: ["bps-1", "bps-2"] }],
  };

  it("prorates when at most N answers are missing, and refuses more", () => {
    const four = { "bps-1": "2", "bps-2": "1", "bps-3": "1", "bps-4": "1" }; // 5 from 4 items → 5 × 5/4 = 6.25 → 6
    const result = ok(scoreResponse(custom, four));
    expect(result.total).toBe(6);
    expect(result.prorated).toBe(true);
    expect(result.missingItemIds).toEqual(["bps-5"]);
    expect(result.subscales["first-two"]).toBe(3);
    const three = { "bps-1": "2", "bps-2": "1", "bps-3": "1" };
    const refused = scoreResponse(custom, three);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((p) => p.itemId)).toEqual(["bps-4", "bps-5"]);
    expect(
      ok(scoreResponse(custom, { "bps-2": "1", "bps-3": "1", "bps-4": "1", "bps-5": "1" })).subscales[
        "first-two"
      ],
    ).toBeNull();
  });

  it("reads reliable change through the direction of the scale", () => {
    expect(compareScores(custom, 9, 6)).toEqual({ kind: "improved", change: -3, threshold: 3 });
    expect(compareScores(custom, 6, 9)).toEqual({ kind: "worsened", change: 3, threshold: 3 });
    expect(compareScores(custom, 6, 8)).toEqual({ kind: "no_reliable_change", change: 2, threshold: 3 });
    const better = { ...custom, higherIsBetter: true };
    expect(compareScores(better, 6, 9).kind).toBe("improved");
  });
});
