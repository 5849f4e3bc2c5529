import { describe, expect, it } from "vitest";
import { SetupRequest, SignInRequest } from "./contracts.js";
import { isUuid, uuidv7 } from "./ids.js";
import { passwordProblem, passwordRules } from "./password.js";
import { isStaffRole } from "./roles.js";
import { isValidTimeZone } from "./time-zone.js";

describe("uuidv7", () => {
  it("is a version 7, variant 1 UUID whose prefix is the time in milliseconds", () => {
    const id = uuidv7(Date.UTC(2026, 10, 25, 9, 0, 0));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe("7");
    expect(["8", "9", "a", "b"]).toContain(id[19]);
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 25, 9, 0, 0));
  });

  it("sorts by creation time and does not repeat", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });
});

describe("password rules", () => {
  it("needs 15 characters without a second factor and 8 with one", () => {
    expect(passwordProblem("gentle tide lam")).toBeNull();
    expect(passwordProblem("gentle tide la")).toMatch(/at least 15/);
    expect(passwordProblem("tide la", true)).toMatch(/at least 8/);
    expect(passwordProblem("tide lam", true)).toBeNull();
  });

  it("allows long passphrases and counts characters, not UTF-16 units", () => {
    const phrase = "the kettle hums while rain taps the glass of the north window";
    expect(passwordProblem(phrase)).toBeNull();
    expect(passwordProblem(`${phrase} `.repeat(3).slice(0, passwordRules.max))).toBeNull();
    expect(passwordProblem(`${phrase} `.repeat(3).slice(0, passwordRules.max + 1))).toMatch(/at most/);
    // 14 emoji are 28 UTF-16 units but still only 14 characters.
    expect(passwordProblem("🌊".repeat(14))).toMatch(/at least 15/);
  });

  it("has no composition rules", () => {
    expect(passwordProblem("all lower case words")).toBeNull();
  });
});

describe("time zones", () => {
  it("accepts IANA names and refuses the rest", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("contracts", () => {
  const valid = {
    organisation: { name: " Harbour ", timeZone: "Europe/London", kind: "both" },
    admin: { name: "Robin", email: " Robin@Example.ORG ", password: "a quiet lantern by the harbour" },
  };

  it("trims names and lower-cases emails", () => {
    const parsed = SetupRequest.parse(valid);
    expect(parsed.organisation.name).toBe("Harbour");
    expect(parsed.admin.email).toBe("robin@example.org");
  });

  it("refuses unknown fields and names the failing paths", () => {
    const result = SetupRequest.safeParse({ ...valid, admin: { ...valid.admin, role: "owner" } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["admin"]);
    const signIn = SignInRequest.safeParse({ email: "x@example.org", password: "" });
    expect(signIn.error?.issues[0]?.path).toEqual(["password"]);
  });
});

describe("roles", () => {
  it("treats admins, clinicians and the instance owner as staff", () => {
    expect(isStaffRole("clinician")).toBe(true);
    expect(isStaffRole("programme_admin")).toBe(true);
    expect(isStaffRole("instance_owner")).toBe(true);
    expect(isStaffRole("client")).toBe(false);
    expect(isStaffRole("partner")).toBe(false);
  });
});
