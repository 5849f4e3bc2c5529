import fs from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { bringInClinicianAndClient, openClientFromCaseload } from "./people.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn } from "./staff.js";

const programme = "Millrace Treatment Centre (test)";

/**
 * Issue 7's whole flow: the intake's problem list becomes the plan's problems, the library fills the
 * goals, the plan check catches a vague objective, clinician and client (on a phone) sign, a progress
 * note links two objectives, a reviewed exercise moves its objective, and the PDF carries the signed plan.
 */
for (const dialect of featureDialects(["sqlite"])) {
  describe(`treatment flow: intake → plan → signatures → notes and exercises → PDF [${dialect}]`, () => {
    let server: RunningServer;
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
      password: "the weir hums after the rain",
    };
    const clinician: Person = {
      name: "Ash Penrose",
      email: "ash.penrose@example.org",
      password: "a kingfisher on the sluice gate",
    };
    const client: Person = {
      name: "Riley Marsh",
      email: "riley.marsh@example.org",
      password: "stepping stones across the ford",
    };

    const behavioursEvidence = "Most nights for three years, kept from his partner.";
    const checkIns = "Check in daily, noting any middle-circle behaviour.";
    const inventory = "Complete the consequences inventory across life areas for past, present and future.";
    const vague = "Feel calmer in the evenings";
    const exerciseTitle = "Consequences across my life";

    const planPanel = () => page.getByRole("region", { name: "Treatment plan" });
    const planCheck = () => page.getByRole("region", { name: "Plan check" });
    const notes = () => page.getByRole("region", { name: "Progress notes" });
    const exercises = () => page.getByRole("region", { name: "Recovery exercises" });
    const clientId = () => new URL(clientPageUrl).pathname.split("/").pop() ?? "";

    /** Reads a downloaded PDF's text (the writer keeps text as literal strings). */
    const download = async (on: Page, link: string) => {
      const [file] = await Promise.all([
        on.waitForEvent("download"),
        on.getByRole("link", { name: link }).click(),
      ]);
      return fs.readFileSync((await file.path()) ?? "").toString("latin1");
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

    it("brings a clinician and a client in", async () => {
      await signIn(page, admin, server.url);
      await bringInClinicianAndClient(page, phone, server.url, clinician, client);
    });

    it("signs off a short intake (set up through the API) with a severe and a moderate problem", async () => {
      clientPageUrl = await openClientFromCaseload(page, server.url, client);
      // The intake's own browser test covers its form; here the clinician's answers go in directly.
      const result = await page.evaluate(
        async ({ id, evidence }) => {
          const base = `/api/clients/${id}/intake`;
          const intake = await (await fetch(base)).json();
          const areas: Record<string, { severity: string; summary?: string }> = {};
          for (const area of intake.areas as { area: string }[]) areas[area.area] = { severity: "none" };
          areas.behaviours = { severity: "severe", summary: evidence };
          areas.money = { severity: "moderate", summary: "Debt from paid sites." };
          const saved = await fetch(base, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ areas }),
          });
          const finalised = await fetch(`${base}/finalise`, { method: "POST" });
          const problems = await (await fetch(`${base}/problems`)).json();
          return { saved: saved.status, finalised: finalised.status, problems };
        },
        { id: clientId(), evidence: behavioursEvidence },
      );
      expect([result.saved, result.finalised]).toEqual([200, 200]);
      expect(
        (result.problems as { title: string; severity: string }[]).map((p) => [p.title, p.severity]),
      ).toEqual([
        ["Compulsive sexual behaviour", "severe"],
        ["Consequences for money", "moderate"],
      ]);
    });

    it("builds the plan from the intake's problems and the library; the check catches a vague objective", async () => {
      await page.goto(clientPageUrl);
      await planPanel().getByRole("button", { name: "Start a treatment plan" }).click();
      // The intake's severe problem is named before the plan holds any problem.
      await planCheck()
        .getByText(/The intake rates "Compulsive sexual behaviour" severe and the plan does not include it/)
        .waitFor();
      await expectAccessible(page, "treatment flow, new plan");

      await planPanel().getByRole("button", { name: "Add the intake's problems" }).click();
      expect(await page.getByLabel("Problem 1 title").inputValue()).toBe("Compulsive sexual behaviour");
      expect(await page.getByLabel("Problem 1 severity").inputValue()).toBe("severe");
      expect(await page.getByLabel("Problem 2 title").inputValue()).toBe("Consequences for money");
      await planPanel().getByText(`From the intake: ${behavioursEvidence}`).waitFor();
      // Everything is in: the button rests, so nothing is added twice.
      expect(await planPanel().getByRole("button", { name: "Add the intake's problems" }).isDisabled()).toBe(
        true,
      );
      await planCheck()
        .getByText(/Problem "Compulsive sexual behaviour" is rated severe and has no goal yet/)
        .waitFor();

      await page
        .getByLabel("Goal for problem 1")
        .selectOption({ label: "Sobriety: Step away from the behaviours I want to stop" });
      await planPanel().getByRole("button", { name: "Add goal to problem 1" }).click();
      await page
        .getByLabel("Goal for problem 2")
        .selectOption({ label: "Consequences: Face the harm honestly" });
      await planPanel().getByRole("button", { name: "Add goal to problem 2" }).click();
      expect(await page.getByLabel("Objective 3 description").inputValue()).toBe(inventory);
      await page.getByLabel("Goal 1 in the client's own words").fill("I want my nights back.");
      await page
        .getByLabel("Goal 2 in the client's own words")
        .fill("To look at what the debt has done without looking away.");
      for (const n of [1, 2, 3]) await page.getByLabel(`Objective ${n} target date`).fill("2027-03-01");

      // A vague objective of the clinician's own: no measure, no number, no date.
      await planPanel().getByRole("button", { name: "Add an objective to goal 1" }).click();
      await page.getByLabel("Objective 4 description").fill(vague);
      await planCheck()
        .getByText(new RegExp(`Objective "${vague}" needs a measurable target`))
        .waitFor();
      await planCheck()
        .getByText(new RegExp(`Objective "${vague}" needs a target date`))
        .waitFor();
      await planPanel().getByRole("button", { name: "Save the draft" }).click();
      await planPanel().getByText("Draft saved.").waitFor();
      expect(await planPanel().getByRole("button", { name: "Sign as clinician" }).isDisabled()).toBe(true);
      await expectAccessible(page, "treatment flow, the check finds a vague objective");

      await page.getByLabel("Objective 4 measured by").fill("Evenings rated calm in the check-in");
      await page.getByLabel("Objective 4 target", { exact: true }).fill("4 evenings a week");
      await page.getByLabel("Objective 4 target date").fill("2027-03-01");
      await planCheck()
        .getByText(/Every objective is measurable and dated/)
        .waitFor();
      await planPanel().getByRole("button", { name: "Save the draft" }).click();
      await planPanel().getByText("Draft saved.").waitFor();
      await planPanel().getByRole("button", { name: "Sign as clinician" }).click();
      await planPanel().getByText("Version 1: waiting for client to sign.").waitFor();
      await expectAccessible(page, "treatment flow, signed by the clinician");
    });

    it("lets the client read and sign the plan on a phone", async () => {
      await phone.goto(`${server.url}/`);
      await phone.getByRole("link", { name: "My plan", exact: true }).click();
      await phone.getByRole("heading", { level: 1, name: "My plan" }).waitFor();
      await phone.getByRole("heading", { name: /Compulsive sexual behaviour/ }).waitFor();
      await phone.getByText(vague).waitFor();
      await expectAccessible(phone, "treatment flow, my plan to sign");
      await phone.getByRole("button", { name: "Sign my plan" }).click();
      await phone.getByText("Version 1 is signed by you and your care team.").waitFor();
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await expectAccessible(phone, "treatment flow, my plan signed");
    });

    it("writes a progress note that links two of the plan's objectives", async () => {
      await page.goto(clientPageUrl);
      await planPanel().getByText("Version 1: signed and locked.").waitFor();
      await notes().getByLabel("Template").selectOption("dap");
      await notes().getByLabel("Data", { exact: true }).fill("Riley kept the check-ins going all week.");
      await notes()
        .getByLabel("Assessment", { exact: true })
        .fill("Evenings are calmer; still tense on Sundays.");
      await notes().getByLabel("Plan", { exact: true }).fill("Start the consequences inventory.");
      // The plan's objectives are offered by description.
      await notes().getByRole("checkbox", { name: checkIns }).check();
      await notes().getByRole("checkbox", { name: vague }).check();
      expect(await notes().getByRole("checkbox", { name: inventory }).isChecked()).toBe(false);
      await notes().getByRole("button", { name: "Save draft note" }).click();
      await notes().getByText("Draft saved. Sign it when it is ready.").waitFor();
      const card = notes()
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { name: /^DAP note, / }) });
      const linked = card.getByRole("listitem");
      await expect.poll(() => linked.allTextContents()).toEqual([checkIns, vague]);
      await card.getByRole("button", { name: "Sign and lock" }).click();
      await card.getByText("Signed and locked").waitFor();
      await expectAccessible(page, "treatment flow, note linked to two objectives");
    });

    it("assigns an exercise toward an objective; completed and reviewed, it moves that objective", async () => {
      const progress = (n: number) =>
        planPanel().getByText(
          new RegExp(`^Now ${n} \\(Exercises for this objective, completed and reviewed\\): `),
        );
      await progress(0).waitFor();
      await exercises().getByLabel("Exercise", { exact: true }).selectOption({ label: exerciseTitle });
      await exercises().getByLabel("Plan objective it works toward").selectOption({ label: inventory });
      await exercises().getByRole("button", { name: "Assign exercise" }).click();
      await exercises()
        .getByText(new RegExp(`^${exerciseTitle} assigned, due `))
        .waitFor();
      await exercises().getByText(`Works toward: ${inventory}`).waitFor();
      await expectAccessible(page, "treatment flow, exercise assigned toward an objective");

      await phone.goto(`${server.url}/exercises`);
      await phone.getByRole("link", { name: `Start ${exerciseTitle}` }).click();
      await phone.getByRole("heading", { level: 1, name: exerciseTitle }).waitFor();
      await phone.getByLabel("Money: Past").fill("Two cards at their limit.");
      await phone
        .getByLabel("Which consequence weighs on me most, and why")
        .fill("The debt, because it is a secret.");
      await phone.getByRole("button", { name: "Hand in to my clinician" }).click();
      await phone.getByText("Handed in. Your clinician will read it and may leave a comment.").waitFor();
      await expectAccessible(phone, "treatment flow, exercise handed in");

      await page.reload();
      // Handed in is not yet complete: the objective still shows none.
      await progress(0).waitFor();
      const card = exercises()
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { name: exerciseTitle }) });
      await card.getByLabel(`Comment for the client on ${exerciseTitle}`).fill("Honest work, thank you.");
      await card.getByRole("button", { name: "Mark reviewed" }).click();
      await card.getByText("Reviewed", { exact: true }).waitFor();
      await progress(1).waitFor();
      await planPanel()
        .getByText(/^Now 1 \(Exercises for this objective, completed and reviewed\): target reached\.$/)
        .waitFor();
      await expectAccessible(page, "treatment flow, exercise reviewed and counted");
    });

    it("prints the signed plan with both signatures", async () => {
      const pdf = await download(page, "Download the signed plan (PDF)");
      expect(pdf.startsWith("%PDF-1.4")).toBe(true);
      expect(pdf).toContain("Problem 1: Compulsive sexual behaviour");
      expect(pdf).toContain(vague);
      expect(pdf).toMatch(new RegExp(`\\(Clinician: ${clinician.name}, \\d{4}-\\d{2}-\\d{2} `));
      expect(pdf).toMatch(new RegExp(`\\(Client: ${client.name}, \\d{4}-\\d{2}-\\d{2} `));
      expect(pdf.match(/\([0-9a-f]{64}\)/g) ?? []).toHaveLength(2);

      for (const watch of watches) {
        expect(watch.errors).toEqual([]);
        expect(watch.foreign).toEqual([]);
      }
    });
  });
}
