import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, featureDialects, openBrowser, type RunningServer, watchPage } from "./harness.js";
import { startProgramme } from "./programme.js";
import { type Person, signIn } from "./staff.js";

const programme = "Saltmarsh House (test)";

for (const dialect of featureDialects(["sqlite"])) {
  describe(`groups and the family programme [${dialect}]`, () => {
    let server: RunningServer;
    const contexts: BrowserContext[] = [];
    let admin: Page;
    let clinicianPage: Page;
    let phone: Page;
    let partnerPhone: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let closeProgramme = async () => {};
    let programmePath = "";
    const clientUrls = new Map<string, string>();

    const avery: Person = {
      name: "Avery Admin",
      email: "avery.admin@example.org",
      password: "lighthouses keep a patient watch",
    };
    const sam: Person = {
      name: "Sam Rivers",
      email: "sam.rivers@example.org",
      password: "morning fog lifts off the quay",
    };
    const alex: Person = {
      name: "Alex Moor",
      email: "alex.moor@example.org",
      password: "a kettle sings for the early tide",
    };
    const ben: Person = {
      name: "Ben Hale",
      email: "ben.hale@example.org",
      password: "gulls circle the harbour wall",
    };
    const cara: Person = {
      name: "Cara Wynn",
      email: "cara.wynn@example.org",
      password: "the ferry leaves at half past",
    };
    const robin: Person = {
      name: "Robin Moor",
      email: "robin.moor@example.org",
      password: "sandbanks shift with every tide",
    };

    const acceptCode = async (on: Page, code: string, person: Person) => {
      await on.goto(`${server.url}/invite`);
      await on.getByLabel("Invitation code").fill(code);
      await on.getByRole("button", { name: "Continue" }).click();
      await on.getByLabel("Your name").fill(person.name);
      await on.getByLabel("Email").fill(person.email);
      await on.getByLabel("Password", { exact: true }).fill(person.password);
      await on.getByRole("button", { name: "Create account and accept" }).click();
      await on.getByText(/Your account is ready/).waitFor();
    };

    const openClient = async (client: Person) => {
      const known = clientUrls.get(client.name);
      if (known) {
        await admin.goto(known);
      } else {
        await admin.goto(`${server.url}${programmePath}/clients`);
        await admin.getByRole("link", { name: `Open ${client.name}'s page` }).click();
      }
      await admin.getByRole("heading", { level: 1, name: client.name }).waitFor();
      clientUrls.set(client.name, admin.url());
      return admin.getByRole("region", { name: "Stay and placement" });
    };

    const place = async (client: Person, gender: string, bed?: string) => {
      const panel = await openClient(client);
      await panel.getByLabel("Gender for placement").selectOption({ label: gender });
      await panel.getByRole("button", { name: "Save placement details" }).click();
      await panel.getByText("Placement details saved.").waitFor();
      if (!bed) return;
      await panel.getByLabel("Track on admission").selectOption({ label: "Men's residential (residential)" });
      await panel.getByLabel("Bed on admission").selectOption({ label: bed });
      await panel.getByLabel("Referral source").fill("Family doctor");
      await panel.getByLabel("Consent to treatment").check();
      await panel.getByRole("button", { name: "Admit", exact: true }).click();
      await panel.getByText("Admitted.").waitFor();
    };

    beforeAll(async () => {
      ({ server, close: closeProgramme } = await startProgramme(dialect, programme, avery));
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
        { width: 390, height: 844 },
      ])
        contexts.push(await openBrowser(viewport));
      const pages: Page[] = [];
      for (const c of contexts) pages.push(c.pages()[0] ?? (await c.newPage()));
      [admin, clinicianPage, phone, partnerPhone] = pages as [Page, Page, Page, Page];
      watches = pages.map((p) => watchPage(p, server.url));
    });

    afterAll(async () => {
      for (const context of contexts) await context.close();
      await closeProgramme();
    });

    it("sets up a clinician, a men's residential track with beds, and three clients", async () => {
      await signIn(admin, avery, server.url);
      await admin.getByRole("link", { name: "Staff and invitations" }).click();
      await admin.getByLabel("Their email").fill(sam.email);
      await admin.getByRole("button", { name: "Create invitation" }).click();
      await admin.getByRole("heading", { level: 2, name: "The invitation is ready" }).waitFor();
      const link = new URL(await admin.getByLabel("Invitation link").inputValue());
      await clinicianPage.goto(`${server.url}${link.pathname}${link.search}`);
      await clinicianPage.getByLabel("Your name").fill(sam.name);
      await clinicianPage.getByLabel("Password", { exact: true }).fill(sam.password);
      await clinicianPage.getByRole("button", { name: "Create account and accept" }).click();
      await clinicianPage.getByText(/Your account is ready/).waitFor();
      await signIn(clinicianPage, sam);

      await admin.goto(`${server.url}/`);
      await admin.getByRole("link", { name: "Programme set-up" }).click();
      await admin.getByRole("heading", { level: 1, name: "Programme set-up" }).waitFor();
      programmePath = new URL(admin.url()).pathname.replace(/\/programme-setup$/, "");
      await admin.getByLabel("Track name").fill("Men's residential");
      await admin.getByLabel("Level of care").selectOption({ label: "Residential" });
      await admin.getByLabel("Designed for").selectOption({ label: "Men" });
      await admin.getByRole("button", { name: "Add track" }).click();
      await admin.getByRole("rowheader", { name: "Men's residential" }).waitFor();
      await admin.getByLabel("Unit name").fill("North");
      await admin.getByLabel("Beds in this unit are for").selectOption({ label: "Men" });
      await admin.getByRole("button", { name: "Add unit" }).click();
      await admin.getByLabel("New room in North").fill("Room 1");
      await admin.getByRole("button", { name: "Add room to North" }).click();
      await admin.getByRole("heading", { name: "Room 1", exact: true }).waitFor();
      for (const bed of ["Bed A", "Bed B"]) {
        await admin.getByLabel("New bed in Room 1, North").fill(bed);
        await admin.getByRole("button", { name: "Add bed to Room 1" }).click();
        await admin.getByText(`${bed} added to Room 1.`).waitFor();
      }

      for (const client of [alex, ben, cara]) {
        await clinicianPage.goto(`${server.url}${programmePath}/invite-client`);
        await clinicianPage.getByLabel("Show a code now (in person)").check();
        await clinicianPage.getByRole("button", { name: "Show a code" }).click();
        await clinicianPage.getByRole("heading", { level: 2, name: "Here is the code" }).waitFor();
        const code = (await clinicianPage.getByText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/).textContent()) ?? "";
        await acceptCode(phone, code, client);
      }
      await place(alex, "Man", "North · Room 1 · Bed A (free)");
      await place(ben, "Man", "North · Room 1 · Bed B (free)");
      await place(cara, "Woman");
    });

    it("lets the admin add a group, admits the men and refuses the woman with the reason", async () => {
      await admin.goto(`${server.url}/`);
      await admin.getByRole("link", { name: "Groups", exact: true }).click();
      await admin.getByRole("heading", { level: 1, name: "Groups" }).waitFor();
      await admin.getByText("No groups yet.").waitFor();
      await expectAccessible(admin, "groups, empty");
      await admin.getByLabel("Group name").fill("Tuesday process group");
      await admin.getByLabel("Track").selectOption({ label: "Men's residential (Residential, Men)" });
      await admin.getByRole("checkbox", { name: sam.name }).check();
      await admin.getByLabel("Day").selectOption({ label: "Tuesday" });
      await admin.getByRole("button", { name: "Add the group" }).click();
      const group = admin.getByRole("region", { name: "Tuesday process group" });
      await group.getByText(/Men's residential · Residential · Men · dedicated/).waitFor();
      await group.getByText(/Tuesdays at 18:00 for 90 minutes \(Europe\/London\)/).waitFor();

      const add = async (client: Person) => {
        await group.getByLabel("Client to add to Tuesday process group").selectOption({ label: client.name });
        await group.getByRole("button", { name: "Add member" }).click();
      };
      await add(alex);
      await group.getByRole("listitem").filter({ hasText: alex.name }).waitFor();
      await add(cara);
      await group
        .getByRole("alert")
        .getByText(
          /Men's residential is kept for men, and Cara Wynn's gender for placement is recorded as a woman\./,
        )
        .waitFor();
      await expectAccessible(admin, "groups, a member refused");
      await add(ben);
      await group.getByRole("listitem").filter({ hasText: ben.name }).waitFor();
      expect(await group.getByRole("listitem").filter({ hasText: cara.name }).count()).toBe(0);
    });

    it("lets the facilitator record a session with one-tap attendance and two member notes; the near copy is flagged", async () => {
      await clinicianPage.goto(`${server.url}${programmePath}/groups`);
      const group = clinicianPage.getByRole("region", { name: "Tuesday process group" });
      await group.getByLabel("Topic").fill("The first weekend home");
      await group
        .getByLabel("What the group did (written once for everyone)")
        .fill("Each member named one plan for the first weekend back home.");
      await group.getByRole("button", { name: "Record the session" }).click();
      const alexRow = clinicianPage.getByRole("region", { name: alex.name, exact: true });
      const benRow = clinicianPage.getByRole("region", { name: ben.name, exact: true });
      await alexRow.waitFor();
      await alexRow.getByRole("button", { name: "Present" }).click();
      await expect
        .poll(() => alexRow.getByRole("button", { name: "Present" }).getAttribute("aria-pressed"))
        .toBe("true");
      await benRow.getByRole("button", { name: "Late" }).click();
      await expect
        .poll(() => benRow.getByRole("button", { name: "Late" }).getAttribute("aria-pressed"))
        .toBe("true");

      const note = "Named late evenings as the hardest time and agreed to call his sponsor before nine.";
      await alexRow.getByLabel(`Note for ${alex.name}`).fill(note);
      // Listen before clicking: a fast reply could otherwise arrive before the wait began.
      const saved = clinicianPage.waitForResponse((r) => r.url().includes("/notes/") && r.status() === 200);
      await alexRow.getByRole("button", { name: `Save note for ${alex.name}` }).click();
      await saved;
      await benRow.getByLabel(`Note for ${ben.name}`).fill(note.replace("nine", "nine."));
      await benRow.getByRole("button", { name: `Save note for ${ben.name}` }).click();
      await clinicianPage.getByText("Some member notes are near copies").waitFor();
      await clinicianPage
        .getByText(`${alex.name} and ${ben.name}: each note should say something about that person.`)
        .waitFor();
      await expectAccessible(clinicianPage, "group session with a near-copy warning");
    });

    it("enrols a partner with their own account, who attends a family session", async () => {
      const url = clientUrls.get(alex.name) ?? "";
      await clinicianPage.goto(url);
      const family = clinicianPage.getByRole("region", { name: "Family programme" });
      await family.getByText("Nobody is enrolled yet.").waitFor();
      await family.getByLabel("Participant's name").fill(robin.name);
      await family.getByLabel("Relationship to the client").selectOption({ label: "Partner" });
      await family.getByRole("button", { name: "Enrol" }).click();
      const code = (await family.getByTestId("participant-code").textContent()) ?? "";
      await expectAccessible(clinicianPage, "client page, participant enrolled");
      await acceptCode(partnerPhone, code, robin);

      await family.getByLabel("Session topic").fill("Planning the first weekend");
      await family.getByLabel(`Attendance of ${robin.name}`).selectOption({ label: "Present" });
      await family
        .getByLabel(`Note on ${robin.name} (care team only)`)
        .fill("Keen to agree the evenings plan.");
      await family.getByRole("button", { name: "Record the family session" }).click();
      await family.getByText(/Planning the first weekend\. Client present; Robin Moor present/).waitFor();
      await family.getByText(/Robin Moor, partner: has an account; attended 1 session/).waitFor();

      await family.getByLabel("New boundary").fill("Phone stays in the kitchen overnight");
      await family.getByRole("button", { name: "Add the boundary" }).click();
      await family.getByRole("checkbox", { name: /Phone stays in the kitchen overnight/ }).check();
      await expect
        .poll(() =>
          family.getByRole("checkbox", { name: /Phone stays in the kitchen overnight/ }).isChecked(),
        )
        .toBe(true);
      await expectAccessible(clinicianPage, "client page, family session and boundaries plan");
    });

    it("shows the boundaries plan to the partner only after the client shares it from their phone", async () => {
      await signIn(partnerPhone, robin);
      await partnerPhone.getByRole("link", { name: "Family programme" }).click();
      await partnerPhone.getByRole("heading", { level: 1, name: "Family programme" }).waitFor();
      await partnerPhone.getByText("This shows here once Alex chooses to share it.").waitFor();
      await partnerPhone.getByText(/Planning the first weekend \(present\)/).waitFor();
      expect(await partnerPhone.locator("main").textContent()).not.toContain("Keen to agree");
      await expectAccessible(partnerPhone, "participant's page, plan not shared");

      await signIn(phone, alex, server.url);
      await phone.goto(`${server.url}/going-home`);
      await phone.getByRole("heading", { level: 1, name: "Going home" }).waitFor();
      await phone.getByText("There is a plan. It shows here once you choose to share it.").waitFor();
      await expectAccessible(phone, "going home, not shared");
      await phone
        .getByRole("switch", { name: "Share the boundaries plan with me and my family participants" })
        .click();
      await phone.getByText("Phone stays in the kitchen overnight (agreed)").waitFor();
      await expectAccessible(phone, "going home, shared");

      await partnerPhone.reload();
      await partnerPhone.getByText("Phone stays in the kitchen overnight (agreed)").waitFor();
      await expectAccessible(partnerPhone, "participant's page, plan shared");

      for (const watch of watches) {
        expect(watch.errors).toEqual([]);
        expect(watch.foreign).toEqual([]);
      }
    });
  });
}
