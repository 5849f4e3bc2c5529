import { describe, expect, it } from "vitest";
import { SetupRequest } from "./contracts.js";
import { passwordProblem } from "./password.js";
import { blocklistSize, isCommonPassword } from "./password-blocklist.js";

describe("the password blocklist", () => {
  it("holds a few thousand entries of 8 characters or more", () => {
    expect(blocklistSize()).toBeGreaterThan(3000);
  });

  it.each([
    "password",
    "Password123",
    "PASSWORDPASSWORD",
    "passwordpassword",
    "iloveyou!",
    "letmein123",
    "p@ssw0rd",
    "123456789012345",
    "1234567890",
    "9876543210",
    "qwertyuiopasdfg",
    "QWERTYUIOP",
    "mnbvcxzlkjhgfdsa",
    "1qaz2wsx3edc4rfv",
    "zaq12wsx",
    "abcdefghijklmnop",
    "aaaaaaaaaaaaaaaa",
    "!!!!!!!!!!!!!!!!",
    "abcabcabcabcabcabc",
    "lanternlanternlantern",
    "lantern123",
    "Lantern2026",
    "liverpool1",
    "summer2025",
    "password 123",
    "correct horse battery staple",
  ])("refuses %s, whatever its case", (candidate) => {
    expect(isCommonPassword(candidate)).toBe(true);
  });

  it.each([
    "a quiet lantern by the harbour",
    "kettle orbit marmalade",
    "Grey heron, low tide, 6am",
    "tangerine wolf piano",
    "my sister's blue bicycle",
  ])("accepts an ordinary passphrase: %s", (candidate) => {
    expect(isCommonPassword(candidate)).toBe(false);
  });
});

describe("password rules with context", () => {
  it("gives a calm reason for a common password at any length", () => {
    expect(passwordProblem("passwordpassword")).toMatch(/many people use/);
    expect(passwordProblem("123456789012345")).toMatch(/many people use/);
    expect(passwordProblem("password1", true)).toMatch(/many people use/);
    // Length is reported first, so a short common password asks for more characters.
    expect(passwordProblem("password")).toMatch(/at least 15/);
  });

  it("refuses a password built from the email's local part", () => {
    const email = "robin.admin@example.org";
    expect(passwordProblem("Robin.Admin likes the sea", false, { email })).toMatch(/email address/);
    expect(passwordProblem("robin.admin@example.org", false, { email })).toMatch(/email address/);
    expect(passwordProblem("robin admin likes the sea", false, { email })).toBeNull();
    // A very short local part is not treated as a name.
    expect(passwordProblem("sail past the long harbour wall", false, { email: "al@example.org" })).toBeNull();
  });

  it("checks the admin's password against their email at setup, once the fields are valid", () => {
    const body = (password: string, email = "robin.admin@example.org") => ({
      organisation: { name: "Harbour", timeZone: "Europe/London", kind: "both" },
      admin: { name: "Robin", email, password },
    });
    const withEmail = SetupRequest.safeParse(body("robin.admin walks the harbour"));
    expect(withEmail.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["admin.password", "Choose a password that does not include your email address."],
    ]);
    const common = SetupRequest.safeParse(body("passwordpassword"));
    expect(common.error?.issues).toHaveLength(1);
    expect(common.error?.issues[0]?.path).toEqual(["admin", "password"]);
    expect(SetupRequest.safeParse(body("a quiet lantern by the harbour")).success).toBe(true);
    const badEmail = SetupRequest.safeParse(body("robin.admin walks the harbour", "not-an-email"));
    expect(badEmail.error?.issues.map((i) => i.path.join("."))).toEqual(["admin.email"]);
  });
});
