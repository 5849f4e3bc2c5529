import { describe, expect, it } from "vitest";
import { censusName, initialsOf, lengthOfStay } from "./length-of-stay.js";

describe("lengthOfStay", () => {
  it("counts calendar days from admission to discharge", () => {
    expect(lengthOfStay("2026-11-01", "2026-11-29", "2026-12-31")).toBe(28);
    expect(lengthOfStay("2026-02-27", "2026-03-02", "2026-12-31")).toBe(3);
  });

  it("counts an open episode to today", () => {
    expect(lengthOfStay("2026-11-20", null, "2026-11-30")).toBe(10);
  });

  it("counts a same-day stay, and the first day of an open one, as one day", () => {
    expect(lengthOfStay("2026-11-30", "2026-11-30", "2026-12-05")).toBe(1);
    expect(lengthOfStay("2026-11-30", null, "2026-11-30")).toBe(1);
  });

  it("is not thrown off by a daylight-saving change (local days, not hours)", () => {
    // Europe/London moves its clocks on 2026-03-29 and 2026-10-25.
    expect(lengthOfStay("2026-03-28", "2026-03-30", "2026-12-31")).toBe(2);
    expect(lengthOfStay("2026-10-24", null, "2026-10-26")).toBe(2);
  });

  it("never goes below zero", () => {
    expect(lengthOfStay("2026-12-10", null, "2026-12-01")).toBe(0);
  });
});

describe("census names", () => {
  it("shows initials of the first and last word", () => {
    expect(initialsOf("Alex Moor")).toBe("A. M.");
    expect(initialsOf("  maría  josé   de la cruz ")).toBe("M. C.");
    expect(initialsOf("Jo")).toBe("J.");
    expect(initialsOf("   ")).toBe("?");
  });

  it("prefers a chosen alias", () => {
    expect(censusName("Alex Moor", "Lighthouse")).toBe("Lighthouse");
    expect(censusName("Alex Moor", "  ")).toBe("A. M.");
    expect(censusName("Alex Moor", null)).toBe("A. M.");
  });
});
