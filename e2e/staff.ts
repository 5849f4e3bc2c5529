import type { Page } from "playwright-core";
import { totpCode } from "../apps/api/test/totp.js";
import { expectAccessible } from "./harness.js";

/** A person's sign-in details, and for staff the authenticator key once they have set it up. */
export interface Person {
  name: string;
  email: string;
  password: string;
  /** Base32 key from the two-step setup page, filled in by signIn the first time. */
  key?: string;
}

const stepMs = 30_000;
// Each authenticator code works once (the server refuses a used one for two minutes), so remember
// which 30-second step was last used for each key and never offer it again.
const lastStep = new Map<string, number>();

/**
 * The next unused RFC 6238 code for a key (HMAC-SHA1, computed with node:crypto as an app would).
 * The server accepts the step before and after the current one, so a second sign-in within the
 * same 30 seconds uses the next step; only if that is used too does it wait.
 */
export async function nextCode(key: string): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / stepMs);
    const step = Math.max(now, (lastStep.get(key) ?? Number.NEGATIVE_INFINITY) + 1);
    if (step <= now + 1) {
      lastStep.set(key, step);
      return totpCode(key, step * stepMs);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Signs a person in from the sign-in page (which should already be showing, or is opened at
 * `origin`). Staff signing in for the first time set up two-step sign-in with the key the page shows,
 * keep their recovery codes and continue; later sign-ins give the next code. Every page on the way
 * is scanned with axe. Ends on the home page.
 */
export async function signIn(page: Page, person: Person, origin?: string): Promise<void> {
  if (origin) await page.goto(`${origin}/sign-in`);
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  const next = page.getByRole("heading", {
    level: 1,
    name: /^(Set up two-step sign-in|Enter your code|Welcome, .*)$/,
  });
  await next.waitFor();
  const heading = (await next.textContent()) ?? "";

  if (heading === "Set up two-step sign-in") {
    await expectAccessible(page, `two-step setup (${person.name})`);
    person.key = ((await page.getByTestId("setup-key").textContent()) ?? "").replace(/\s/g, "");
    await page.getByLabel("Six-digit code").fill(await nextCode(person.key));
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await page.getByRole("heading", { level: 2, name: "Your recovery codes" }).waitFor();
    await page.getByLabel("I have kept these codes somewhere safe").check();
    await page.getByRole("button", { name: "Continue to Lantern" }).click();
  } else if (heading === "Enter your code") {
    if (!person.key) throw new Error(`${person.name} has two-step sign-in but the test never saw their key`);
    await page.getByLabel("Code from your app").fill(await nextCode(person.key));
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await page.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` }).waitFor();
}

/** Signs out through the account menu and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByText("You have signed out.").waitFor();
}
