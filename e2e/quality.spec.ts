import path from "node:path";
import { uuidv7 } from "@lantern/domain";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../apps/api/src/db/dialect.js";
import { buildClinician } from "../apps/api/test/builders.js";
import { secondQuarterOutcomes, seedOutcomeClient } from "../apps/api/test/quality-seed.js";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn } from "./staff.js";

const programme = "Quayside Recovery (test)";

for (const dialect of featureDialects(["sqlite"])) {
  describe(`programme quality: credentials move the 75 % figure, outcomes, a public profile [${dialect}]`, () => {
    let server: RunningServer;
    let staffBrowser: BrowserContext;
    let publicBrowser: BrowserContext;
    let page: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let closeProgramme = async () => {};
    let programmePath = "";
    const clinicianNames: string[] = [];
    const slug = "quayside-recovery";

    const admin: Person = {
      name: "Avery Admin",
      email: "avery.admin@example.org",
      password: "lighthouses keep a patient watch",
    };

    /**
     * The months of history a real programme would have (four clinicians; thirteen clients admitted and
     * discharged in the second quarter of 2026 with their questionnaires and ledgers) are written straight
     * into the server's database; everything after that goes through the browser.
     */
    const seedHistory = async () => {
      const db = await openDatabase({ kind: "sqlite", file: path.join(server.dataDir, "lantern.sqlite") });
      try {
        const k = db.kysely;
        const org = await k.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
        const adminRow = await k
          .selectFrom("users")
          .select("id")
          .where("email", "=", admin.email)
          .executeTakeFirstOrThrow();
        for (let i = 0; i < 4; i++) clinicianNames.push((await buildClinician(db, org.id)).name);
        const trackId = uuidv7();
        await k
          .insertInto("tracks")
          .values({
            id: trackId,
            organisation_id: org.id,
            name: "Outpatient",
            kind: "outpatient",
            csb_dedicated: true,
            gender_designation: "men",
            created_at: new Date(),
          })
          .execute();
        for (const [i, outcome] of secondQuarterOutcomes().entries()) {
          const day = `2026-04-${String(1 + i * 2).padStart(2, "0")}`;
          await seedOutcomeClient(db, org.id, adminRow.id, trackId, day, "2026-06-20", outcome);
        }
      } finally {
        await db.close();
      }
    };

    const certifiedFigure = () => page.getByTestId("figure-certified_staff");

    beforeAll(async () => {
      ({ server, close: closeProgramme } = await startProgramme(dialect, programme, admin));
      await seedHistory();
      staffBrowser = await openBrowser({ width: 1280, height: 900 });
      page = staffBrowser.pages()[0] ?? (await staffBrowser.newPage());
      publicBrowser = await openBrowser({ width: 390, height: 844 });
      watches = [watchPage(page, server.url)];
    });

    afterAll(async () => {
      await staffBrowser?.close();
      await publicBrowser?.close();
      await closeProgramme();
    });

    it("shows the six criteria with evidence; nobody is certified yet", async () => {
      await signIn(page, admin, server.url);
      await page.getByRole("link", { name: "Programme quality" }).click();
      await page.getByRole("heading", { level: 1, name: "Programme quality" }).waitFor();
      programmePath = new URL(page.url()).pathname.replace(/\/quality$/, "");
      await expect.poll(() => certifiedFigure().textContent()).toBe("0 %");
      for (const title of [
        "A dedicated programme",
        "Treating staff certified as sexual-addiction specialists",
        "A track record",
        "Addiction and mental-health specialists both on staff",
        "Gender-separate treatment",
        "A family component",
      ])
        await page.getByRole("heading", { level: 2, name: title, exact: true }).waitFor();
      await page.getByText("No family or partner programme track is set up.").waitFor();
      await page.getByText(/0 former clients volunteer/).waitFor();
      await expectAccessible(page, "quality dashboard");
    });

    it("lets the admin record credentials, refusing an expiry before the issue date; the 75 % figure moves", async () => {
      await page.goto(`${server.url}${programmePath}/credentials`);
      await page.getByRole("heading", { level: 1, name: "Staff credentials" }).waitFor();
      await expectAccessible(page, "staff credentials");
      const record = async (name: string, expiresOn: string) => {
        await page.getByLabel("Staff member").selectOption({ label: name });
        await page.getByLabel("Kind of credential").selectOption({ value: "sex_addiction_specialist" });
        await page.getByLabel("Issued by").fill("A certifying body");
        await page.getByLabel("Credential number").fill(`C-${name.length}-${expiresOn}`);
        await page.getByLabel("Issued on").fill("2024-01-15");
        await page.getByLabel("Expires on").fill(expiresOn);
        await page.getByRole("button", { name: "Record the credential" }).click();
      };
      await record(clinicianNames[0] as string, "2023-12-31");
      await page
        .getByRole("alert")
        .getByText(/^expiresOn: /)
        .waitFor();
      await record(clinicianNames[0] as string, "2030-01-31");
      await page.getByText("Credential recorded.").waitFor();
      await page.getByRole("cell", { name: "Current", exact: true }).waitFor();
      await expectAccessible(page, "staff credentials, one recorded");
      await record(clinicianNames[1] as string, "2030-01-31");
      await page.getByText("Credential recorded.").waitFor();

      await page.goto(`${server.url}${programmePath}/quality`);
      await expect.poll(() => certifiedFigure().textContent()).toBe("50 %");

      await page.goto(`${server.url}${programmePath}/credentials`);
      await record(clinicianNames[2] as string, "2030-01-31");
      await page.getByText("Credential recorded.").waitFor();
      await page.goto(`${server.url}${programmePath}/quality`);
      await expect.poll(() => certifiedFigure().textContent()).toBe("75 %");
      const card = page.getByRole("region", {
        name: "Treating staff certified as sexual-addiction specialists",
      });
      await card.getByText("Met", { exact: true }).waitFor();
    });

    it("renders the outcome report with a suppressed figure and offers the CSV", async () => {
      const report = page.getByRole("region", { name: "Outcome report" });
      await report.getByLabel("Cohort by").selectOption({ value: "admission" });
      await report.getByLabel("Quarter").fill("2026-Q2");
      await report.getByRole("button", { name: "Show the report" }).click();
      await report.getByText(/^13 clients/).waitFor();
      await report
        .getByRole("row", { name: /GAD-7 mean at the latest follow-up/ })
        .getByText("Not shown (fewer than 11 clients)")
        .waitFor();
      const clients = await report.locator("tbody tr td:nth-child(3)").allTextContents();
      expect(clients.filter((c) => c !== "").every((c) => Number(c) >= 11)).toBe(true);
      // The chart draws the means it may show and says which one is withheld.
      const chart = report.getByRole("img", { name: /^Mean scores of the 2026-Q2 cohort/ });
      expect(await chart.getAttribute("aria-labelledby")).toBeTruthy();
      const summary = (await chart.locator("title").textContent()) ?? "";
      expect(summary).toContain("GAD-7");
      expect(summary).toContain("not shown (fewer than 11 clients) at the latest follow-up");
      expect(await chart.locator("rect").count()).toBe(3);
      const href = await report
        .getByRole("link", { name: "Download the report as CSV" })
        .getAttribute("href");
      const csv = await page.request.get(`${server.url}${href}`);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain("GAD-7 mean at the latest follow-up,suppressed,,");
      await expectAccessible(page, "outcome report");
    });

    it("publishes the profile, which renders signed out with no cell under 11", async () => {
      const profile = page.getByRole("region", { name: "Public profile" });
      await profile.getByLabel("Address").fill(slug);
      await profile.getByRole("button", { name: "Save the profile settings" }).click();
      await profile.getByText("Profile settings saved.").waitFor();
      await profile.getByRole("button", { name: "Publish the profile" }).click();
      await profile
        .getByRole("alert")
        .getByText(/no snapshot/)
        .waitFor();
      await profile.getByRole("button", { name: "Work out the figures now" }).click();
      await profile.getByText("Figures worked out.").waitFor();
      await profile.getByRole("button", { name: "Publish the profile" }).click();
      await profile.getByText("Profile published.").waitFor();
      await profile.getByText(`Published at /p/${slug}.`, { exact: false }).waitFor();

      const visitor = publicBrowser.pages()[0] ?? (await publicBrowser.newPage());
      watches.push(watchPage(visitor, server.url));
      await visitor.goto(`${server.url}/p/${slug}`);
      await visitor.getByRole("heading", { level: 1, name: programme }).waitFor();
      await visitor
        .getByRole("heading", { level: 2, name: "Treating staff certified as sexual-addiction specialists" })
        .waitFor();
      await visitor.getByText("75 %", { exact: true }).waitFor();
      await visitor.getByRole("heading", { level: 3, name: "2026-Q2" }).waitFor();
      await visitor.getByText(/2026-Q4: fewer than 11 people were discharged/).waitFor();
      const cells = await visitor.locator("tbody tr td:nth-child(3)").allTextContents();
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.filter((c) => c !== "").every((c) => Number(c) >= 11)).toBe(true);
      await expectAccessible(visitor, "public programme profile (signed out)");
    });

    it("made no third-party requests and logged no errors", () => {
      // The one refusal on purpose (an expiry before the issue date) is the only error the browser logged.
      const [staff, ...others] = watches;
      expect(staff?.errors).toEqual([
        "Failed to load resource: the server responded with a status of 400 (Bad Request)",
      ]);
      for (const w of [staff, ...others]) expect(w?.foreign).toEqual([]);
      for (const w of others) expect(w.errors).toEqual([]);
    });
  });
}
