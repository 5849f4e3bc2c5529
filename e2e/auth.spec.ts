import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresUrl } from "../apps/api/test/databases.js";
import { startSmtpServer, type TestSmtpServer } from "../apps/api/test/smtp.js";
import { totpCode } from "../apps/api/test/totp.js";
import { expectAccessible, openBrowser, type RunningServer, startServer, watchPage } from "./harness.js";

const admin = {
  name: "Robin Admin",
  email: "robin.admin@example.org",
  password: "a quiet lantern by the harbour",
};
const newPassword = "the north window hums at dusk";

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`two-step sign-in, sessions and password reset in Chromium [${dialect}]`, () => {
    let server: RunningServer;
    let smtp: TestSmtpServer;
    let browser: BrowserContext;
    let page: Page;
    let watch: ReturnType<typeof watchPage>;
    let disposeDatabase = async () => {};
    let key = "";
    let recoveryCodes: string[] = [];

    beforeAll(async () => {
      smtp = await startSmtpServer();
      const env: Record<string, string> = {
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(smtp.port),
        SMTP_FROM: "Lantern <lantern@example.org>",
      };
      if (dialect === "postgres") {
        const pg = await createPostgresUrl();
        env.DATABASE_URL = pg.url;
        disposeDatabase = pg.dispose;
      }
      server = await startServer(env);
      const setup = await fetch(`${server.url}/api/setup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          organisation: { name: "Harbour House (test)", timeZone: "Europe/London", kind: "both" },
          admin,
        }),
      });
      expect(setup.status).toBe(201);
      browser = await openBrowser();
      page = browser.pages()[0] ?? (await browser.newPage());
      watch = watchPage(page, server.url);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await smtp?.close();
      await disposeDatabase();
    });

    const signInWithPassword = async (password: string) => {
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await page.getByLabel("Email").fill(admin.email);
      await page.getByLabel("Password", { exact: true }).fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
    };

    it("takes a first sign-in through setting up an authenticator, then shows the recovery codes once", async () => {
      await page.goto(`${server.url}/sign-in`);
      await signInWithPassword(admin.password);
      await page.getByRole("heading", { level: 1, name: "Set up two-step sign-in" }).waitFor();
      key = ((await page.getByTestId("setup-key").textContent()) ?? "").replace(/\s/g, "");
      expect(key).toMatch(/^[A-Z2-7]{16,}$/);

      await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
      await page.getByText("Enter the six digits your app shows for Lantern.").waitFor();
      await expectAccessible(page, "two-step setup with an error");

      await page.getByLabel("Six-digit code").fill(totpCode(key));
      await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
      await page.getByRole("heading", { level: 2, name: "Your recovery codes" }).waitFor();
      recoveryCodes = await page
        .getByRole("list", { name: "Recovery codes" })
        .getByRole("listitem")
        .allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      await expectAccessible(page, "recovery codes");
      expect(await page.getByRole("button", { name: "Continue to Lantern" }).isDisabled()).toBe(true);
      await page.getByLabel("I have kept these codes somewhere safe").check();
      await page.getByRole("button", { name: "Continue to Lantern" }).click();
      await page.getByRole("heading", { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
    });

    it("signs out, then asks for a code after the password", async () => {
      await page.getByRole("button", { name: "Account menu" }).click();
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByText("You have signed out.").waitFor();
      await signInWithPassword(admin.password);
      await page.getByRole("heading", { level: 1, name: "Enter your code" }).waitFor();
      await expectAccessible(page, "code step");

      await page.getByLabel("Code from your app").fill(totpCode(key, Date.now(), -20));
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByText(/That code did not match/).waitFor();
      await expectAccessible(page, "code step with a wrong code");

      // Each code works once: the one used at setup is refused, so use the next one (accepted early).
      await page.getByLabel("Code from your app").fill(totpCode(key, Date.now(), 1));
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("heading", { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
    });

    it("lists the sessions on the account page and signs out everywhere", async () => {
      await page.getByRole("button", { name: "Account menu" }).click();
      await page.getByRole("link", { name: "Your account and sessions" }).click();
      await page.getByRole("heading", { level: 1, name: "Your account" }).waitFor();
      await page.getByText("This device", { exact: true }).waitFor();
      expect(await page.getByText("Chrome on Linux").count()).toBeGreaterThan(0);
      await expectAccessible(page, "account page");

      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await page.getByRole("button", { name: "Yes, sign out everywhere" }).click();
      await page.getByText("You have been signed out on every device.").waitFor();
      const after = await page.request.get(`${server.url}/api/auth/session`);
      expect(after.status()).toBe(401);
      await page.goto(`${server.url}/account`);
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    });

    it("resets the password through an emailed link that names nothing", async () => {
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.getByRole("heading", { level: 1, name: "Forgot your password?" }).waitFor();
      await expectAccessible(page, "forgot password");
      await page.getByLabel("Email").fill(admin.email);
      await page.getByRole("button", { name: "Send the link" }).click();
      await page.getByText(/If an account uses that address/).waitFor();
      await expectAccessible(page, "forgot password, sent");

      const mail = await smtp.nextMessage();
      expect(mail.to).toEqual([admin.email]);
      expect(mail.headers.subject).toBe("Your Lantern sign-in");
      expect(mail.text).not.toMatch(/Robin|Harbour|recovery|treatment|therapy|programme/i);
      const link = new URL(/https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text)?.[0] ?? "");
      await page.goto(`${server.url}${link.pathname}${link.search}`);
      await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
      await expectAccessible(page, "choose a new password");

      await page.getByLabel("New password").fill("passwordpassword");
      await page.getByRole("button", { name: "Change my password" }).click();
      await page.getByText(/many people use/).waitFor();
      await expectAccessible(page, "choose a new password with an error");
      await page.getByLabel("New password").fill(newPassword);
      await page.getByRole("button", { name: "Change my password" }).click();
      await page.getByText("Your password has been changed. Sign in with your new password.").waitFor();

      await signInWithPassword(newPassword);
      await page.getByRole("heading", { level: 1, name: "Enter your code" }).waitFor();
      await page.getByRole("button", { name: "Use a recovery code instead" }).click();
      await page.getByLabel("Recovery code").fill(recoveryCodes[0] ?? "");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("heading", { level: 1, name: `Welcome, ${admin.name}` }).waitFor();
    });

    it("made no request to any other host and logged no errors", () => {
      expect(watch.foreign).toEqual([]);
      expect(watch.errors).toEqual([]);
    });
  });
}
