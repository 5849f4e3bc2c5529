import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { bringInClinicianAndClient } from "./people.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn } from "./staff.js";

const programme = "Northgate Recovery (test)";

const areaTitles = [
  "What brings you here",
  "Sexual history timeline",
  "Behaviours",
  "Health",
  "Relationships",
  "Work and study",
  "Money",
  "Legal matters",
  "Alcohol and other substances",
  "Mental health",
  "Trauma and family of origin",
  "Strengths",
  "Support around you",
  "Ready for change",
];

for (const dialect of featureDialects(["postgres"])) {
  describe(`intake: the client pre-fills on a phone, the clinician completes, rates and signs off [${dialect}]`, () => {
    let server: RunningServer;
    let staffBrowser: BrowserContext;
    let clientBrowser: BrowserContext;
    let page: Page;
    let phone: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let closeProgramme = async () => {};

    const admin: Person = {
      name: "Robin Admin",
      email: "robin.admin@example.org",
      password: "the harbour wall holds at night",
    };
    const clinician: Person = {
      name: "Jo Hartley",
      email: "jo.hartley@example.org",
      password: "slow rivers carve deep valleys",
    };
    const client: Person = {
      name: "Casey Lund",
      email: "casey.lund@example.org",
      password: "green shoots after a long winter",
    };

    const intakeSaved = (on: Page) =>
      on.waitForResponse(
        (r) =>
          r.request().method() === "PUT" && /\/intake$/.test(new URL(r.url()).pathname) && r.status() === 200,
      );
    const section = (on: Page, title: string) => on.getByRole("region", { name: title, exact: true });

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

    it("brings a client in through a clinician's in-person code", async () => {
      await signIn(page, admin, server.url);
      await bringInClinicianAndClient(page, phone, server.url, clinician, client);
    });

    it("lets the client pre-fill parts on a phone, keep them as drafts and mark their part ready", async () => {
      await phone
        .getByRole("navigation", { name: "Your recovery" })
        .getByRole("link", { name: "About you" })
        .click();
      await phone.getByRole("heading", { level: 1, name: "About you" }).waitFor();
      // Only the parts a client fills in themself are offered.
      expect(await phone.getByRole("button", { name: /^Mental health/ }).count()).toBe(0);
      await phone.getByText("0 of 4 answered").first().waitFor();
      await expectAccessible(phone, "about you, empty");

      await phone.getByRole("button", { name: /^What brings you here/ }).click();
      const presenting = section(phone, "What brings you here");
      await presenting
        .getByLabel("What made you reach out")
        .fill("My partner found my browser history and I want to stop hiding.");
      await presenting.getByLabel("What you hope will change").fill("To be honest with the people I love.");
      let saved = intakeSaved(phone);
      await presenting.getByRole("button", { name: "Save this part" }).click();
      await saved;
      await presenting.getByText("Saved. You can come back and change it.").waitFor();
      await phone.getByText("2 of 4 answered").waitFor();

      await phone.getByRole("button", { name: /^Behaviours/ }).click();
      const behaviours = section(phone, "Behaviours");
      await behaviours.getByRole("button", { name: "Add a behaviour" }).click();
      await behaviours.getByLabel("Behaviour (behaviour 1)").fill("Watching porn late at night");
      await behaviours.getByLabel("How often (behaviour 1)").selectOption("daily");
      await behaviours.getByLabel("Last time (behaviour 1)").selectOption("week");
      saved = intakeSaved(phone);
      await behaviours.getByRole("button", { name: "Save this part" }).click();
      await saved;

      await phone.getByRole("button", { name: /^Money/ }).click();
      const money = section(phone, "Money");
      await money.getByRole("radio", { name: "A lot", exact: true }).check();
      await money.getByLabel("What has happened").fill("Credit card debt from paid sites.");
      saved = intakeSaved(phone);
      await money.getByRole("button", { name: "Save this part" }).click();
      await saved;
      await expectAccessible(phone, "about you, three parts written");

      // The drafts survive leaving the page.
      await phone.reload();
      await phone.getByRole("heading", { level: 1, name: "About you" }).waitFor();
      await phone.getByRole("button", { name: /^Behaviours/ }).click();
      expect(await section(phone, "Behaviours").getByLabel("Behaviour (behaviour 1)").inputValue()).toBe(
        "Watching porn late at night",
      );

      await phone.getByRole("button", { name: "My part is ready" }).click();
      await phone.getByText("Your part is ready").waitFor();
      await expectAccessible(phone, "about you, part ready");
    });

    it("lets the clinician see the client's words, complete and rate every area, and sign off", async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("link", { name: client.name }).click();
      await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
      await page
        .getByRole("navigation", { name: "This client's recovery" })
        .getByRole("link", { name: "Intake" })
        .click();
      await page.getByRole("heading", { level: 1, name: `Intake: ${client.name}` }).waitFor();
      await page.getByText(/The client marked their part ready on/).waitFor();
      const presenting = section(page, "What brings you here");
      await presenting.getByText("My partner found my browser history and I want to stop hiding.").waitFor();
      await section(page, "Behaviours")
        .getByText("Watching porn late at night · Most days · In the past week")
        .waitFor();
      await expectAccessible(page, "intake, before the clinician writes");

      // Signing off too early names the unrated areas (one 400 on purpose).
      await page.getByRole("button", { name: "Sign off the intake" }).click();
      await page
        .getByText(/Rate every area first\. Still unrated: What brings you here, Sexual history timeline/)
        .waitFor();

      const mental = section(page, "Mental health");
      await mental
        .getByLabel("Diagnoses and past care")
        .fill("Treated for low mood in 2021; no current care.");
      let saved = intakeSaved(page);
      await mental.getByRole("button", { name: "Save mental health" }).click();
      await saved;

      const behaviours = section(page, "Behaviours");
      await behaviours
        .getByLabel("Summary (the evidence on the problem list)")
        .fill("Daily use late at night for two years, hiding it from his partner.");
      saved = intakeSaved(page);
      await behaviours.getByRole("button", { name: "Save behaviours" }).click();
      await saved;

      const ratings: Record<string, string> = {
        Behaviours: "Severe",
        Money: "Moderate",
        "Mental health": "Mild",
      };
      for (const title of areaTitles) {
        // The rating is saved as it is picked; the radio shows it once the server has stored it.
        const radio = section(page, title).getByRole("radio", {
          name: ratings[title] ?? "None",
          exact: true,
        });
        saved = intakeSaved(page);
        await radio.click();
        await saved;
        await expect.poll(() => radio.isChecked()).toBe(true);
      }
      await expectAccessible(page, "intake, every area rated");

      await page.getByRole("button", { name: "Sign off the intake" }).click();
      await page.getByText(new RegExp(`Signed off by ${clinician.name}`)).waitFor();
      const problems = page.getByRole("list", { name: "Problems, most severe first" });
      await expect.poll(() => problems.locator(":scope > li").count()).toBe(2);
      const first = problems.locator(":scope > li").nth(0);
      await first.getByText("Compulsive sexual behaviour", { exact: true }).waitFor();
      expect(await first.getByLabel("Severity (Compulsive sexual behaviour)").inputValue()).toBe("severe");
      const second = problems.locator(":scope > li").nth(1);
      await second.getByText("Consequences for money", { exact: true }).waitFor();
      expect(await second.getByLabel("Severity (Consequences for money)").inputValue()).toBe("moderate");
      expect(await first.getByLabel("Evidence (Compulsive sexual behaviour)").inputValue()).toBe(
        "Daily use late at night for two years, hiding it from his partner.",
      );
      // Locked after sign-off: the rating radios are disabled.
      expect(
        await section(page, "Health").getByRole("radio", { name: "None", exact: true }).isDisabled(),
      ).toBe(true);
      await expectAccessible(page, "intake, signed off with its problem list");

      // The problem list stays editable: a clearer title for the money problem.
      await second.getByLabel("Title (Consequences for money)").fill("Debt from paid sites");
      await second.getByRole("button", { name: "Save “Consequences for money”" }).click();
      await problems.getByText("Debt from paid sites", { exact: true }).waitFor();

      // The client sees that the intake is complete.
      await phone.reload();
      await phone.getByText("Your clinician has completed the intake").waitFor();
      await expectAccessible(phone, "about you, signed off");

      expect(watches[1]?.errors).toEqual([]);
      expect(watches[0]?.errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
      expect(watches[0]?.errors.filter((error) => /status of 400/.test(error))).toHaveLength(1);
      for (const watch of watches) expect(watch.foreign).toEqual([]);
    });
  });
}
