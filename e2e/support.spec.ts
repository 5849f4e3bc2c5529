import fs from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../apps/api/test/smtp.js";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn, signOut } from "./staff.js";

const programme = "Cedar Court (test)";

for (const dialect of featureDialects(["postgres"])) {
  describe(`support network, plans, SOS, alerts and consented sharing in Chromium [${dialect}]`, () => {
    let server: RunningServer;
    let smtp: TestSmtpServer;
    let staffBrowser: BrowserContext;
    let clientBrowser: BrowserContext;
    let supporterBrowser: BrowserContext;
    let page: Page;
    let phone: Page;
    let friend: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let closeProgramme = async () => {};
    let clientId = "";

    const admin: Person = {
      name: "Ruth Admin",
      email: "ruth.admin@example.org",
      password: "cedar trees keep their needles",
    };
    const clinician: Person = {
      name: "Noor Haddad",
      email: "noor.haddad@example.org",
      password: "the ferry leaves at half past nine",
    };
    const client: Person = {
      name: "Casey Moore",
      email: "casey.moore@example.org",
      password: "a kite over the allotments today",
    };
    const supporter: Person = {
      name: "Jo Bright",
      email: "jo.bright@example.org",
      password: "lighthouse keepers read at night",
    };

    const shownLink = async (on: Page) => {
      const link = new URL(await on.getByLabel("Invitation link").inputValue());
      return `${server.url}${link.pathname}${link.search}`;
    };

    /** Nothing scrolls sideways on the phone except the client navigation row. */
    const fitsThePhone = async (on: Page, where: string) => {
      const width = await on.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `page width on ${where}`).toBeLessThanOrEqual(390);
    };

    beforeAll(async () => {
      smtp = await startSmtpServer();
      ({ server, close: closeProgramme } = await startProgramme(dialect, programme, admin, {
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(smtp.port),
        SMTP_FROM: "Lantern <lantern@example.org>",
      }));
      staffBrowser = await openBrowser({ width: 1280, height: 900 });
      page = staffBrowser.pages()[0] ?? (await staffBrowser.newPage());
      clientBrowser = await openBrowser({ width: 390, height: 844 });
      phone = clientBrowser.pages()[0] ?? (await clientBrowser.newPage());
      supporterBrowser = await openBrowser({ width: 390, height: 844 });
      friend = supporterBrowser.pages()[0] ?? (await supporterBrowser.newPage());
      watches = [watchPage(page, server.url), watchPage(phone, server.url), watchPage(friend, server.url)];
    });

    afterAll(async () => {
      await staffBrowser?.close();
      await clientBrowser?.close();
      await supporterBrowser?.close();
      await smtp?.close();
      await closeProgramme();
    });

    it("lets the admin set the programme's crisis line, then brings in a clinician and a client", async () => {
      await signIn(page, admin, server.url);
      await page.getByRole("link", { name: "Recovery words" }).click();
      await page.getByRole("heading", { level: 2, name: "Crisis line" }).waitFor();
      // The default is the US line until a programme chooses its own.
      expect(await page.getByLabel("Number to call").inputValue()).toBe("988");
      await page.getByLabel("Name of the line").fill("Samaritans");
      await page.getByLabel("Number to call").fill("116 123");
      await page.getByLabel("Number that takes text messages (optional)").fill("not a number");
      await page.getByRole("button", { name: "Save the crisis line" }).click();
      await page.getByText("Use digits, spaces, dashes or brackets, and + at the start.").waitFor();
      await expectAccessible(page, "crisis line with an error");
      await page.getByLabel("Number that takes text messages (optional)").fill("85258");
      await page.getByRole("button", { name: "Save the crisis line" }).click();
      await page.getByText("Saved. Clients see this line on their SOS screen.").waitFor();
      await expectAccessible(page, "recovery settings with the crisis line");

      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Staff and invitations" }).click();
      await page.getByLabel("Their email").fill(clinician.email);
      await page.getByRole("button", { name: "Create invitation" }).click();
      await page.getByRole("heading", { level: 2, name: "The invitation is ready" }).waitFor();
      const clinicianLink = await shownLink(page);
      await signOut(page);

      await page.goto(clinicianLink);
      await page.getByLabel("Your name").fill(clinician.name);
      await page.getByLabel("Password", { exact: true }).fill(clinician.password);
      await page.getByRole("button", { name: "Create account and accept" }).click();
      await page.getByText(/Your account is ready/).waitFor();
      await signIn(page, clinician);
      await page.getByRole("link", { name: "Invite a client" }).click();
      await page.getByLabel("Show a code now (in person)").check();
      await page.getByRole("button", { name: "Show a code" }).click();
      await page.getByRole("heading", { level: 2, name: "Here is the code" }).waitFor();
      const code = (await page.getByText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/).textContent()) ?? "";

      await phone.goto(`${server.url}/invite`);
      await phone.getByLabel("Invitation code").fill(code);
      await phone.getByRole("button", { name: "Continue" }).click();
      await phone.getByLabel("Your name").fill(client.name);
      await phone.getByLabel("Email").fill(client.email);
      await phone.getByLabel("Password", { exact: true }).fill(client.password);
      await phone.getByRole("button", { name: "Create account and accept" }).click();
      await phone.getByText(/Your account is ready/).waitFor();
      await signIn(phone, client);
      const own = (await phone.evaluate(async () => {
        const response = await fetch("/api/clients");
        return response.json();
      })) as { id: string; isSelf: boolean }[];
      clientId = own.find((c) => c.isSelf)?.id ?? "";
      expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("lets the client build a support network in call-first order and log a call in two taps", async () => {
      // The SOS button is on every client screen.
      await phone.getByRole("link", { name: /I need help now/ }).waitFor();
      await phone.getByRole("link", { name: "My people" }).click();
      await phone.getByRole("heading", { level: 1, name: "My people" }).waitFor();
      await phone.getByText(/Nobody here yet/).waitFor();
      await expectAccessible(phone, "support network, empty");

      await phone.getByLabel("Name", { exact: true }).fill("Dee Morgan");
      await phone.getByRole("button", { name: "Add to my people" }).click();
      await phone.getByText("Add a phone number or an email, so you can reach them.").waitFor();
      await phone.getByLabel("Phone (optional)").fill("call me maybe");
      await phone.getByRole("button", { name: "Add to my people" }).click();
      await phone.getByText("Use digits, spaces, dashes or brackets, and + at the start.").waitFor();
      await expectAccessible(phone, "support network with an error");
      await phone.getByLabel("Phone (optional)").fill("+44 7700 900123");
      await phone.getByLabel("When they can be reached (optional)").fill("Evenings");
      await phone.getByRole("button", { name: "Add to my people" }).click();
      await phone.getByText("Dee Morgan is in your support network.").waitFor();

      await phone.getByLabel("Name", { exact: true }).fill("Sam Lee");
      await phone.getByLabel("Who they are to you").selectOption("group_member");
      await phone.getByLabel("Phone (optional)").fill("07700 900456");
      await phone.getByRole("button", { name: "Add to my people" }).click();
      await phone.getByText("Sam Lee is in your support network.").waitFor();

      await phone.getByRole("button", { name: "Call Sam Lee earlier" }).click();
      await phone.getByText("Sam Lee is now number 1 to call.").waitFor();
      const order = phone.getByRole("list", { name: "Who to call first" }).getByRole("heading", { level: 3 });
      expect(await order.allTextContents()).toEqual(["1. Sam Lee", "2. Dee Morgan"]);
      await fitsThePhone(phone, "support network");
      await expectAccessible(phone, "support network");

      // Two taps: who (Sam Lee, first, is already chosen) and which way.
      await phone.getByLabel("Dee Morgan", { exact: true }).check();
      await phone.getByRole("button", { name: "I called them" }).click();
      await phone.getByText("Logged: you called Dee Morgan.").waitFor();
      await phone.getByRole("button", { name: "They called me" }).click();
      await phone.getByText("Logged: Dee Morgan called you.").waitFor();
      await phone.getByText("This week: 1 call made, 1 received.").waitFor();
      await expectAccessible(phone, "outreach log");
    });

    it("lets the client write a safety plan and a relapse-prevention plan, and download the PDF", async () => {
      await phone.getByRole("link", { name: "Safety plan" }).click();
      await phone.getByRole("heading", { level: 1, name: "Safety plan" }).waitFor();
      await expectAccessible(phone, "safety plan, empty");
      await phone.getByLabel("Warning signs").fill("Staying up late alone\nSkipping meals");
      await phone.getByLabel("My reasons for living").fill("My daughter\nThe allotment in spring");
      await phone.getByRole("button", { name: "Save the plan" }).click();
      await phone.getByText(/^Saved\. Your safety plan is on the SOS screen/).waitFor();
      await fitsThePhone(phone, "safety plan");
      await expectAccessible(phone, "safety plan, saved");

      await phone.getByRole("link", { name: "Prevention plan" }).click();
      await phone.getByRole("heading", { level: 1, name: "Relapse-prevention plan" }).waitFor();
      await phone.getByLabel("What I do after a lapse").waitFor();
      await phone.getByLabel("My triggers").fill("Sunday evenings on my own");
      await phone.getByLabel("What helps me cope").fill("Walk round the block\nCall Sam");
      await phone.getByLabel("Boundaries for devices").fill("Phone charges in the kitchen");
      await phone.getByRole("button", { name: "Save the plan" }).click();
      await phone.getByText(/^Saved\. Reminders from this plan/).waitFor();
      await phone
        .getByText(/^Version 1, /)
        .first()
        .waitFor();
      await fitsThePhone(phone, "prevention plan");
      await expectAccessible(phone, "prevention plan, saved");

      const [download] = await Promise.all([
        phone.waitForEvent("download"),
        phone.getByRole("link", { name: "Download as PDF" }).click(),
      ]);
      const file = await download.path();
      expect(fs.readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    });

    it("lets the care team open the same safety plan", async () => {
      await page.goto(`${server.url}/clients/${clientId}/safety-plan`);
      await page.getByRole("heading", { level: 1, name: `${client.name}'s safety plan` }).waitFor();
      expect(await page.getByLabel("Warning signs").inputValue()).toBe(
        "Staying up late alone\nSkipping meals",
      );
      await page.getByText(new RegExp(`^Version 1, saved .* by ${client.name}\\.$`)).waitFor();
      await expectAccessible(page, "safety plan for the care team");
    });

    it("lets the client invite a supporter who sees only what is shared", async () => {
      await phone.goto(`${server.url}/my-record/sharing`);
      await phone.getByRole("heading", { level: 1, name: "Sharing" }).waitFor();
      await phone.getByLabel("Supporter", { exact: true }).check();
      await phone.getByLabel("Your name and care team").check();
      await phone.getByLabel("Alerts when you ask for help").check();
      await phone.getByLabel("Your relapse-prevention plan").check();
      await phone.getByRole("button", { name: "Create invitation" }).click();
      await phone.getByRole("heading", { level: 3, name: "Here is the code" }).waitFor();
      const code = (await phone.getByText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/).textContent()) ?? "";
      const accepted = await fetch(`${server.url}/api/invitations/accept`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          token: code,
          account: { name: supporter.name, email: supporter.email, password: supporter.password },
        }),
      });
      expect(accepted.status).toBe(201);

      await signIn(friend, supporter, server.url);
      const people = friend.getByRole("region", { name: "People who share with you" });
      // Listed by first name, with what they share.
      await people.getByText(/^Shares .*their prevention plan/).waitFor();
      await people.getByRole("link", { name: "Casey", exact: true }).click();
      await friend.getByRole("heading", { level: 1, name: `Supporting ${client.name}` }).waitFor();
      await friend.getByRole("heading", { name: "If they ask for support" }).waitFor();
      await friend
        .getByRole("region", { name: "Relapse-prevention plan" })
        .getByText("Walk round the block")
        .waitFor();
      expect(await friend.getByRole("region", { name: "Milestones" }).count()).toBe(0);
      await fitsThePhone(friend, "supporter's view");
      await expectAccessible(friend, "supporter's view");

      // Read-only, with the PDF.
      await friend.getByRole("link", { name: "Open the full plan and its PDF" }).click();
      await friend
        .getByRole("heading", { level: 1, name: `${client.name}'s relapse-prevention plan` })
        .waitFor();
      expect(await friend.getByRole("button", { name: "Save the plan" }).count()).toBe(0);
      await friend.getByRole("link", { name: "Download as PDF" }).waitFor();
      await expectAccessible(friend, "prevention plan for a supporter");
    });

    it("gives the client a calm SOS screen with call and text links, and alerts the supporter", async () => {
      await phone.goto(`${server.url}/`);
      await phone.getByRole("link", { name: /I need help now/ }).click();
      await phone.getByRole("heading", { level: 1, name: "I need help now" }).waitFor();
      await phone.getByText(/Lantern has noted that you reached out/).waitFor();
      const crisis = phone.getByRole("region", { name: "Samaritans" });
      expect(await crisis.getByRole("link", { name: "Call 116 123" }).getAttribute("href")).toBe(
        "tel:116123",
      );
      expect(await crisis.getByRole("link", { name: "Text 85258" }).getAttribute("href")).toBe("sms:85258");
      expect(await phone.getByRole("link", { name: "Call Sam Lee" }).getAttribute("href")).toBe(
        "tel:07700900456",
      );
      expect(await phone.getByRole("link", { name: "Text Dee Morgan" }).getAttribute("href")).toBe(
        "sms:+447700900123",
      );
      await phone
        .getByRole("region", { name: "What you told yourself to remember" })
        .getByText("Walk round the block")
        .waitFor();
      await phone.getByRole("link", { name: "Ride out the urge with the timer" }).waitFor();
      await fitsThePhone(phone, "SOS");
      await expectAccessible(phone, "SOS");

      await phone.getByRole("button", { name: "I'm thinking of harming myself" }).click();
      await phone.getByRole("heading", { level: 2, name: "Talk to someone now: Samaritans" }).waitFor();
      await phone
        .getByRole("region", { name: "Your safety plan" })
        .getByText("Staying up late alone")
        .waitFor();
      await expectAccessible(phone, "SOS with the safety plan first");

      await phone.getByRole("button", { name: "Send the alert" }).click();
      await phone.getByText("Tick at least one person.").waitFor();
      await phone.getByLabel(supporter.name).check();
      await phone.getByRole("button", { name: "Send the alert" }).click();
      await phone.getByText(`${supporter.name} has been alerted.`).waitFor();
      await expectAccessible(phone, "SOS after alerting");

      await expect
        .poll(() => smtp.messages.filter((m) => m.to.includes(supporter.email)).length, { timeout: 10_000 })
        .toBe(1);
      const mail = smtp.messages.find((m) => m.to.includes(supporter.email));
      expect(mail?.headers.subject).toBe("You have a new message in Lantern");
      expect(mail?.text).not.toMatch(/Casey|Moore|SOS|harm|recovery|treatment|therapy|Cedar/i);

      // Both uses are in the client's history: the press, and the moment harm was on their mind.
      const history = (await phone.evaluate(async (id) => {
        const response = await fetch(`/api/clients/${id}/sos/history`);
        return response.json();
      }, clientId)) as { harmThoughts: boolean; notifiedNames: string[] }[];
      expect(
        history.some((event) => event.harmThoughts && event.notifiedNames.includes(supporter.name)),
      ).toBe(true);
    });

    it("shows the supporter the alert in the app, linked to how to help", async () => {
      await friend.goto(`${server.url}/`);
      await friend.getByRole("link", { name: "Notifications, 1 new" }).click();
      await friend.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
      await friend.getByText("New", { exact: true }).waitFor();
      await expectAccessible(friend, "notifications");
      await friend.getByRole("link", { name: "See how to help" }).click();
      await friend.getByRole("heading", { level: 1, name: `Supporting ${client.name}` }).waitFor();
      const alerts = friend.getByRole("region", { name: "Times they asked you for support" });
      await expect.poll(() => alerts.getByRole("listitem").count()).toBe(1);
      await friend.getByRole("link", { name: "Notifications", exact: true }).waitFor(); // read: no count now
    });

    it("changes what the supporter sees on their next load when the client grants and revokes", async () => {
      await phone.goto(`${server.url}/my-record/sharing`);
      const card = phone.getByRole("group", { name: `What ${supporter.name} can see` });
      await card.getByLabel("Your relapse-prevention plan").uncheck();
      await card.getByLabel("Your milestones and count of days").check();
      await phone.getByRole("button", { name: "Save changes" }).click();
      await phone.getByText(/^Saved\./).waitFor();

      await phone.getByRole("button", { name: `See what ${supporter.name} sees` }).click();
      const preview = phone.getByRole("region", { name: `What ${supporter.name} sees` });
      await preview.getByRole("region", { name: "Milestones" }).waitFor();
      expect(await preview.getByRole("region", { name: "Relapse-prevention plan" }).count()).toBe(0);
      await expectAccessible(phone, "sharing with a preview");

      await friend.reload();
      await friend.getByRole("heading", { level: 1, name: `Supporting ${client.name}` }).waitFor();
      await friend.getByRole("region", { name: "Milestones" }).waitFor();
      expect(await friend.getByRole("region", { name: "Relapse-prevention plan" }).count()).toBe(0);
      const pdf = await friend.evaluate(
        async (id) => (await fetch(`/api/clients/${id}/prevention-plan.pdf`)).status,
        clientId,
      );
      expect(pdf).toBe(404);

      await phone.getByRole("button", { name: "Stop sharing" }).click();
      await phone.getByRole("button", { name: "Yes, stop sharing" }).click();
      await phone.getByText("You are not sharing with anyone.").waitFor();
      await friend.reload();
      await friend.getByText("Nothing is shared at the moment.").waitFor();
      await expectAccessible(friend, "supporter's view, nothing shared");
    });

    it("made no request to any other host and logged no unexpected errors", () => {
      for (const watch of watches) {
        expect(watch.foreign).toEqual([]);
        // A part that is not shared answers 404 by design; the invalid numbers typed above answer 400.
        expect(watch.errors.filter((error) => !/status of 40[04]/.test(error))).toEqual([]);
      }
    });
  });
}
