import { describe, expect, it } from "vitest";
import { diffCircles, sameWords } from "./circles.js";
import type { CircleItem } from "./contracts.js";

const a: CircleItem = { id: "00000000-0000-7000-8000-00000000000a", circle: "inner", text: "Paid sex" };
const b: CircleItem = { id: "00000000-0000-7000-8000-00000000000b", circle: "middle", text: "Browsing late" };
const c: CircleItem = { id: "00000000-0000-7000-8000-00000000000c", circle: "outer", text: "Call Sam" };

describe("diffing the circles", () => {
  it("keeps every item of an unchanged list, and reports no change", () => {
    const diff = diffCircles([a, b, c], [a, b, c]);
    expect(diff.changed).toBe(false);
    expect(diff.kept.map((k) => k.id)).toEqual([a.id, b.id, c.id]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.errors).toEqual([]);
  });

  it("adds items without ids, and removes the items left out", () => {
    const diff = diffCircles([a, b], [a, { circle: "outer", text: "Walk" }]);
    expect(diff.changed).toBe(true);
    expect(diff.added).toEqual([{ circle: "outer", text: "Walk", position: 1, replaces: null }]);
    expect(diff.removed).toEqual([b]);
  });

  it("treats a reworded item as removed and added again, so old check-ins keep the old words", () => {
    const diff = diffCircles([a, b], [a, { id: b.id, circle: "middle", text: "Browsing after 11pm" }]);
    expect(diff.removed).toEqual([b]);
    expect(diff.added).toEqual([
      { circle: "middle", text: "Browsing after 11pm", position: 1, replaces: b.id },
    ]);
    expect(diff.kept.map((k) => k.id)).toEqual([a.id]);
  });

  it("treats an item moved to another circle as a new item", () => {
    const diff = diffCircles([b], [{ id: b.id, circle: "inner", text: b.text }]);
    expect(diff.removed).toEqual([b]);
    expect(diff.added[0]?.replaces).toBe(b.id);
  });

  it("keeps the id when only the spacing changed", () => {
    const diff = diffCircles([c], [{ id: c.id, circle: "outer", text: "Call   Sam" }]);
    expect(diff.changed).toBe(false);
    expect(diff.kept).toEqual([{ ...c, text: "Call   Sam", position: 0, respaced: true }]);
    expect(sameWords("Call  Sam ", "Call Sam")).toBe(true);
  });

  it("reports a reordering as no change, with the new positions", () => {
    const diff = diffCircles([a, b], [b, a]);
    expect(diff.changed).toBe(false);
    expect(diff.kept.map((k) => [k.id, k.position])).toEqual([
      [b.id, 0],
      [a.id, 1],
    ]);
  });

  it("names unknown and repeated ids by their place in the list", () => {
    const diff = diffCircles(
      [a],
      [
        { id: a.id, circle: "inner", text: a.text },
        { id: "00000000-0000-7000-8000-0000000000ff", circle: "middle", text: "x" },
        { id: a.id, circle: "inner", text: a.text },
      ],
    );
    expect(diff.errors.map((e) => e.field)).toEqual(["items.1.id", "items.2.id"]);
  });
});
