import ICAL from "ical.js";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn, signOut } from "./staff.js";

const programme = "Saltmarsh House (test)";

for (const dialect of featureDialects(["sqlite"])) {
  describe(`discharge with an aftercare plan; aftercare on the client's phone [${dialect}]`, () => {
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
      password: "the lighthouse keeper's logbook",
    };
    const clinician: Person = {
      name: "Quinn Harper",
      email: "quinn.harper@example.org",
      password: "tides turn twice every day",
    };
    const client: Person = {
      name: "Drew Calder",
      email: "drew.calder@example.org",
      password: "a rowing boat on a still morning",
    };

    const stay = () => page.getByRole("region", { name: "Stay and placement" });
    const missing = () => page.getByRole("region", { name: "Still to do before discharge" });

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

    it("lets the admin set up a residential track with a bed and bring in a clinician", async () => {
      await signIn(page, admin, server.url);
      await page.getByRole("link", { name: "Programme set-up" }).click();
      await page.getByRole("heading", { level: 1, name: "Programme set-up" }).waitFor();
      await page.getByLabel("Track name").fill("Residential");
      await page.getByLabel("Level of care").selectOption({ label: "Residential" });
      await page.getByLabel("Designed for").selectOption({ label: "Men" });
      await page.getByRole("button", { name: "Add track" }).click();
      await page.getByRole("rowheader", { name: "Residential" }).waitFor();
      await page.getByLabel("Unit name").fill("East");
      await page.getByLabel("Beds in this unit are for").selectOption({ label: "Men" });
      await page.getByRole("button", { name: "Add unit" }).click();
      await page.getByRole("heading", { name: "East · beds for men" }).waitFor();
      await page.getByLabel("New room in East").fill("Room 1");
      await page.getByRole("button", { name: "Add room to East" }).click();
      await page.getByRole("heading", { name: "Room 1", exact: true }).waitFor();
      await page.getByLabel("New bed in Room 1, East").fill("Bed A");
      await page.getByRole("button", { name: "Add bed to Room 1" }).click();
      await page.getByText("Bed A added to Room 1.").waitFor();

      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Staff and invitations" }).click();
      await page.getByLabel("Their email").fill(clinician.email);
      await page.getByRole("button", { name: "Create invitation" }).click();
      await page.getByRole("heading", { level: 2, name: "The invitation is ready" }).waitFor();
      const link = new URL(await page.getByLabel("Invitation link").inputValue());
      await signOut(page);
      await page.goto(`${server.url}${link.pathname}${link.search}`);
      await page.getByLabel("Your name").fill(clinician.name);
      await page.getByLabel("Password", { exact: true }).fill(clinician.password);
      await page.getByRole("button", { name: "Create account and accept" }).click();
      await page.getByText(/Your account is ready/).waitFor();
      await signIn(page, clinician);
    });

    it("has the clinician bring the client in and admit them to the bed", async () => {
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

      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("link", { name: client.name }).click();
      await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
      clientPageUrl = page.url();
      await stay().getByLabel("Gender for placement").selectOption({ label: "Man" });
      await stay().getByRole("button", { name: "Save placement details" }).click();
      await stay().getByText("Placement details saved.").waitFor();
      await stay().getByLabel("Track on admission").selectOption({ label: "Residential (residential)" });
      await stay().getByLabel("Bed on admission").selectOption({ label: "East · Room 1 · Bed A (free)" });
      await stay().getByLabel("Referral source").fill("Family doctor");
      await stay().getByLabel("Consent to treatment").check();
      await stay().getByLabel("Agrees to be contacted for follow-up after discharge").check();
      await stay().getByRole("button", { name: "Admit", exact: true }).click();
      await stay().getByText("Admitted.").waitFor();

      // The client's circles and plans, written with the client during the stay (their own pages
      // are covered by the recovery and support specs); the aftercare plan reviews these versions.
      const clientId = new URL(clientPageUrl).pathname.split("/")[2] ?? "";
      const put = (path: string, body: object) =>
        phone.evaluate(
          async ([url, payload]) =>
            (
              await fetch(url, {
                method: "PUT",
                headers: { "content-type": "application/json" },
                body: JSON.stringify(payload),
              })
            ).status,
          [`/api/clients/${clientId}/${path}`, body] as const,
        );
      expect(
        await put("circles", {
          baseVersion: 0,
          items: [{ circle: "inner", text: "Browsing after midnight" }],
        }),
      ).toBe(200);
      const lines = (keys: string[]) =>
        Object.fromEntries(keys.map((k, i) => [k, i === 0 ? ["Call my sponsor"] : []]));
      expect(
        await put("safety-plan", {
          baseVersion: 0,
          sections: lines([
            "helpers",
            "warningSigns",
            "internalCoping",
            "distractions",
            "professionals",
            "safeEnvironment",
            "reasonsForLiving",
          ]),
        }),
      ).toBe(200);
      expect(
        await put("prevention-plan", {
          baseVersion: 0,
          sections: lines([
            "whoToCall",
            "triggers",
            "warningSigns",
            "highRiskSituations",
            "coping",
            "boundariesDevices",
            "boundariesPlaces",
            "boundariesPeople",
            "afterASlip",
          ]),
        }),
      ).toBe(200);
    });

    it("shows the clinician what is missing when they try to discharge", async () => {
      await page.goto(clientPageUrl);
      await stay().getByRole("link", { name: "Aftercare plan and discharge" }).click();
      await page
        .getByRole("heading", { level: 1, name: `Discharge and aftercare: ${client.name}` })
        .waitFor();
      await missing()
        .getByText(/Add the continuing therapist/)
        .waitFor();
      await page.getByRole("button", { name: "Finalise discharge" }).click();
      const refusal = page.getByRole("alert").filter({ hasText: "The discharge was not finalised" });
      await refusal.getByText(/The aftercare plan is not complete yet\./).waitFor();
      for (const words of [
        /continuing therapist/,
        /at least one group/,
        /at least one meeting/,
        /sponsor/,
        /three circles/,
        /relapse-prevention plan/,
        /safety plan/,
      ])
        expect(await refusal.textContent()).toMatch(words);
      await expectAccessible(page, "discharge page, incomplete");
    });

    it("completes the aftercare plan, discharges, and signs the summary", async () => {
      const day = await page.getByLabel("Discharge day").inputValue();
      await page.getByLabel("Therapist's name").fill("Dr Ellis Park");
      await page.getByLabel("Therapist's phone or email").fill("ellis.park@example.org");
      await page.getByLabel("First appointment").fill(day);
      await page.getByRole("button", { name: "Add a group" }).click();
      await page.getByLabel("Name of group 1").fill("Thursday aftercare group");
      await page.getByLabel("Day of group 1").selectOption({ label: "Thursday" });
      await page.getByLabel("Time of group 1").fill("18:00");
      await page.getByRole("button", { name: "Add a meeting" }).click();
      await page.getByLabel("Name of meeting 1").fill("Tuesday evening meeting");
      await page.getByLabel("Day of meeting 1").selectOption({ label: "Tuesday" });
      await page.getByLabel("Time of meeting 1").fill("19:30");
      await page.getByLabel("Place of meeting 1").fill("Library hall");
      await page.getByLabel("Sponsor's name").fill("Sam");
      await page.getByLabel("Sponsor's phone or email").fill("07700 900123");
      // The list follows the form as it is typed.
      await expect
        .poll(() =>
          missing()
            .getByText(/continuing therapist/)
            .count(),
        )
        .toBe(0);
      await page.getByRole("button", { name: "Save aftercare plan" }).click();
      await page.getByText("Aftercare plan saved.").waitFor();
      for (const what of ["three circles", "relapse-prevention plan", "safety plan"]) {
        await page.getByRole("button", { name: `Confirm the ${what} was reviewed` }).click();
        await page.getByText(new RegExp(`The ${what}: version 1 reviewed by ${clinician.name}`)).waitFor();
      }
      await missing().getByText("The aftercare plan is complete.").waitFor();
      await expectAccessible(page, "discharge page, complete");

      await page
        .getByText(/Finalising schedules the follow-ups 1, 3, 6 and 12 months .* then yearly/)
        .waitFor();
      await page.getByLabel("Reason for discharge").fill("Completed the residential phase");
      await page.getByRole("button", { name: "Finalise discharge" }).click();
      await page.getByText("Discharge finalised. The summary is drafted below.").waitFor();
      await page
        .getByText("Follow-ups are scheduled 1, 3, 6 and 12 months after the discharge day, then yearly.")
        .waitFor();
      const summary = page.getByLabel("Summary text");
      await expect.poll(() => summary.inputValue()).toMatch(/Reason: Completed the residential phase/);
      expect(await summary.inputValue()).toMatch(/- Residential \(residential\)/);
      expect(await summary.inputValue()).toMatch(
        /Follow-ups 1, 3, 6 and 12 months after discharge, then yearly/,
      );
      await summary.fill(`${await summary.inputValue()}\nLeaves with a clear weekly plan.`);
      await page.getByRole("button", { name: "Save summary" }).click();
      await page.getByRole("button", { name: "Sign summary" }).click();
      await page.getByText(new RegExp(`Signed by ${clinician.name}`)).waitFor();
      await page.getByText(/SHA-256 [0-9a-f]{64}/).waitFor();
      expect(await page.getByTestId("signed-summary").textContent()).toContain(
        "Leaves with a clear weekly plan.",
      );
      await expectAccessible(page, "discharge page, signed summary");
    });

    it("shows the client My plan, takes a logged meeting, and gives a calendar link that ical.js reads", async () => {
      await phone.goto(`${server.url}/`);
      const plan = phone.getByRole("region", { name: "My plan", exact: true });
      await plan.getByText(/Therapist: Dr Ellis Park/).waitFor();
      await plan.getByText(/Tuesday evening meeting: Tuesday at 19:30, Library hall/).waitFor();
      await plan.getByText("Sponsor: Sam (07700 900123)").waitFor();
      await expectAccessible(phone, "today with my plan");

      await plan.getByRole("link", { name: "Log attendance" }).click();
      await phone.getByRole("heading", { level: 1, name: "My aftercare" }).waitFor();
      await phone.getByLabel("Which one").selectOption({ label: "Tuesday evening meeting" });
      await phone.getByLabel("I went").check();
      await phone.getByRole("button", { name: "Save attendance" }).click();
      await phone.getByText("Saved. Thank you for keeping track.").waitFor();
      await phone
        .getByRole("list", { name: "Attendance you logged" })
        .getByText(/Tuesday evening meeting, went/)
        .waitFor();
      await expectAccessible(phone, "my aftercare, meeting logged");

      await phone.getByRole("button", { name: "Make my calendar link" }).click();
      const address = await phone.getByLabel("Your calendar link").inputValue();
      await phone.getByRole("button", { name: "Copy the link" }).waitFor();
      await expectAccessible(phone, "my aftercare, calendar link");
      const response = await fetch(`${server.url}${new URL(address).pathname}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/calendar");
      const text = await response.text();
      expect(text).not.toMatch(/aftercare|Tuesday evening|Ellis/i);
      const calendar = new ICAL.Component(ICAL.parse(text));
      for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
      const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
      expect(events.map((e) => e.summary).sort()).toEqual(["Group", "Meeting"]);
      const meeting = events.find((e) => e.summary === "Meeting");
      const iterator = meeting?.iterator();
      const next = [iterator?.next(), iterator?.next()];
      expect(next.map((t) => t?.toString().slice(11))).toEqual(["19:30:00", "19:30:00"]);
      expect(next.map((t) => t?.dayOfWeek())).toEqual([ICAL.Time.TUESDAY, ICAL.Time.TUESDAY]);
      expect(meeting?.location).toBe("Library hall");

      // The clinician sees the attendance against the plan.
      await page.reload();
      const adherence = page.getByRole("region", { name: "Aftercare attendance" });
      await adherence.getByRole("table").waitFor();
      await expectAccessible(page, "discharge page, adherence");

      // The refusals were 409s on purpose (the watcher ignores those); nothing else went wrong.
      for (const watch of watches) {
        expect(watch.errors).toEqual([]);
        expect(watch.foreign).toEqual([]);
      }
    });

    it("lets the former client offer to talk with people considering the programme, and stop at once", async () => {
      await phone.goto(`${server.url}/giving-back`);
      await phone.getByRole("heading", { level: 1, name: "Giving back" }).waitFor();
      const offer = phone.getByRole("switch", { name: "I am open to requests" });
      expect(await offer.isChecked()).toBe(false);
      await offer.click();
      await expect.poll(() => offer.isChecked()).toBe(true);
      await phone.reload();
      await expect
        .poll(() => phone.getByRole("switch", { name: "I am open to requests" }).isChecked())
        .toBe(true);
      await expectAccessible(phone, "giving back, open to requests");
      await phone.getByRole("switch", { name: "I am open to requests" }).click();
      await phone.reload();
      await expect
        .poll(() => phone.getByRole("switch", { name: "I am open to requests" }).isChecked())
        .toBe(false);
      for (const watch of watches) expect(watch.errors).toEqual([]);
    });
  });
}
