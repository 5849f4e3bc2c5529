import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../apps/api/test/smtp.js";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn, signOut } from "./staff.js";

const programme = "Quayside Light (test)";

for (const dialect of featureDialects(["postgres"])) {
  describe(`schedules: the intake battery, a phone client, scores, trends and the caseload [${dialect}]`, () => {
    let server: RunningServer;
    let smtp: TestSmtpServer;
    let staffBrowser: BrowserContext;
    let clientBrowser: BrowserContext;
    let page: Page;
    let phone: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let closeProgramme = async () => {};
    let clientPageUrl = "";

    const admin: Person = {
      name: "Morgan Admin",
      email: "morgan.admin@example.org",
      password: "harbour bells ring twice at dusk",
    };
    const clinician: Person = {
      name: "Jo Calder",
      email: "jo.calder@example.org",
      password: "the ferry waits for the last walker",
    };
    const client: Person = {
      name: "Riley Shore",
      email: "riley.shore@example.org",
      password: "gulls circle above the slipway",
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
      watches = [watchPage(page, server.url), watchPage(phone, server.url)];
    });

    afterAll(async () => {
      await staffBrowser?.close();
      await clientBrowser?.close();
      await closeProgramme();
      await smtp?.close();
    });

    it("lets the admin set a PHQ-9 reliable-change threshold with its source", async () => {
      await signIn(page, admin, server.url);
      await page.getByRole("link", { name: "Recovery words" }).click();
      const section = page.getByRole("region", { name: "Reliable change in questionnaire scores" });
      await section.getByLabel("PHQ-9 (mood): points for a reliable change").fill("5");
      await section.getByLabel("PHQ-9 (mood): source of the threshold").fill("Quayside protocol 2026");
      await section.getByRole("button", { name: "Save the PHQ-9 threshold" }).click();
      await section.getByText("Saved the threshold for PHQ-9 (mood).").waitFor();
      await expectAccessible(page, "recovery words with reliable-change thresholds");

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
      await phone.getByRole("heading", { level: 2, name: "Your days" }).waitFor();
    });

    it("lets the clinician schedule the intake battery in one action; the client gets one quiet email", async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("link", { name: client.name }).click();
      await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
      clientPageUrl = page.url();
      const panel = page.getByRole("region", { name: "Questionnaires" });
      const before = smtp.messages.length;
      await panel.getByRole("button", { name: "Schedule the intake battery" }).click();
      await panel
        .getByText("Intake battery scheduled: PHQ-9 and GAD-7 are ready for the client today.")
        .waitFor();
      await panel
        .getByRole("list", { name: "Schedules" })
        .getByText(/At admission .*PHQ-9 and GAD-7/)
        .waitFor();
      await expect.poll(() => panel.getByRole("row").count()).toBe(3);
      await expectAccessible(page, "client page, intake battery scheduled");

      await expect.poll(() => smtp.messages.length).toBe(before + 1);
      const mail = smtp.messages[before];
      expect(mail?.headers.subject).toBe("You have something to fill in in Lantern");
      expect(mail?.to).toEqual([client.email]);
      expect(mail?.raw).not.toMatch(/PHQ|GAD|Quayside|questionnaire|mood|anxiety|treatment|recovery/i);

      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByText("Questionnaire due", { exact: true }).waitFor();
      await expectAccessible(page, "caseload, questionnaires due");
    });

    it("shows the client on a phone the two questionnaires due and the reminder", async () => {
      await phone.goto(`${server.url}/notifications`);
      await phone.getByText("You have something to fill in.").waitFor();
      await expectAccessible(phone, "notifications, something to fill in");
      await phone.getByRole("link", { name: "Open it" }).click();
      await phone.getByRole("heading", { level: 1, name: "Questionnaires" }).waitFor();
      const toDo = phone.getByRole("list", { name: "To fill in" });
      await toDo.getByRole("heading", { name: "PHQ-9 (mood)" }).waitFor();
      await toDo.getByRole("heading", { name: "GAD-7 (worry and anxiety)" }).waitFor();
      await expectAccessible(phone, "questionnaires, intake battery due");
    });

    it("lets the client complete PHQ-9 and GAD-7 and see scores, bands and the trend", async () => {
      await openQuestionnaire(/PHQ-9/);
      await phone.getByRole("heading", { level: 1, name: "PHQ-9 (mood)" }).waitFor();
      for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) await answer(n, "Several days");
      await answer(9, "Not at all");
      await answer(10, "Somewhat difficult");
      await phone.getByRole("button", { name: "Finish and see my score" }).click();
      await phone.getByText("8 out of 27, in the mild range.").waitFor();
      expect(await phone.getByText("Thank you for telling us").count()).toBe(0);
      await expectAccessible(phone, "PHQ-9, score");

      await openQuestionnaire(/GAD-7/);
      await phone.getByRole("heading", { level: 1, name: "GAD-7 (worry and anxiety)" }).waitFor();
      for (const n of [1, 2, 3, 4, 5, 6, 7]) await answer(n, "Several days");
      await phone.getByRole("button", { name: "Finish and see my score" }).click();
      await phone.getByText("7 out of 21, in the mild range.").waitFor();

      await phone.getByRole("link", { name: "Back to your questionnaires" }).click();
      await phone.getByRole("heading", { level: 1, name: "Questionnaires" }).waitFor();
      await phone.getByText(/Your score: 8 out of 27, in the mild range/).waitFor();
      await phone.getByText(/Your score: 7 out of 21, in the mild range/).waitFor();
      await phone.getByRole("heading", { level: 2, name: "Over time" }).waitFor();
      await phone
        .getByRole("img", { name: /^PHQ-9 \(mood\): 1 score, most recently 8 of 27 \(Mild\)/ })
        .waitFor();
      await phone.getByRole("img", { name: /^GAD-7 \(worry and anxiety\): 1 score/ }).waitFor();
      await phone
        .getByText(/at least 5 points from the first score.*source: Quayside protocol 2026/)
        .waitFor();
      await phone.getByText(/No reliable-change threshold is set for this questionnaire/).waitFor();
      await expectAccessible(phone, "questionnaires, both done, with trends");
    });

    it("shows the clinician the scores, the trend and the latest scores on the caseload", async () => {
      await page.goto(clientPageUrl);
      const panel = page.getByRole("region", { name: "Questionnaires" });
      const phqRow = panel.getByRole("row").filter({ hasText: "PHQ-9 (mood)" });
      await phqRow.getByRole("cell", { name: "8", exact: true }).waitFor();
      await phqRow.getByRole("cell", { name: "Mild", exact: true }).waitFor();
      const gadRow = panel.getByRole("row").filter({ hasText: "GAD-7" });
      await gadRow.getByRole("cell", { name: "7", exact: true }).waitFor();
      await panel.getByRole("heading", { name: "PHQ-9 (mood) over time" }).waitFor();
      await panel.getByRole("img", { name: /^PHQ-9 \(mood\): 1 score/ }).waitFor();
      await panel.getByText(/source: Quayside protocol 2026/).waitFor();
      await expectAccessible(page, "client page, results and trends");

      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("heading", { level: 1, name: "Your caseload" }).waitFor();
      await page.getByText(/Latest PHQ-9: 8 \(Mild\)/).waitFor();
      await page.getByText(/Latest GAD-7: 7 \(Mild\)/).waitFor();
      expect(await page.getByText("Questionnaire due", { exact: true }).count()).toBe(0);
      await expectAccessible(page, "caseload with the latest scores");

      for (const watch of watches) {
        expect(watch.errors).toEqual([]);
        expect(watch.foreign).toEqual([]);
      }
    });
  });
}
