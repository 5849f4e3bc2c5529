import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn, signOut } from "./staff.js";

const programme = "Harbour Light (test)";

for (const dialect of featureDialects(["sqlite"])) {
  describe(`questionnaires: a clinician assigns PHQ-9 and GAD-7, the client answers on a phone [${dialect}]`, () => {
    let server: RunningServer;
    let staffBrowser: BrowserContext;
    let clientBrowser: BrowserContext;
    let page: Page;
    let phone: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let closeProgramme = async () => {};
    let clientPageUrl = "";

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

    /** Picks an answer to question n and waits until the draft is saved. */
    const answer = async (n: number, option: string) => {
      const saved = phone.waitForResponse(
        (r) => r.request().method() === "PUT" && r.url().includes("/assessments/") && r.status() === 200,
      );
      await phone
        .getByRole("radiogroup", { name: new RegExp(`^${n}\\. `) })
        .getByRole("radio", { name: option, exact: true })
        .check();
      await saved;
    };

    const openQuestionnaire = async (name: RegExp) => {
      await phone.goto(`${server.url}/questionnaires`);
      await phone.getByRole("heading", { level: 1, name: "Questionnaires" }).waitFor();
      await phone
        .getByRole("listitem")
        .filter({ has: phone.getByRole("heading", { name }) })
        .getByRole("link")
        .click();
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

    it("brings a client in through a clinician's in-person code", async () => {
      await signIn(page, admin, server.url);
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
      await phone.getByRole("heading", { level: 2, name: "Your days" }).waitFor();
    });

    it("lets the clinician assign PHQ-9 and GAD-7", async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("link", { name: client.name }).click();
      await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
      clientPageUrl = page.url();
      const panel = page.getByRole("region", { name: "Questionnaires" });
      await panel.getByText("None assigned yet.").waitFor();
      await panel.getByRole("button", { name: "Assign PHQ-9 (mood)" }).click();
      await panel.getByText("PHQ-9 (mood) assigned.").waitFor();
      await panel.getByRole("button", { name: "Assign GAD-7 (worry and anxiety)" }).click();
      await panel.getByText("GAD-7 (worry and anxiety) assigned.").waitFor();
      await expect.poll(() => panel.getByRole("row").count()).toBe(3);
      await expectAccessible(page, "client page, questionnaires assigned");
    });

    it("lets the client answer PHQ-9 on a phone, keeping a draft, and offers the safety plan", async () => {
      await phone.goto(`${server.url}/`);
      await phone.getByRole("link", { name: "Questionnaires" }).click();
      await phone.getByRole("heading", { level: 1, name: "Questionnaires" }).waitFor();
      await expectAccessible(phone, "questionnaires, two to do");

      await openQuestionnaire(/PHQ-9/);
      await phone.getByRole("heading", { level: 1, name: "PHQ-9 (mood)" }).waitFor();
      await expectAccessible(phone, "PHQ-9, empty");
      await answer(1, "Several days");
      await answer(2, "More than half the days");

      // The draft survives leaving the page.
      await phone.goto(`${server.url}/questionnaires`);
      await phone.getByText("Your answers so far are saved.").waitFor();
      await openQuestionnaire(/PHQ-9/);
      await expect
        .poll(() =>
          phone
            .getByRole("radiogroup", { name: /^2\. / })
            .getByRole("radio", { name: "More than half the days", exact: true })
            .isChecked(),
        )
        .toBe(true);

      // Finishing too early names what is left.
      await phone.getByRole("button", { name: "Finish and see my score" }).click();
      await phone.getByText("A few questions still need an answer. They are marked above.").waitFor();
      await expectAccessible(phone, "PHQ-9, incomplete");

      for (const n of [3, 4, 5, 6, 7, 8, 9]) await answer(n, "Several days");
      await answer(10, "Somewhat difficult");
      await phone.getByRole("button", { name: "Finish and see my score" }).click();
      await phone.getByText("Thank you for telling us").waitFor();
      await phone.getByRole("link", { name: "Open your safety plan" }).waitFor();
      await phone.getByRole("link", { name: "SOS and crisis line" }).waitFor();
      await phone.getByText("10 out of 27, in the moderate range.").waitFor();
      await expectAccessible(phone, "PHQ-9, score and safety offer");
    });

    it("lets the client answer GAD-7 and see both scores", async () => {
      await openQuestionnaire(/GAD-7/);
      await phone.getByRole("heading", { level: 1, name: "GAD-7 (worry and anxiety)" }).waitFor();
      for (const n of [1, 2, 3, 4, 5, 6, 7]) await answer(n, "More than half the days");
      await phone.getByRole("button", { name: "Finish and see my score" }).click();
      await phone.getByText("14 out of 21, in the moderate range.").waitFor();
      expect(await phone.getByText("Thank you for telling us").count()).toBe(0);
      await expectAccessible(phone, "GAD-7, score");

      await phone.getByRole("link", { name: "Back to your questionnaires" }).click();
      await phone.getByRole("heading", { level: 1, name: "Questionnaires" }).waitFor();
      await phone.getByText(/Your score: 10 out of 27, in the moderate range/).waitFor();
      await phone.getByText(/Your score: 14 out of 21, in the moderate range/).waitFor();
      await phone.getByRole("link", { name: "Your safety plan" }).waitFor();
      await expectAccessible(phone, "questionnaires, both done");
    });

    it("shows the clinician the scores and the safety flag on the caseload", async () => {
      await page.goto(clientPageUrl);
      const panel = page.getByRole("region", { name: "Questionnaires" });
      await panel.getByText("PHQ-9 item 9 above 0").waitFor();
      const phqRow = panel.getByRole("row").filter({ hasText: "PHQ-9 (mood)" });
      await phqRow.getByRole("cell", { name: "10", exact: true }).waitFor();
      await phqRow.getByText("Safety flag").waitFor();
      const gadRow = panel.getByRole("row").filter({ hasText: "GAD-7" });
      await gadRow.getByRole("cell", { name: "14", exact: true }).waitFor();
      expect(await gadRow.getByRole("cell", { name: "Moderate" }).count()).toBe(1);
      await expectAccessible(page, "client page, questionnaire results");

      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("heading", { level: 1, name: "Your caseload" }).waitFor();
      await page
        .getByText(/PHQ-9 item 9 answered above 0 on \d{4}-\d{2}-\d{2}: check in with them/)
        .waitFor();
      await expectAccessible(page, "caseload with the safety flag");

      expect(watches[0]?.errors).toEqual([]);
      // The phone sent one 400 on purpose: finishing PHQ-9 before every question was answered.
      expect(watches[1]?.errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
      expect(watches[1]?.errors.filter((error) => /status of 400/.test(error))).toHaveLength(1);
      for (const watch of watches) expect(watch.foreign).toEqual([]);
    });
  });
}
