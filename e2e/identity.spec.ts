import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresUrl } from "../apps/api/test/databases.js";
import { expectAccessible, openBrowser, type RunningServer, startServer, watchPage } from "./harness.js";
import { type Person, signIn, signOut } from "./staff.js";

const programme = "Harbour House (test)";
const reason = "Their clinician is away today and they asked the front desk for urgent help.";

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`invitations, care teams, emergency access and the audit log in Chromium [${dialect}]`, () => {
    let server: RunningServer;
    let staffBrowser: BrowserContext;
    let clientBrowser: BrowserContext;
    let page: Page;
    let clientPage: Page;
    let watches: ReturnType<typeof watchPage>[] = [];
    let disposeDatabase = async () => {};
    let clientId = "";
    let secondClinicianLink = "";

    const admin: Person = {
      name: "Robin Admin",
      email: "robin.admin@example.org",
      password: "a quiet lantern by the harbour",
    };
    const clinician: Person = {
      name: "Sam Okafor",
      email: "sam.okafor@example.org",
      password: "green kettles sing at noon",
    };
    const otherClinician: Person = {
      name: "Ari Lindqvist",
      email: "ari.lindqvist@example.org",
      password: "seven gulls over a slate roof",
    };
    const client: Person = {
      name: "Alex Rivera",
      email: "alex.rivera@example.org",
      password: "my bicycle knows the long road home",
    };

    /** The invitation link the page shows, on this server's own address (PUBLIC_URL names localhost). */
    const shownLink = async (on: Page) => {
      const link = new URL(await on.getByLabel("Invitation link").inputValue());
      expect(link.pathname).toBe("/invite");
      return `${server.url}${link.pathname}${link.search}`;
    };

    beforeAll(async () => {
      const env: Record<string, string> = {};
      if (dialect === "postgres") {
        const pg = await createPostgresUrl();
        env.DATABASE_URL = pg.url;
        disposeDatabase = pg.dispose;
      }
      // No SMTP settings: invitations are shared by link or code, as on a fresh installation.
      server = await startServer(env);
      const setup = await fetch(`${server.url}/api/setup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          organisation: { name: programme, timeZone: "Europe/London", kind: "both" },
          admin: { name: admin.name, email: admin.email, password: admin.password },
        }),
      });
      expect(setup.status).toBe(201);
      staffBrowser = await openBrowser();
      page = staffBrowser.pages()[0] ?? (await staffBrowser.newPage());
      clientBrowser = await openBrowser();
      clientPage = clientBrowser.pages()[0] ?? (await clientBrowser.newPage());
      watches = [watchPage(page, server.url), watchPage(clientPage, server.url)];
    });

    afterAll(async () => {
      await staffBrowser?.close();
      await clientBrowser?.close();
      await server?.stop();
      await disposeDatabase();
    });

    it("lets the admin invite two clinicians, showing each link to share, and withdraw a mistake", async () => {
      await signIn(page, admin, server.url);
      await expectAccessible(page, "admin home");
      await page.getByRole("link", { name: "Staff and invitations" }).click();
      await page.getByRole("heading", { level: 1, name: "Staff and invitations" }).waitFor();
      await page.getByText(admin.email).waitFor();
      await expectAccessible(page, "staff page");

      await page.getByRole("button", { name: "Create invitation" }).click();
      await page.getByText("Enter the email address of the person you are inviting.").waitFor();
      await expectAccessible(page, "staff invitation with an error");

      await page.getByLabel("Their email").fill(clinician.email);
      await page.getByRole("button", { name: "Create invitation" }).click();
      await page.getByRole("heading", { level: 2, name: "The invitation is ready" }).waitFor();
      await page.getByText(/Lantern cannot send email from here yet/).waitFor();
      const firstLink = await shownLink(page);
      await expectAccessible(page, "staff invitation created");

      await page.getByRole("button", { name: "Invite someone else" }).click();
      await page.getByLabel("Their email").fill(otherClinician.email);
      await page.getByRole("button", { name: "Create invitation" }).click();
      await page.getByRole("heading", { level: 2, name: "The invitation is ready" }).waitFor();
      secondClinicianLink = await shownLink(page);
      expect(secondClinicianLink).not.toBe(firstLink);

      await page.getByRole("button", { name: "Invite someone else" }).click();
      await page.getByLabel("Their email").fill("typo@example.org");
      await page.getByRole("button", { name: "Create invitation" }).click();
      await page.getByRole("heading", { level: 2, name: "The invitation is ready" }).waitFor();
      await page.getByRole("button", { name: "Withdraw the invitation for typo@example.org" }).click();
      await page.getByText("The invitation for typo@example.org was withdrawn.").waitFor();
      await expect.poll(() => page.getByText("Withdrawn", { exact: true }).count()).toBe(1);
      expect(await page.getByText("Waiting", { exact: true }).count()).toBe(2);
      await expectAccessible(page, "staff page with invitations");

      await signOut(page);
      // Store the first link for the next step on the page object's side: the clinician opens it here.
      await page.goto(firstLink);
    });

    it("lets the first clinician accept through the link, then set up two-step sign-in", async () => {
      await page.getByRole("heading", { level: 1, name: "You are invited to Lantern" }).waitFor();
      await page.getByText(`${admin.name} has invited you to join ${programme} as a clinician.`).waitFor();
      expect(new URL(page.url()).search).toBe(""); // the token does not stay in the address bar
      expect(await page.getByLabel("Email").inputValue()).toBe(clinician.email);
      await expectAccessible(page, "invitation for a clinician");

      await page.getByLabel("Your name").fill(clinician.name);
      await page.getByLabel("Password", { exact: true }).fill("too short");
      await page.getByRole("button", { name: "Create account and accept" }).click();
      await page.getByText(/Use at least 15 characters/).waitFor();
      await expectAccessible(page, "invitation form with an error");

      await page.getByLabel("Password", { exact: true }).fill(clinician.password);
      await page.getByRole("button", { name: "Create account and accept" }).click();
      await page
        .getByText("Your account is ready. Sign in with the email and password you just chose.")
        .waitFor();
      expect(await page.getByLabel("Email").inputValue()).toBe(clinician.email);
      await expectAccessible(page, "sign-in after accepting");
      await signIn(page, clinician);
      await expectAccessible(page, "clinician home");
    });

    let code = "";

    it("lets the clinician show a client a one-time code in person", async () => {
      await page.getByRole("link", { name: "Invite a client" }).click();
      await page.getByRole("heading", { level: 1, name: "Invite a client" }).waitFor();
      await expectAccessible(page, "invite a client");
      await page.getByLabel("Show a code now (in person)").check();
      await page.getByRole("button", { name: "Show a code" }).click();
      await page.getByRole("heading", { level: 2, name: "Here is the code" }).waitFor();
      code = (await page.getByText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/).textContent()) ?? "";
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
      await expectAccessible(page, "client code shown");
    });

    it("lets the client accept with the code on their own device and reach their home", async () => {
      await clientPage.goto(`${server.url}/invite`);
      await clientPage.getByRole("heading", { level: 1, name: "Accept an invitation" }).waitFor();
      await expectAccessible(clientPage, "enter an invitation code");

      await clientPage.getByLabel("Invitation code").fill("AAAAA-BBBBB");
      await clientPage.getByRole("button", { name: "Continue" }).click();
      await clientPage.getByRole("heading", { level: 1, name: "This invitation cannot be used" }).waitFor();
      await clientPage.getByText(/Ask the person who invited you for a new one/).waitFor();
      await expectAccessible(clientPage, "invitation that cannot be used");
      await clientPage.getByRole("button", { name: "Enter a different code" }).click();

      // Small letters and no dash work too.
      await clientPage.getByLabel("Invitation code").fill(code.toLowerCase().replace("-", ""));
      await clientPage.getByRole("button", { name: "Continue" }).click();
      await clientPage.getByRole("heading", { level: 1, name: "You are invited to Lantern" }).waitFor();
      await clientPage
        .getByText(`${clinician.name} has invited you to use Lantern with ${programme}.`)
        .waitFor();
      await expectAccessible(clientPage, "invitation for a client");
      await clientPage.getByLabel("Your name").fill(client.name);
      await clientPage.getByLabel("Email").fill(client.email);
      await clientPage.getByLabel("Password", { exact: true }).fill(client.password);
      await clientPage.getByRole("button", { name: "Create account and accept" }).click();
      await clientPage.getByText(/Your account is ready/).waitFor();
      await signIn(clientPage, client);
      await clientPage.getByRole("link", { name: "Who has looked at your record" }).waitFor();
      await expectAccessible(clientPage, "client home");
    });

    it("puts the client on the inviting clinician's caseload", async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByRole("heading", { level: 1, name: "Your caseload" }).waitFor();
      await expectAccessible(page, "caseload");
      await page.getByRole("link", { name: client.name }).click();
      await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
      clientId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await page.getByText("Emergency access").count()).toBe(0);
      await expectAccessible(page, "client page for the care team");
      await signOut(page);
    });

    it("offers a clinician outside the care team emergency access, with a reason, and then opens the record", async () => {
      await page.goto(secondClinicianLink);
      await page.getByRole("heading", { level: 1, name: "You are invited to Lantern" }).waitFor();
      await page.getByLabel("Your name").fill(otherClinician.name);
      await page.getByLabel("Password", { exact: true }).fill(otherClinician.password);
      await page.getByRole("button", { name: "Create account and accept" }).click();
      await page.getByText(/Your account is ready/).waitFor();
      await signIn(page, otherClinician);

      // Their caseload is empty, and the record itself answers as if it did not exist.
      await page.getByRole("link", { name: "Your caseload" }).click();
      await page.getByText("No clients are on your caseload yet.", { exact: false }).waitFor();
      await page.goto(`${server.url}/clients/${clientId}`);
      await page.getByRole("heading", { level: 1, name: "This record is not on your caseload" }).waitFor();
      await expectAccessible(page, "record outside the caseload");

      // Found through the programme's directory, the offer names the client.
      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Emergency access" }).click();
      await page.getByRole("heading", { level: 1, name: "Emergency access" }).waitFor();
      await page.getByLabel("Client's name").fill(client.name.slice(0, 4));
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByText(/1 client matches/).waitFor();
      await expectAccessible(page, "emergency access search");
      await page.getByRole("link", { name: client.name }).click();
      await page.getByRole("heading", { level: 1, name: `${client.name} is not on your caseload` }).waitFor();

      await page.getByRole("button", { name: "Request emergency access" }).click();
      const dialog = page.getByRole("dialog", { name: "Request emergency access" });
      await dialog.waitFor();
      // Scan once the opening transition has finished, not half-faded.
      await expect.poll(() => dialog.evaluate((element) => getComputedStyle(element).opacity)).toBe("1");
      await dialog.getByText(/The programme admin is told/).waitFor();
      await expectAccessible(page, "emergency access dialog");
      await dialog.getByLabel("Why do you need this record now?").fill("urgent");
      await dialog.getByRole("button", { name: "Open the record" }).click();
      await dialog.getByText(/at least 10 characters/).waitFor();
      await dialog.getByLabel("Why do you need this record now?").fill(reason);
      await dialog.getByRole("button", { name: "Open the record" }).click();

      await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
      await page.getByText(/^Emergency access until /).waitFor();
      await page.getByText(clinician.name).waitFor(); // the care team is shown
      await expectAccessible(page, "client page through emergency access");
      await signOut(page);
    });

    it("shows the admin the emergency access, the refusal in the log, and lets them manage the care team", async () => {
      await signIn(page, admin);
      await page.getByRole("link", { name: "Audit log and emergency access" }).click();
      await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
      const accesses = page.getByRole("region", { name: "Emergency accesses" });
      await accesses.getByText(`${otherClinician.name} opened ${client.name}'s record`).waitFor();
      await accesses.getByText(reason).waitFor();
      await accesses.getByText(/^Open until /).waitFor();
      await page.getByRole("table", { name: "Audit events, newest first" }).waitFor();
      await expectAccessible(page, "audit log");

      await page.getByLabel("Outcome").selectOption("denied");
      await page.getByLabel("Person").selectOption({ label: otherClinician.name });
      await page.getByRole("button", { name: "Search" }).click();
      const refused = page
        .getByRole("row")
        .filter({ hasText: otherClinician.name })
        .filter({ hasText: "Refused" });
      await expect.poll(() => refused.count()).toBeGreaterThan(0);
      expect(await refused.first().textContent()).toContain(client.name);
      await expectAccessible(page, "audit log, refused accesses");

      await page.goto(`${server.url}/`);
      await page.getByRole("link", { name: "Clients and care teams" }).click();
      await page.getByRole("heading", { level: 1, name: "Clients and care teams" }).waitFor();
      await page.getByRole("heading", { level: 2, name: client.name }).waitFor();
      await expectAccessible(page, "clients and care teams");
      await page
        .getByLabel(`Add a clinician to ${client.name}'s care team`)
        .selectOption({ label: otherClinician.name });
      await page.getByRole("button", { name: "Add" }).click();
      await page.getByText(`${otherClinician.name} is now on ${client.name}'s care team.`).waitFor();
      await page
        .getByRole("button", { name: `Remove ${otherClinician.name} from ${client.name}'s care team` })
        .click();
      await page.getByText(`${otherClinician.name} is no longer on ${client.name}'s care team.`).waitFor();
      await expectAccessible(page, "clients and care teams after changes");
    });

    it("shows the client who looked at their record, in plain words", async () => {
      await clientPage.getByRole("link", { name: "Who has looked at your record" }).click();
      await clientPage.getByRole("heading", { level: 1, name: "Who has looked at your record" }).waitFor();
      const items = clientPage.getByRole("listitem");
      await items
        .filter({
          hasText: `${otherClinician.name}, a clinician at your programme, opened emergency access to your record`,
        })
        .first()
        .waitFor();
      await items
        .filter({
          hasText: `${otherClinician.name}, through emergency access, looked at your name and care team`,
        })
        .first()
        .waitFor();
      await items
        .filter({ hasText: `${otherClinician.name} tried to look at your name and care team` })
        .first()
        .waitFor();
      await items
        .filter({ hasText: `${clinician.name}, on your care team, looked at your name and care team` })
        .first()
        .waitFor();
      await expectAccessible(clientPage, "who has looked");
      await clientPage.getByTitle("Dark", { exact: true }).click();
      await expectAccessible(clientPage, "who has looked (dark)");
      await clientPage.getByTitle("Light", { exact: true }).click();
    });

    it("lets the client invite a supporter with nothing shared by default, change what they see and stop sharing", async () => {
      await clientPage.goto(`${server.url}/my-record/sharing`);
      await clientPage.getByRole("heading", { level: 1, name: "Sharing" }).waitFor();
      await clientPage.getByText("You are not sharing with anyone.").waitFor();
      await expectAccessible(clientPage, "sharing");
      expect(await clientPage.getByLabel("Alerts when you ask for help").isChecked()).toBe(false);

      await clientPage.getByLabel("Supporter", { exact: true }).check();
      await clientPage.getByLabel("Alerts when you ask for help").check();
      await clientPage.getByRole("button", { name: "Create invitation" }).click();
      await clientPage.getByRole("heading", { level: 3, name: "Here is the code" }).waitFor();
      const supporterCode = (await clientPage.getByText(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/).textContent()) ?? "";
      await expectAccessible(clientPage, "supporter code shown");

      // The supporter accepts on their own device (here, straight through the API).
      const accepted = await fetch(`${server.url}/api/invitations/accept`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          token: supporterCode,
          account: {
            name: "Jo Supporter",
            email: "jo.supporter@example.org",
            password: "lighthouse keepers read at night",
          },
        }),
      });
      expect(accepted.status).toBe(201);

      await clientPage.reload();
      await clientPage.getByRole("heading", { level: 3, name: "Jo Supporter" }).waitFor();
      const group = clientPage.getByRole("group", { name: "What Jo Supporter can see" });
      expect(await group.getByLabel("Alerts when you ask for help").isChecked()).toBe(true);
      expect(await group.getByLabel("Your name and care team").isChecked()).toBe(false);
      await group.getByLabel("Your name and care team").check();
      await clientPage.getByRole("button", { name: "Save changes" }).click();
      await clientPage.getByText(/^Saved\./).waitFor();
      await expectAccessible(clientPage, "sharing with a supporter");

      await clientPage.getByRole("button", { name: "Stop sharing" }).click();
      await clientPage.getByRole("button", { name: "Yes, stop sharing" }).click();
      await clientPage.getByText(/You have stopped sharing with Jo Supporter/).waitFor();
      await clientPage.getByText("You are not sharing with anyone.").waitFor();
    });

    it("made no request to any other host and logged no unexpected errors", () => {
      for (const watch of watches) {
        expect(watch.foreign).toEqual([]);
        // A record outside the caseload and an unusable code answer 404 by design.
        expect(watch.errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
      }
    });
  });
}
