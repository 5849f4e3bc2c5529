import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresUrl } from "../apps/api/test/databases.js";
import { totpCode } from "../apps/api/test/totp.js";
import { expectAccessible, openBrowser, type RunningServer, startServer, watchPage } from "./harness.js";

const admin = {
  name: "Robin Admin",
  email: "robin.admin@example.org",
  password: "a quiet lantern by the harbour",
};

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`first run in Chromium [${dialect}]`, () => {
    let server: RunningServer;
    let browser: BrowserContext;
    let page: Page;
    let watch: ReturnType<typeof watchPage>;
    let disposeDatabase = async () => {};

    beforeAll(async () => {
      const env: Record<string, string> = {};
      if (dialect === "postgres") {
        const pg = await createPostgresUrl();
        env.DATABASE_URL = pg.url;
        disposeDatabase = pg.dispose;
      }
      server = await startServer(env);
      browser = await openBrowser();
      page = browser.pages()[0] ?? (await browser.newPage());
      watch = watchPage(page, server.url);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await disposeDatabase();
    });

    it("shows the setup page on an empty database", async () => {
      await page.goto(`${server.url}/`);
      await expect.poll(() => new URL(page.url()).pathname).toBe("/setup");
      await page.getByRole("heading", { level: 1, name: "Set up Lantern" }).waitFor();
      await expectAccessible(page, "setup");
    });

    it("names the fields that need attention before anything is created", async () => {
      await page.getByRole("button", { name: "Create programme" }).click();
      await expect
        .poll(() => page.getByText("Choose the kind of care your programme offers.").count())
        .toBe(1);
      await expectAccessible(page, "setup with errors");
    });

    it("creates the programme and its admin, then offers sign-in with the email filled in", async () => {
      await page.getByLabel("Programme name").fill("Harbour House (test)");
      await page.getByLabel("Residential").check();
      await page.getByLabel("Your name").fill(admin.name);
      await page.getByLabel("Email").fill(admin.email);
      await page.getByLabel("Password", { exact: true }).fill(admin.password);
      await page.getByRole("button", { name: "Create programme" }).click();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      expect(await page.getByLabel("Email").inputValue()).toBe(admin.email);
      await expectAccessible(page, "sign-in after setup");
    });

    it("gives one plain message for a wrong password", async () => {
      await page.getByLabel("Password", { exact: true }).fill("this is not the passphrase");
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "could not sign you in" });
      await alert.waitFor();
      expect(await alert.textContent()).not.toMatch(/no account|not found|unknown/i);
      await expectAccessible(page, "sign-in with a wrong password");
    });

    it("asks the admin to set up two-step sign-in before anything else", async () => {
      await page.getByLabel("Password", { exact: true }).fill(admin.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Set up two-step sign-in" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/two-step-setup");
      await page.getByRole("img", { name: /QR code/ }).waitFor();
      await expectAccessible(page, "two-step setup");
      // Nothing else opens until it is done.
      await page.goto(`${server.url}/`);
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await page.getByLabel("Email").fill(admin.email);
      await page.getByLabel("Password", { exact: true }).fill(admin.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      const key = (await page.getByTestId("setup-key").textContent()) ?? "";
      await page.getByLabel("Six-digit code").fill(totpCode(key));
      await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
      await page.getByRole("heading", { level: 2, name: "Your recovery codes" }).waitFor();
      await expectAccessible(page, "recovery codes");
      await page.getByLabel("I have kept these codes somewhere safe").check();
      await page.getByRole("button", { name: "Continue to Lantern" }).click();
    });

    it("signs the admin in to their home page", async () => {
      await page.getByRole("heading", { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
      expect(await page.getByText("Harbour House (test)").count()).toBeGreaterThan(0);
      await expectAccessible(page, "home (light)");
      await page.getByTitle("Dark", { exact: true }).click();
      await expect.poll(() => page.locator("html").getAttribute("data-mantine-color-scheme")).toBe("dark");
      await expectAccessible(page, "home (dark)");
    });

    it("keeps the setup page gone once setup is done", async () => {
      const res = await page.request.post(`${server.url}/api/setup`, {
        data: {
          organisation: { name: "Another", timeZone: "UTC", kind: "both" },
          admin: { name: "Someone", email: "someone@example.org", password: "another long passphrase here" },
        },
      });
      expect(res.status()).toBe(409);
      await page.goto(`${server.url}/setup`);
      await expect.poll(() => new URL(page.url()).pathname).not.toBe("/setup");
    });

    it("signs out, and a signed-out visitor lands on sign-in", async () => {
      await page.getByRole("button", { name: "Account menu" }).click();
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByText("You have signed out.").waitFor();
      await page.goto(`${server.url}/`);
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await expectAccessible(page, "sign-in after sign-out");
    });

    it("made no request to any other host and logged no errors", () => {
      expect(watch.foreign).toEqual([]);
      expect(watch.errors).toEqual([]);
    });
  });
}
