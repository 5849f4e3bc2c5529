import { describe, expect, it } from "vitest";
import { nearCopies, normaliseNote, noteSimilarity } from "./near-copies.js";

describe("near copies of member notes", () => {
  it("normalises case, punctuation and spacing", () => {
    expect(normaliseNote("  Shared openly, about the WEEKEND!  ")).toBe("shared openly about the weekend");
  });

  it("scores identical notes 1 whatever their punctuation and case", () => {
    expect(noteSimilarity("Engaged well; spoke about triggers.", "engaged well spoke about triggers")).toBe(
      1,
    );
  });

  it("flags a pasted note with a one-letter change", () => {
    const base =
      "Engaged well in the check-in and named two triggers from the weekend, agreed to call his sponsor";
    const pasted =
      "Engaged well in the check-in and named two triggers from the weekend, agreed to call her sponsor";
    expect(noteSimilarity(base, pasted)).toBeGreaterThanOrEqual(0.9);
    expect(
      nearCopies([
        { clientId: "a", text: base },
        { clientId: "b", text: pasted },
      ]),
    ).toEqual([{ a: "a", b: "b", similarity: expect.any(Number) }]);
  });

  it("does not flag notes that say different things about each member", () => {
    const notes = [
      { clientId: "a", text: "Quiet today; said the move home worries him and asked for time next week." },
      {
        clientId: "b",
        text: "Led the opening reflection and described a hard evening he handled by calling out.",
      },
    ];
    expect(noteSimilarity(notes[0]!.text, notes[1]!.text)).toBeLessThan(0.5);
    expect(nearCopies(notes)).toEqual([]);
  });

  it("never compares empty notes", () => {
    expect(noteSimilarity("", "")).toBe(0);
    expect(
      nearCopies([
        { clientId: "a", text: " ... " },
        { clientId: "b", text: "!" },
      ]),
    ).toEqual([]);
  });

  it("stays just under the line for notes that share most but not all of their words", () => {
    const a = "Spoke about the weekend visit and the plan for Sunday";
    const b = "Spoke about the weekend visit and his worries for Monday";
    expect(noteSimilarity(a, b)).toBeLessThan(0.9);
  });

  it("lists every flagged pair among three members", () => {
    const text = "Attended and listened; no concerns raised in group this week.";
    const pairs = nearCopies([
      { clientId: "a", text },
      { clientId: "b", text: `${text} ` },
      { clientId: "c", text: text.toUpperCase() },
    ]);
    expect(pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["a-b", "a-c", "b-c"]);
  });
});
