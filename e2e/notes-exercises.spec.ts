import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { bringInClinicianAndClient } from "./people.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn, signOut } from "./staff.js";

const programme = "Quay Street Recovery (test)";

for (const dialect of featureDialects(["postgres"])) {
  describe(`notes and exercises: an exercise goes assigned → submitted → reviewed, a DAP note is signed with an addendum [${dialect}]`, () => {
    let server: RunningServer;
    let staffBrowser: BrowserContext;
    let clientBrowser: BrowserContext;
    let page: Page;
    let phone: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let closeProgramme = async () => {};
    let clientPageUrl = "";

    const admin: Person = {
      name: "Robin Admin",
      email: "robin.admin@example.org",
      password: "the lighthouse keeper counts gulls",
    };
    const clinician: Person = {
      name: "Jo Harper",
      email: "jo.harper@example.org",
      password: "slow boats drift past the breakwater",
    };
    const client: Person = {
      name: "Kit Marsh",
      email: "kit.marsh@example.org",
      password: "a lantern glows on the harbour wall",
    };
    const exerciseTitle = "Consequences across my life";
    const comment = "Thank you, Kit. The money row is honest work; let us talk about the future column.";

    const exercises = () => page.getByRole("region", { name: "Recovery exercises" });
    const notes = () => page.getByRole("region", { name: "Progress notes" });

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

    it("brings in a clinician and, through them, a client", async () => {
      await signIn(page, admin, server.url);
      await bringInClinicianAndClient(page, phone, server.url, clinician, client);
    });

    it("lets the clinician assign an exercise with a due date", async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("link", { name: client.name }).click();
      await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
      clientPageUrl = page.url();
      await exercises().getByText("No exercises assigned yet.").waitFor();
      await exercises().getByLabel("Exercise", { exact: true }).selectOption({ label: exerciseTitle });
      await exercises().getByRole("button", { name: "Assign exercise" }).click();
      await exercises()
        .getByText(new RegExp(`^${exerciseTitle} assigned, due \\d{4}-\\d{2}-\\d{2}\\.$`))
        .waitFor();
      await exercises().getByRole("heading", { level: 3, name: exerciseTitle }).waitFor();
      await expectAccessible(page, "client page, exercise assigned");
    });

    it("lets the client fill it on a phone, keep a draft and hand it in", async () => {
      await phone.goto(`${server.url}/`);
      await phone.getByRole("link", { name: "Exercises", exact: true }).click();
      await phone.getByRole("heading", { level: 1, name: "Exercises" }).waitFor();
      await expectAccessible(phone, "exercises, one to start");
      await phone.getByRole("link", { name: `Start ${exerciseTitle}` }).click();
      await phone.getByRole("heading", { level: 1, name: exerciseTitle }).waitFor();
      await expectAccessible(phone, "exercise, empty");

      await phone.getByLabel("Money: Past").fill("Two credit cards at their limit.");
      await phone
        .getByLabel("Money: Future, if nothing changes")
        .fill("The savings for the flat would be gone.");
      await phone.getByRole("button", { name: "Save draft" }).click();
      await phone.getByText("Draft saved. You can come back to it any time.").waitFor();

      // The draft survives leaving the page.
      await phone.goto(`${server.url}/exercises`);
      await phone.getByText("Draft saved", { exact: true }).waitFor();
      await phone.getByRole("link", { name: `Carry on with ${exerciseTitle}` }).click();
      await expect
        .poll(() => phone.getByLabel("Money: Past").inputValue())
        .toBe("Two credit cards at their limit.");

      // Handing in too early names what is left.
      await phone.getByRole("button", { name: "Hand in to my clinician" }).click();
      await phone
        .getByText(/A few prompts still need an answer: "Which consequence weighs on me most, and why"/)
        .waitFor();
      await expectAccessible(phone, "exercise, a prompt still empty");

      await phone
        .getByLabel("Which consequence weighs on me most, and why")
        .fill("The debt, because my partner does not know.");
      await phone.getByRole("button", { name: "Hand in to my clinician" }).click();
      await phone.getByText("Handed in. Your clinician will read it and may leave a comment.").waitFor();
      await expectAccessible(phone, "exercise, handed in");
    });

    it("lets the clinician read it and review it with a comment", async () => {
      await page.goto(clientPageUrl);
      const card = exercises()
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { name: exerciseTitle }) });
      await card.getByText("Submitted", { exact: true }).waitFor();
      await card.getByText("Two credit cards at their limit.").waitFor();
      await card.getByLabel(`Comment for the client on ${exerciseTitle}`).fill(comment);
      await card.getByRole("button", { name: "Mark reviewed" }).click();
      await card.getByText(`Reviewed by ${clinician.name}: ${comment}`).waitFor();
      await card.getByText("Reviewed", { exact: true }).waitFor();
      await expectAccessible(page, "client page, exercise reviewed");
    });

    it("shows the client the clinician's comment", async () => {
      await phone.goto(`${server.url}/exercises`);
      await phone.getByRole("heading", { level: 2, name: "Handed in" }).waitFor();
      await phone.getByText(`${clinician.name} wrote: ${comment}`).waitFor();
      await expectAccessible(phone, "exercises, reviewed");
      await phone.getByRole("link", { name: `Open ${exerciseTitle}` }).click();
      await phone.getByRole("heading", { level: 2, name: "From your clinician" }).waitFor();
      await phone.getByText(`${clinician.name} read it: ${comment}`).waitFor();
      await phone.getByText("Your clinician has read this exercise.").waitFor();
      await expectAccessible(phone, "exercise, with the clinician's comment");
    });

    it("offers the healthy-sexuality answers to the circles, adding only what the client confirms", async () => {
      const sexuality = "My healthy sexuality";
      await page.goto(clientPageUrl);
      await exercises().getByLabel("Exercise", { exact: true }).selectOption({ label: sexuality });
      await exercises().getByRole("button", { name: "Assign exercise" }).click();
      await exercises()
        .getByText(new RegExp(`^${sexuality} assigned`))
        .waitFor();

      await phone.goto(`${server.url}/exercises`);
      await phone.getByRole("link", { name: `Start ${sexuality}` }).click();
      await phone.getByRole("heading", { level: 1, name: sexuality }).waitFor();
      await phone
        .getByLabel("In my own words, healthy sexuality for me means")
        .fill("Honest, kind and shared.");
      await phone
        .getByLabel("Healthy behaviours I want more of")
        .fill("Evening walks together\nCooking for friends");
      await phone.getByLabel("Behaviours I choose to stop").fill("Paid chat sites");
      await phone.getByRole("button", { name: "Hand in to my clinician" }).click();
      await phone.getByRole("heading", { level: 2, name: "Add these to your circles?" }).waitFor();
      await expectAccessible(phone, "healthy sexuality, circle offer");
      await phone.getByRole("checkbox", { name: "Outer circle: Cooking for friends" }).uncheck();
      await phone.getByRole("button", { name: "Add to my circles" }).click();
      await phone.getByText("Added. Your circles are now at version 1.").waitFor();

      await phone.goto(`${server.url}/circles`);
      await phone.getByRole("heading", { level: 1, name: "Your three circles" }).waitFor();
      await expect.poll(() => phone.getByText("Evening walks together").count()).toBeGreaterThan(0);
      expect(await phone.getByText("Paid chat sites").count()).toBeGreaterThan(0);
      expect(await phone.getByText("Cooking for friends").count()).toBe(0);
    });

    it("lets the clinician write a DAP note, sign and lock it, and add an addendum", async () => {
      await page.goto(clientPageUrl);
      await notes().getByText("No notes yet.").waitFor();
      await notes().getByLabel("Template").selectOption("dap");
      await notes()
        .getByLabel("Data", { exact: true })
        .fill("Kit handed in the consequences exercise and talked about debt.");
      await notes()
        .getByLabel("Assessment", { exact: true })
        .fill("More open about money; shame is lower than last month.");
      await notes()
        .getByLabel("Plan", { exact: true })
        .fill("Meet next week; talk about telling their partner.");
      await notes().getByRole("button", { name: "Save draft note" }).click();
      await notes().getByText("Draft saved. Sign it when it is ready.").waitFor();
      const card = notes()
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { name: /^DAP note, / }) });
      await card.getByText("Draft", { exact: true }).waitFor();
      await expectAccessible(page, "client page, draft note");

      await card.getByRole("button", { name: "Sign and lock" }).click();
      await card.getByText("Signed and locked").waitFor();
      await card.getByText(new RegExp(`^Signed by ${clinician.name} on .+\\. SHA-256`)).waitFor();
      expect(await card.getByRole("button", { name: "Edit draft" }).count()).toBe(0);

      const addendum = "Kit phoned the next day: they told their partner about the debt.";
      await card.getByLabel("Addendum").fill(addendum);
      await card.getByRole("button", { name: "Add signed addendum" }).click();
      await card.getByRole("list", { name: "Addenda" }).getByText(addendum).waitFor();
      await card.getByText(new RegExp(`^Addendum signed by ${clinician.name} on `)).waitFor();
      await expectAccessible(page, "client page, signed note with an addendum");
    });

    it("shows the client their signed note only once the admin shares signed notes", async () => {
      await phone.goto(`${server.url}/exercises`);
      await phone.getByRole("heading", { level: 2, name: "Handed in" }).waitFor();
      expect(await phone.getByRole("heading", { name: "Notes from your sessions" }).count()).toBe(0);

      await signOut(page);
      await signIn(page, admin);
      await page.getByRole("link", { name: "Recovery words" }).click();
      await page.getByRole("heading", { level: 2, name: "Progress notes" }).waitFor();
      const share = page.getByRole("switch", { name: "Share signed notes with clients" });
      // The sections above load on their own; wait for them so the switch does not move under the click.
      await page.getByRole("button", { name: "Save the words" }).waitFor();
      expect(await share.isChecked()).toBe(false);
      // The switch follows the saved setting, so it turns on once the server has stored it.
      await share.click();
      await page.getByText("Clients can now read their signed notes.").waitFor();
      expect(await share.isChecked()).toBe(true);
      await expectAccessible(page, "recovery words, notes shared");

      await phone.reload();
      await phone.getByRole("heading", { level: 2, name: "Notes from your sessions" }).waitFor();
      await phone.getByText("Kit phoned the next day: they told their partner about the debt.").waitFor();
      await phone.getByText(`Signed by ${clinician.name}`, { exact: false }).waitFor();
      await expectAccessible(phone, "exercises with shared session notes");

      expect(watches[0]?.errors).toEqual([]);
      // The phone sent one 400 on purpose: handing the exercise in with a prompt still empty.
      expect(watches[1]?.errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
      expect(watches[1]?.errors.filter((error) => /status of 400/.test(error))).toHaveLength(1);
      for (const watch of watches) expect(watch.foreign).toEqual([]);
    });
  });
}
