import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn, signOut } from "./staff.js";

const programme = "Willow Lane (test)";
const privateWords = "Nobody else needs to read this: I felt small today.";
const sharedWords = "Grateful for the walk by the river and for calling Dee.";
const lessons = ["Charge my phone outside the bedroom", "Call Dee when the evening feels empty"];

for (const dialect of featureDialects(["postgres"])) {
  describe(`urges, triggers, a slip review and the journal on a phone, and the clinician's timeline [${dialect}]`, () => {
    let server: RunningServer;
    let staffBrowser: BrowserContext;
    let clientBrowser: BrowserContext;
    let page: Page;
    let phone: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let closeProgramme = async () => {};
    let clientId = "";
    let outsiderLink = "";

    const admin: Person = {
      name: "Morgan Admin",
      email: "morgan.admin@example.org",
      password: "willow branches bend in the wind",
    };
    const clinician: Person = {
      name: "Dana Clarke",
      email: "dana.clarke@example.org",
      password: "a teapot hums beside the window",
    };
    const outsider: Person = {
      name: "Lee Outsider",
      email: "lee.outsider@example.org",
      password: "blue herons wait at the edge of the pond",
    };
    const client: Person = {
      name: "Jamie Fox",
      email: "jamie.fox@example.org",
      password: "the long road home has many benches",
    };

    const shownLink = async (on: Page) => {
      const link = new URL(await on.getByLabel("Invitation link").inputValue());
      return `${server.url}${link.pathname}${link.search}`;
    };

    /** The page fits a phone's width: nothing scrolls sideways except the client navigation row. */
    const fitsThePhone = async (where: string) => {
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `page width on ${where}`).toBeLessThanOrEqual(390);
    };

    /** Picks an intensity in the picker on screen (radios labelled 0 to 10). */
    const rate = async (value: number) => {
      // A click, not check(): answering a minute's question hides it until the next minute.
      await phone.getByRole("radio", { name: String(value), exact: true }).click();
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

    it("sets up a clinician with a client on their care team, and a clinician outside it", async () => {
      await signIn(page, admin, server.url);
      await page.getByRole("link", { name: "Staff and invitations" }).click();
      await page.getByLabel("Their email").fill(clinician.email);
      await page.getByRole("button", { name: "Create invitation" }).click();
      await page.getByRole("heading", { level: 2, name: "The invitation is ready" }).waitFor();
      const clinicianLink = await shownLink(page);
      await page.getByRole("button", { name: "Invite someone else" }).click();
      await page.getByLabel("Their email").fill(outsider.email);
      await page.getByRole("button", { name: "Create invitation" }).click();
      await page.getByRole("heading", { level: 2, name: "The invitation is ready" }).waitFor();
      outsiderLink = await shownLink(page);
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
    });

    it("lets the client list coping strategies and triggers, each linked to what helps", async () => {
      await phone.goto(`${server.url}/triggers`);
      await phone.getByRole("heading", { level: 1, name: "Triggers and coping" }).waitFor();
      await phone.getByText("No coping strategies yet.", { exact: false }).waitFor();
      await expectAccessible(phone, "triggers, empty");

      await phone.getByRole("button", { name: "Add", exact: true }).click();
      await phone.getByText("Write the strategy in a few words.").waitFor();
      for (const strategy of ["Call Dee", "Go for a walk"]) {
        await phone.getByLabel("New coping strategy").fill(strategy);
        await phone.getByRole("button", { name: "Add", exact: true }).click();
        await phone.getByRole("listitem").filter({ hasText: strategy }).waitFor();
      }

      await phone.getByRole("button", { name: "Add trigger" }).click();
      await phone.getByText("Name the trigger in a few words.").waitFor();
      await phone.getByText("Choose what kind of trigger it is.").waitFor();
      await expectAccessible(phone, "trigger form with errors");
      await phone.getByLabel("Trigger", { exact: true }).fill("Feeling lonely in the evening");
      await phone.getByLabel("Kind of trigger").selectOption("feeling");
      await phone.getByRole("checkbox", { name: "Call Dee" }).check();
      await phone.getByRole("button", { name: "Add trigger" }).click();
      await phone.getByText("Added “Feeling lonely in the evening” to your triggers.").waitFor();

      await phone.getByLabel("Trigger", { exact: true }).fill("Phone in bed");
      await phone.getByLabel("Kind of trigger").selectOption("device");
      await phone.getByRole("checkbox", { name: "Go for a walk" }).check();
      await phone.getByRole("button", { name: "Add trigger" }).click();
      await phone.getByText("Added “Phone in bed” to your triggers.").waitFor();
      const lonely = phone.getByRole("listitem").filter({ hasText: "Feeling lonely in the evening" });
      await lonely.getByText("What helps: Call Dee").waitFor();

      // Edit one, then archive a coping strategy it does not use.
      await phone.getByRole("button", { name: "Edit Phone in bed" }).click();
      await phone.getByLabel("Trigger", { exact: true }).first().fill("Phone in bed after midnight");
      await phone.getByRole("button", { name: "Save changes" }).click();
      await phone.getByText("Saved “Phone in bed after midnight”.").waitFor();
      await expectAccessible(phone, "triggers with entries");
    });

    it("guides an urge with the timer that passes, then shows the client's own figures", async () => {
      await phone.goto(`${server.url}/urge?minute=5`);
      await phone.getByRole("heading", { level: 1, name: "I have an urge" }).waitFor();
      await expectAccessible(phone, "urge start");
      await phone.getByRole("button", { name: "Start surfing the urge" }).click();
      await phone.getByText("Choose a number from 0 to 10. A guess is fine.").waitFor();
      await rate(7);
      await phone.getByRole("button", { name: "Start surfing the urge" }).click();
      await phone.getByRole("heading", { level: 2, name: "Notice" }).waitFor();
      await expectAccessible(phone, "urge timer");
      await phone.getByText("A minute has passed. How strong is the urge now?").waitFor({ timeout: 10_000 });
      await rate(4);
      await phone.getByText("Your ratings so far: 7, 4 (out of 10).", { exact: false }).waitFor();
      await phone.getByRole("button", { name: "End the timer" }).click();

      await phone.getByRole("heading", { level: 2, name: "How did it end?" }).waitFor();
      await expectAccessible(phone, "urge outcome");
      await phone.getByLabel("It passed").check();
      await phone
        .getByLabel("What set it off? (optional)")
        .selectOption({ label: "Feeling lonely in the evening" });
      await phone.getByRole("button", { name: "Save" }).click();
      await phone.getByRole("heading", { level: 2, name: "You rode it out" }).waitFor();
      await phone.getByText("1 of 1 (100%) passed without you acting on them.").waitFor();
      await phone.getByText(/Every urge you have written down here has ended/).waitFor();
      await expectAccessible(phone, "urge saved");
    });

    it("records an urge that ended in an inner-circle act kindly, and leads to the review", async () => {
      await phone.getByRole("button", { name: "Start another" }).click();
      await rate(8);
      await phone.getByRole("button", { name: "Start surfing the urge" }).click();
      await phone.getByText("A minute has passed. How strong is the urge now?").waitFor({ timeout: 10_000 });
      await rate(9);
      await phone.getByRole("button", { name: "End the timer" }).click();
      await phone.getByLabel("I did something from my inner circle").check();
      await phone
        .getByLabel("What set it off? (optional)")
        .selectOption({ label: "Phone in bed after midnight" });
      await phone.getByRole("button", { name: "Save" }).click();
      await phone.getByRole("heading", { level: 3, name: "Be kind to yourself" }).waitFor();
      await phone.getByText("1 of 2 (50%) passed without you acting on them.").waitFor();
      const body = (await phone.locator("main").textContent()) ?? "";
      expect(body).not.toMatch(/failed|relapsed|reset to zero/i);
      await expectAccessible(phone, "after an inner-circle act");
      await phone.getByTitle("Dark", { exact: true }).click();
      await expectAccessible(phone, "after an inner-circle act (dark)");
      await phone.getByTitle("Light", { exact: true }).click();
      await fitsThePhone("after an inner-circle act");
      await phone.getByRole("link", { name: "Look back on what happened" }).click();
      // The review is tied to the act the urge added to the ledger.
      await expect.poll(() => new URL(phone.url()).searchParams.get("event")).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("walks through the slip review step by step, shares it and shows the lessons added", async () => {
      await phone.getByRole("heading", { level: 2, name: "Let's look back, gently" }).waitFor();
      await expectAccessible(phone, "slip review start");
      await phone.getByRole("button", { name: "Next" }).click();
      const answers: [string, string][] = [
        ["What made you more vulnerable that day?", "Tired after a long week, skipped dinner."],
        ["What set it off?", "Scrolling on my phone in bed."],
        ["What went through your mind?", "Just this once, nobody will know."],
        ["What were you feeling, before and during?", "Lonely, then numb."],
        ["What did you do, step by step?", "Kept scrolling instead of putting the phone away."],
        ["What happened afterwards?", "Felt low and did not sleep well."],
      ];
      for (const [question, answer] of answers) {
        await phone.getByRole("heading", { level: 2, name: question }).waitFor();
        await phone.getByRole("textbox", { name: question }).fill(answer);
        if (question === "What set it off?") await expectAccessible(phone, "slip review step");
        await phone.getByRole("button", { name: "Next" }).click();
      }
      await phone.getByLabel("What I will do differently").fill(lessons.join("\n"));
      await phone.getByRole("button", { name: "Next" }).click();
      await phone.getByRole("heading", { level: 2, name: "Share it with your care team?" }).waitFor();
      await phone.getByRole("button", { name: "Save my review" }).click();
      await phone.getByText("Choose whether to share this review.").waitFor();
      await phone.getByLabel("Share it with my care team").check();
      await phone.getByRole("button", { name: "Save my review" }).click();

      await phone.getByRole("heading", { level: 2, name: "Your review is saved" }).waitFor();
      const added = phone.getByRole("region", { name: "Added to your prevention plan" });
      for (const lesson of lessons) await added.getByText(lesson).waitFor();
      await phone.getByText("You shared this review with your care team.").waitFor();
      await expectAccessible(phone, "slip review saved");

      await phone.goto(`${server.url}/slip-review`);
      await phone.getByRole("heading", { level: 2, name: "Your reviews" }).waitFor();
      await phone.getByText("Shared with your care team").waitFor();
      await expectAccessible(phone, "past reviews");
    });

    it("shows the patterns before urges on the triggers page, as charts with tables", async () => {
      await phone.goto(`${server.url}/triggers`);
      await phone.getByRole("heading", { level: 2, name: "Patterns" }).waitFor();
      const byTrigger = phone.getByRole("list", { name: "Urges and inner-circle acts by trigger" });
      await byTrigger.getByText("Feeling lonely in the evening").waitFor();
      await phone.getByRole("img", { name: /Urges and inner-circle acts by hour: 2 urges/ }).waitFor();
      await phone.getByText("Show as a table").first().click();
      await phone.getByRole("table", { name: "Urges and inner-circle acts by hour" }).waitFor();
      await fitsThePhone("triggers with patterns");
      await expectAccessible(phone, "triggers with patterns");
      await phone.getByTitle("Dark", { exact: true }).click();
      await expectAccessible(phone, "triggers with patterns (dark)");
      await phone.getByTitle("Light", { exact: true }).click();
    });

    it("keeps a journal entry private unless the client shares it", async () => {
      await phone.goto(`${server.url}/journal`);
      await phone.getByRole("heading", { level: 1, name: "Journal" }).waitFor();
      await phone.getByText("No entries yet.", { exact: false }).waitFor();
      await expectAccessible(phone, "journal");
      await phone.getByLabel("Your entry").fill(privateWords);
      await phone.getByRole("button", { name: "Save privately" }).click();
      await phone.getByText("Saved. This entry is private: only you can read it.").waitFor();

      await phone.getByLabel("Gratitude").check();
      await phone.getByLabel("Your entry").fill(sharedWords);
      await phone.getByLabel("Share this entry with my care team").check();
      await phone.getByRole("button", { name: "Save and share" }).click();
      await phone.getByText("Saved. Your care team can read this entry.").waitFor();
      await phone
        .getByRole("listitem")
        .filter({ hasText: sharedWords })
        .getByText("Shared with your care team")
        .waitFor();
      await phone
        .getByRole("listitem")
        .filter({ hasText: privateWords })
        .getByText("Private: only you")
        .waitFor();
      await expectAccessible(phone, "journal with entries");
    });

    it("shows the care-team clinician the flag, the timeline and the shared review, not the private entry", async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("heading", { level: 1, name: "Your caseload" }).waitFor();
      const flags = page.getByRole("list", { name: `Flags for ${client.name}` });
      await flags.getByRole("listitem").first().waitFor();
      expect(await flags.textContent()).toMatch(/lapse|inner/i);
      await expectAccessible(page, "caseload with flags");

      await page.getByRole("link", { name: client.name }).click();
      await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
      clientId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      await page.getByRole("heading", { level: 2, name: "Recovery", exact: true }).waitFor();
      await page.getByRole("heading", { level: 3, name: "Mood (1 to 5)" }).waitFor();
      await page.getByRole("table", { name: "Urges, newest first" }).getByText("Inner-circle act").waitFor();
      const reviews = page.getByRole("region", { name: "Reviews the client shared" });
      await reviews.getByText(lessons[0] ?? "").waitFor();
      await reviews.getByText("Scrolling on my phone in bed.").waitFor();
      const journal = page.getByRole("region", { name: "Journal entries the client shared" });
      await journal.getByText(sharedWords).waitFor();
      expect(await page.getByText(privateWords).count()).toBe(0);
      await expectAccessible(page, "client page with the recovery timeline");

      const before = await page.getByText(/^From .* to /).textContent();
      await page.getByText("90 days", { exact: true }).click();
      await expect.poll(() => page.getByRole("radio", { name: "90 days" }).isChecked()).toBe(true);
      await expect.poll(() => page.getByText(/^From .* to /).textContent()).not.toBe(before);
      await expectAccessible(page, "timeline over 90 days");
      await signOut(page);
    });

    it("answers not-found to a clinician who is not on the care team", async () => {
      await page.goto(outsiderLink);
      await page.getByLabel("Your name").fill(outsider.name);
      await page.getByLabel("Password", { exact: true }).fill(outsider.password);
      await page.getByRole("button", { name: "Create account and accept" }).click();
      await page.getByText(/Your account is ready/).waitFor();
      await signIn(page, outsider);
      await page.goto(`${server.url}/clients/${clientId}`);
      await page.getByRole("heading", { level: 1, name: "This record is not on your caseload" }).waitFor();
      expect(await page.getByText(sharedWords).count()).toBe(0);
      const status = await page.evaluate(
        async (id) => (await fetch(`/api/clients/${id}/recovery/timeline?days=30`)).status,
        clientId,
      );
      expect(status).toBe(404);
      await expectAccessible(page, "record outside the caseload");
    });

    it("made no request to any other host and logged no unexpected errors", () => {
      for (const watch of watches) {
        expect(watch.foreign).toEqual([]);
        expect(watch.errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
      }
    });
  });
}
