import { describe, expect, it } from "vitest";
import { weeklyRecoverySelfRating, weeklySelfRatingInfo } from "./weekly-self-rating.js";

const noHalt = { hungry: false, angry: false, lonely: false, tired: false };
const best = { mood: 5, stress: 0, sleepQuality: 5, urgeStrength: 0, halt: noHalt, middleItemIds: [] };
const worst = {
  mood: 1,
  stress: 10,
  sleepQuality: 1,
  urgeStrength: 10,
  halt: { hungry: true, angry: true, lonely: true, tired: true },
  middleItemIds: ["a", "b", "c", "d"],
};

describe("Lantern weekly recovery self-rating (not validated)", () => {
  it("is labelled as not validated", () => {
    expect(weeklySelfRatingInfo.validated).toBe(false);
    expect(weeklyRecoverySelfRating([best, best, best]).validated).toBe(false);
  });

  it("scores the best week 100 and the worst week 0", () => {
    expect(weeklyRecoverySelfRating(Array(7).fill(best)).score).toBe(100);
    expect(weeklyRecoverySelfRating(Array(7).fill(worst)).score).toBe(0);
  });

  it("works through the documented arithmetic", () => {
    // mood 3 → 0.5; stress 4 → 0.6; sleep 4 → 0.75; urge 2 → 0.8; HALT 1 ticked → 0.75; 1 middle → 2/3
    const day = {
      mood: 3,
      stress: 4,
      sleepQuality: 4,
      urgeStrength: 2,
      halt: { ...noHalt, tired: true },
      middleItemIds: ["x"],
    };
    const expectedDay = ((0.5 + 0.6 + 0.75 + 0.8 + 0.75 + 2 / 3) / 6) * 100; // 67.69…
    const result = weeklyRecoverySelfRating([day, day, day]);
    expect(result.score).toBe(Math.round(expectedDay));
    expect(result.score).toBe(68);
    expect(result.parts?.stress).toBeCloseTo(0.6);
    // A mixed week: mean of 100, 0, and 67.69 = 55.9 → 56
    expect(weeklyRecoverySelfRating([best, worst, day]).score).toBe(56);
  });

  it("needs at least three check-ins and at most seven", () => {
    expect(weeklyRecoverySelfRating([best, best])).toMatchObject({ score: null, checkIns: 2 });
    expect(weeklyRecoverySelfRating([])).toEqual({ score: null, checkIns: 0, parts: null, validated: false });
    expect(() => weeklyRecoverySelfRating(Array(8).fill(best))).toThrow(RangeError);
  });
});
