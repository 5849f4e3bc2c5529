import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../packages/domain/src/recovery/local-date.js";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn, signOut } from "./staff.js";

const programme = "Harbour Light (test)";
const circles = {
  inner: ["Paying for sex online"],
  middle: ["Scrolling alone after midnight", "Skipping dinner"],
  outer: ["Evening walk", "Calling my sponsor"],
} as const;
// Words Lantern must never show a client, however their week went.
const shaming = /\bfailed\b|\bfailure\b|relapsed|reset to zero|start over from zero/i;

for (const dialect of featureDialects(["sqlite"])) {
  describe(`a week of daily recovery on a phone: circles, start date, check-ins, a slip, a correction [${dialect}]`, () => {
    let server: RunningServer;
    let staffBrowser: BrowserContext;
    let clientBrowser: BrowserContext;
    let page: Page;
    let phone: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let closeProgramme = async () => {};
    let today = "";

    const admin: Person = {
      name: "Avery Admin",
      email: "avery.admin@example.org",
      password: "lighthouses keep a patient watch",
    };
    const clinician: Person = {
      name: "Sam Rivers",
      email: "sam.rivers@example.org",
      password: "morning fog lifts off the quay",
    };
    const client: Person = {
      name: "Alex Moor",
      email: "alex.moor@example.org",
      password: "a kettle sings for the early tide",
    };

    const shownLink = async (on: Page) => {
      const link = new URL(await on.getByLabel("Invitation link").inputValue());
      return `${server.url}${link.pathname}${link.search}`;
    };

    /** Answers the parts of a check-in every day needs: mood, sleep and the inner-circle question. */
    const answerBasics = async (inner: "No" | "Yes") => {
      await phone
        .getByRole("radiogroup", { name: /mood/ })
        .getByRole("radio", { name: "Okay", exact: true })
        .check();
      await phone.getByLabel("Hours of sleep last night").fill("7");
      await phone
        .getByRole("radiogroup", { name: "How well did you sleep?" })
        .getByRole("radio", { name: "Good", exact: true })
        .check();
      await phone
        .getByRole("radiogroup", { name: /inner circle/ })
        .getByRole("radio", { name: inner, exact: true })
        .check();
    };

    const expectKind = async (where: string) => {
      const text = (await phone.locator("main").textContent()) ?? "";
      expect(text, where).not.toMatch(shaming);
    };

    beforeAll(async () => {
      ({ server, close: closeProgramme } = await startProgramme(dialect, programme, admin));
      staffBrowser = await openBrowser({ width: 1280, height: 900 });
      page = staffBrowser.pages()[0] ?? (await staffBrowser.newPage());
      clientBrowser = await openBrowser({ width: 390, height: 844 });
      phone = clientBrowser.pages()[0] ?? (await clientBrowser.newPage());
      watches = [watchPage(page, server.url), watchPage(phone, server.url)];
    });

    afterAll(async () => {
      await staffBrowser?.close();
      await clientBrowser?.close();
      await closeProgramme();
    });

    it("lets the programme admin choose the word for a single act and the label of the count", async () => {
      await signIn(page, admin, server.url);
      await page.getByRole("link", { name: "Recovery words" }).click();
      await page.getByRole("heading", { level: 1, name: "Recovery words" }).waitFor();
      await expectAccessible(page, "recovery words");
      await page.getByLabel("Slip", { exact: true }).check();
      await page.getByLabel("The words for the count of days").fill("days of sobriety");
      await page.getByRole("button", { name: "Save the words" }).click();
      await page.getByText("Saved. Clients see these words from their next visit.").waitFor();
      await expectAccessible(page, "recovery words saved");
    });

    it("brings a client in through a clinician's in-person code", async () => {
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
      await phone.getByRole("heading", { level: 2, name: "Your days of sobriety" }).waitFor();
      await phone.getByRole("link", { name: "Set your start date" }).waitFor();
      await phone.getByRole("link", { name: "Who has looked at your record" }).waitFor();
      await expectAccessible(phone, "today, first visit");
    });

    it("lets the client write their three circles in their own words", async () => {
      await phone
        .getByRole("navigation", { name: "Your recovery" })
        .getByRole("link", { name: "Circles" })
        .click();
      await phone.getByRole("heading", { level: 1, name: "Your three circles" }).waitFor();
      await expectAccessible(phone, "circles, empty");
      for (const [circle, items] of Object.entries(circles)) {
        const field = phone.getByLabel(`Add to your ${circle} circle`);
        for (const item of items) {
          await field.fill(item);
          await field.press("Enter");
        }
      }
      // A second thought, reworded before saving.
      await phone.getByLabel("Middle circle, behaviour 2").fill("Skipping dinner and going to bed hungry");
      await phone.getByLabel("What changed, in a line (optional)").fill("First version, written at home");
      await phone.getByRole("button", { name: "Save circles" }).click();
      await phone.getByText("Saved. Your circles are now at version 1.").waitFor();
      const history = phone.getByRole("region", { name: "Changes over time" });
      await history.getByText("Version 1", { exact: false }).waitFor();
      await history.getByText(`By ${client.name} (you)`).waitFor();
      await history.getByText("Skipping dinner and going to bed hungry", { exact: false }).waitFor();

      await phone.getByLabel("Add a comment").fill("I will go through these with Sam on Monday.");
      await phone.getByRole("button", { name: "Post comment" }).click();
      await phone.getByText("I will go through these with Sam on Monday.").waitFor();
      await expectAccessible(phone, "circles, saved");
    });

    it("lets a clinician on the care team read the circles and comment, and the client see it", async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("link", { name: client.name }).click();
      await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
      const clientId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      await page.goto(`${server.url}/clients/${clientId}/circles`);
      await page.getByRole("heading", { level: 1, name: `${client.name}'s three circles` }).waitFor();
      expect(await page.getByLabel("Inner circle, behaviour 1").inputValue()).toBe(circles.inner[0]);
      await page.getByText(`By ${client.name} (the client)`).waitFor();
      await expectAccessible(page, "circles, clinician");
      await page.getByLabel("Add a comment").fill("A good start. Let us look at the evenings together.");
      await page.getByRole("button", { name: "Post comment" }).click();
      await page.getByText("A good start. Let us look at the evenings together.").waitFor();

      await phone.reload();
      await phone.getByText("A good start. Let us look at the evenings together.").waitFor();
      await phone.getByText(`${clinician.name} (care team)`, { exact: false }).waitFor();
    });

    it("sets a start date three days ago and shows the count in the programme's words", async () => {
      await phone
        .getByRole("navigation", { name: "Your recovery" })
        .getByRole("link", { name: "My days" })
        .click();
      await phone.getByRole("heading", { level: 1, name: "My days" }).waitFor();
      await expectAccessible(phone, "my days, no start date");
      const field = phone.getByLabel("Start date", { exact: true });
      today = await field.inputValue();
      expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await field.fill(addDays(today, -3));
      await phone.getByRole("button", { name: "Set start date" }).click();
      await phone.getByText(/^Your start date is now /).waitFor();
      await phone.getByRole("heading", { level: 2, name: "Your days of sobriety" }).waitFor();
      const counts = phone.getByRole("region", { name: "Your days of sobriety" });
      await counts.getByText("3 days").first().waitFor();
      await counts.getByText("1 day", { exact: true }).waitFor(); // the first milestone, as a badge
      await expectAccessible(phone, "my days, counting");
    });

    it("fills in the previous days late, each marked as late", async () => {
      await phone
        .getByRole("navigation", { name: "Your recovery" })
        .getByRole("link", { name: "Today" })
        .click();
      const lateLinks = phone.getByRole("link", { name: /^Fill in .* late$/ });
      await lateLinks.first().waitFor();
      // The days before the start date are not offered (the first look may briefly show the cached screen).
      await expect.poll(() => lateLinks.count()).toBe(3);
      await expectAccessible(phone, "today, with missed days");
      for (let filled = 0; filled < 3; filled++) {
        await lateLinks.first().click();
        await phone.getByRole("heading", { level: 1, name: "Check in" }).waitFor();
        await phone.getByText("It will be marked as filled in late", { exact: false }).waitFor();
        if (filled === 0) await expectAccessible(phone, "late check-in");
        await answerBasics("No");
        await phone.getByRole("button", { name: "Save check-in" }).click();
        await phone.getByText(/is saved, marked as filled in late\.$/).waitFor();
        await phone.getByRole("link", { name: "Go to Today" }).click();
        await phone.getByRole("heading", { level: 2, name: "Today's check-in" }).waitFor();
      }
      await expect.poll(() => lateLinks.count()).toBe(0);
    });

    it("checks in today in under a minute, picking a middle-circle behaviour, and shows the streak", async () => {
      await phone.getByRole("link", { name: "Check in now" }).click();
      await phone.getByRole("heading", { level: 1, name: "Check in" }).waitFor();
      await expectAccessible(phone, "check-in, empty");
      // Nothing spills sideways on a phone.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      // Nothing chosen yet: the form names what it needs, on the fields themselves.
      await phone.getByRole("button", { name: "Save check-in" }).click();
      await phone.getByText("Choose the word closest to your mood.").waitFor();
      await phone.getByText("Choose yes or no. Either answer is okay here.").waitFor();
      await expectAccessible(phone, "check-in with gentle errors");

      // Feelings are chips: the visible label is what a finger taps.
      await phone.getByText("Fear", { exact: true }).click();
      await phone.getByText("Anxious", { exact: true }).click();
      expect(await phone.getByRole("checkbox", { name: "Anxious" }).isChecked()).toBe(true);
      await phone.getByRole("checkbox", { name: "Tired" }).check();
      const stress = phone.getByRole("slider", { name: "Stress" });
      await stress.focus();
      for (let i = 0; i < 4; i++) await stress.press("ArrowRight");
      expect(await stress.getAttribute("aria-valuenow")).toBe("4");
      await phone.getByRole("checkbox", { name: circles.middle[0] }).check();
      await phone.getByRole("checkbox", { name: circles.outer[0] }).check();
      await answerBasics("No");
      await phone.getByLabel("A note (optional)").fill("Hard evening, but I went for the walk.");
      await phone.getByRole("button", { name: "Save check-in" }).click();
      await phone.getByText("Today's check-in is saved.").waitFor();
      await expectAccessible(phone, "check-in saved");

      await phone.getByRole("link", { name: "Go to Today" }).click();
      const count = phone.getByRole("region", { name: "Your days of sobriety" });
      await count.getByText("3", { exact: true }).waitFor();
      await count.getByText("3 days", { exact: true }).waitFor(); // longest run
      await phone.getByText("You checked in today.", { exact: false }).waitFor();
      await expectAccessible(phone, "today, checked in");
    });

    it("records a slip through today's check-in, kindly, and keeps the longest run", async () => {
      await phone.getByRole("link", { name: "Change today's check-in" }).click();
      await phone.getByRole("heading", { level: 1, name: "Check in" }).waitFor();
      // Today's answers are already there.
      expect(await phone.getByRole("checkbox", { name: circles.middle[0] }).isChecked()).toBe(true);
      expect(await phone.getByLabel("Hours of sleep last night").inputValue()).toBe("7");
      await phone
        .getByRole("radiogroup", { name: /inner circle/ })
        .getByRole("radio", { name: "Yes", exact: true })
        .check();
      await phone
        .getByText("Thank you for telling the truth. Lantern will note a slip", { exact: false })
        .waitFor();
      await expectAccessible(phone, "check-in, inner circle yes");
      await expectKind("check-in, inner circle yes");
      await phone.getByRole("button", { name: "Save changes" }).click();
      await phone.getByText("Thank you for being honest about a slip.", { exact: false }).waitFor();

      await phone.getByRole("link", { name: "Go to Today" }).click();
      const count = phone.getByRole("region", { name: "Your days of sobriety" });
      await count.getByText("0", { exact: true }).waitFor();
      await count.getByText("3 days", { exact: true }).waitFor(); // the longest run stays
      await count
        .getByText("Every day you have already lived in recovery still counts.", { exact: false })
        .waitFor();
      const review = phone.getByRole("link", { name: "Look back at it" });
      expect(await review.getAttribute("href")).toMatch(/^\/slip-review\?event=[0-9a-f-]{36}$/);
      await expectAccessible(phone, "today after a slip");
      await expectKind("today after a slip");
      // Calm colours after a slip: the count is not drawn in red.
      const colour = await count.getByText("0", { exact: true }).evaluate((el) => getComputedStyle(el).color);
      const [r = 0, g = 0, b = 0] = (colour.match(/\d+/g) ?? []).map(Number);
      expect(r > 150 && g < 100 && b < 100, `count colour ${colour}`).toBe(false);
    });

    it("sets a mistaken entry right with a correction that stays in the list", async () => {
      await phone
        .getByRole("navigation", { name: "Your recovery" })
        .getByRole("link", { name: "My days" })
        .click();
      await phone.getByRole("heading", { level: 1, name: "My days" }).waitFor();
      await phone.getByText(/^Slip on .* \(from a check-in\)$/).waitFor();

      // A slip noted for yesterday by mistake.
      await phone.getByRole("button", { name: "Record a slip" }).click();
      await phone.getByLabel("Which day?").fill(addDays(today, -1));
      await phone
        .getByRole("region", { name: "Record a slip" })
        .getByRole("button", { name: "Record a slip" })
        .click();
      await phone.getByText(/^Noted a slip on /).waitFor();
      const counts = phone.getByRole("region", { name: "Your days of sobriety" });
      await counts.getByText("2 days", { exact: true }).waitFor(); // longest run, cut by the mistaken entry
      await expectAccessible(phone, "my days with a mistaken entry");

      const mistaken = phone
        .getByRole("listitem")
        .filter({ hasText: /^Slip on .*Noted/ })
        .filter({ hasNotText: "from a check-in" });
      await mistaken.getByRole("button", { name: /^This was a mistake/ }).click();
      await phone.getByRole("button", { name: "Yes, it was a mistake" }).click();
      await phone.getByText(/^Corrected: .* is set aside and no longer counts\.$/).waitFor();
      await phone.getByText(/^Correction: “[^”]+” was a mistake$/).waitFor();
      await phone.getByText("set aside by a correction, not counted", { exact: false }).waitFor();
      await counts.getByText("3 days", { exact: true }).waitFor(); // the longest run is whole again
      await expectAccessible(phone, "my days after a correction");
      await expectKind("my days after a correction");
    });

    it("reads as calmly in the dark colour scheme", async () => {
      await phone.emulateMedia({ colorScheme: "dark" });
      const nav = phone.getByRole("navigation", { name: "Your recovery" });
      await nav.getByRole("link", { name: "Today" }).click();
      await phone.getByRole("heading", { level: 2, name: "Your days of sobriety" }).waitFor();
      expect(await phone.locator("html").getAttribute("data-mantine-color-scheme")).toBe("dark");
      await expectAccessible(phone, "today, dark");
      await nav.getByRole("link", { name: "Check in" }).click();
      await phone.getByRole("button", { name: "Save changes" }).waitFor();
      await expectAccessible(phone, "check-in, dark");
      await nav.getByRole("link", { name: "Circles" }).click();
      await phone.getByRole("heading", { level: 1, name: "Your three circles" }).waitFor();
      await expectAccessible(phone, "circles, dark");
      await nav.getByRole("link", { name: "My days" }).click();
      await phone.getByRole("heading", { level: 1, name: "My days" }).waitFor();
      await expectAccessible(phone, "my days, dark");
      await phone.emulateMedia({ colorScheme: "light" });

      for (const watch of watches) {
        expect(watch.foreign).toEqual([]);
        expect(watch.errors).toEqual([]);
      }
    });
  });
}
