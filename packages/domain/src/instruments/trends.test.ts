import { describe, expect, it } from "vitest";
import { reliableChange, reliableChangeMarks } from "./trends.js";

describe("reliableChange", () => {
  it("is nothing without a threshold or with one score", () => {
    expect(reliableChange([20, 5], null, false)).toBeNull();
    expect(reliableChange([20], 6, false)).toBeNull();
  });

  it("marks a fall of at least the threshold as improvement on a symptom scale", () => {
    expect(reliableChange([20, 14], 6, false)).toEqual({ change: -6, kind: "improvement" });
    expect(reliableChange([20, 15], 6, false)).toEqual({ change: -5, kind: "no_reliable_change" });
    expect(reliableChange([8, 12, 14], 6, false)).toEqual({ change: 6, kind: "deterioration" });
  });

  it("turns around when a higher total is better", () => {
    expect(reliableChange([10, 16], 6, true)).toEqual({ change: 6, kind: "improvement" });
    expect(reliableChange([16, 10], 6, true)).toEqual({ change: -6, kind: "deterioration" });
  });

  it("marks each score against the first", () => {
    expect(reliableChangeMarks([20, 17, 12, 27], 5, false)).toEqual([
      null,
      "no_reliable_change",
      "improvement",
      "deterioration",
    ]);
    expect(reliableChangeMarks([20, 12], null, false)).toEqual([null, null]);
  });
});
