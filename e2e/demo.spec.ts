import path from "node:path";
import { localDateOf, quartersEndingAt } from "@lantern/domain";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword, demoPeople, seedDemo } from "../apps/api/src/cli/demo.js";
import { alumniPerQuarter } from "../apps/api/src/cli/demo-programme.js";
import { openDatabase } from "../apps/api/src/db/dialect.js";
import { expectAccessible, openBrowser, type RunningServer, startServer, watchPage } from "./harness.js";
import { type Person, signIn } from "./staff.js";

// The demo programme as a newcomer meets it after `npm run demo`: the admin opens Programme quality
// and every criterion rests on the demo's record; a large quarter's report shows figures and a chart.
describe("the demo programme's quality figures in the browser", () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  let watch: ReturnType<typeof watchPage>;
  const adminRow = demoPeople.find((p) => p.role === "programme_admin");
  const admin: Person = { name: adminRow?.name ?? "", email: adminRow?.email ?? "", password: demoPassword };

  beforeAll(async () => {
    server = await startServer();
    const db = await openDatabase({ kind: "sqlite", file: path.join(server.dataDir, "lantern.sqlite") });
    try {
      expect(await seedDemo(db)).toBe("seeded");
    } finally {
      await db.close();
    }
    browser = await openBrowser({ width: 1280, height: 900 });
    page = browser.pages()[0] ?? (await browser.newPage());
    watch = watchPage(page, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows all six criteria met, with evidence from the demo's record", async () => {
    await signIn(page, admin, server.url);
    await page.getByRole("link", { name: "Programme quality" }).click();
    await page.getByRole("heading", { level: 1, name: "Programme quality" }).waitFor();
    await expect.poll(() => page.getByTestId("figure-certified_staff").textContent()).toBe("83 %");
    await page.getByText(/^\d+ of \d+ admitted clients \(\d+ %\) had a partner or family member/).waitFor();
    await page.getByText(/^5 former clients volunteer/).waitFor();
    await page
      .getByText("No placement or group membership goes against a track's or unit's designation.")
      .waitFor();
    const cards = page.locator("section[aria-labelledby^='criterion-']");
    expect(await cards.count()).toBe(6);
    for (const card of await cards.all()) {
      await card.getByText("Met", { exact: true }).waitFor();
      expect(await card.getByRole("listitem").count()).toBeGreaterThan(0);
    }
    await expectAccessible(page, "quality dashboard of the demo programme");
  });

  it("reports a large quarter with figures and a chart, and refuses a small one", async () => {
    const quarters = quartersEndingAt(localDateOf(new Date(), "Europe/London"), alumniPerQuarter.length + 1);
    const large = alumniPerQuarter.findIndex((n) => n >= 13);
    const small = alumniPerQuarter.findIndex((n) => n < 11);
    const report = page.getByRole("region", { name: "Outcome report" });
    await report.getByLabel("Cohort by").selectOption({ value: "discharge" });
    await report.getByLabel("Quarter").fill(quarters[large] ?? "");
    await report.getByRole("button", { name: "Show the report" }).click();
    await report.getByText(new RegExp(`^${alumniPerQuarter[large]} clients`)).waitFor();
    const chart = report.getByRole("img", {
      name: new RegExp(`^Mean scores of the ${quarters[large]} cohort`),
    });
    await chart.waitFor();
    expect(await chart.locator("rect").count()).toBe(4);
    const clients = await report.locator("tbody tr td:nth-child(3)").allTextContents();
    expect(clients.filter((c) => c !== "").length).toBeGreaterThan(0);
    expect(clients.filter((c) => c !== "").every((c) => Number(c) >= 11)).toBe(true);
    await expectAccessible(page, "outcome report of a demo quarter");

    await report.getByLabel("Quarter").fill(quarters[small] ?? "");
    await report.getByRole("button", { name: "Show the report" }).click();
    await report
      .getByRole("alert")
      .getByText(/fewer than 11 clients/)
      .waitFor();
    expect(watch.foreign).toEqual([]);
    // The small quarter's refusal (400) is the only error the page logged.
    expect(watch.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
