import type { Page } from "playwright-core";
import { type Person, signIn, signOut } from "./staff.js";

/** The invitation link a page shows, on the test server's origin. */
export async function shownLink(on: Page, origin: string): Promise<string> {
  const link = new URL(await on.getByLabel("Invitation link").inputValue());
  return `${origin}${link.pathname}${link.search}`;
}

/**
 * With the programme's admin signed in on `page`: the admin invites a clinician, who accepts and
 * signs in there; the clinician shows an in-person code, with which the client makes an account on
 * `phone` and signs in. Ends with the clinician on `page` and the client on their home page.
 */
export async function bringInClinicianAndClient(
  page: Page,
  phone: Page,
  origin: string,
  clinician: Person,
  client: Person,
): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole("link", { name: "Staff and invitations" }).click();
  await page.getByLabel("Their email").fill(clinician.email);
  await page.getByRole("button", { name: "Create invitation" }).click();
  await page.getByRole("heading", { level: 2, name: "The invitation is ready" }).waitFor();
  const clinicianLink = await shownLink(page, origin);
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

  await phone.goto(`${origin}/invite`);
  await phone.getByLabel("Invitation code").fill(code);
  await phone.getByRole("button", { name: "Continue" }).click();
  await phone.getByLabel("Your name").fill(client.name);
  await phone.getByLabel("Email").fill(client.email);
  await phone.getByLabel("Password", { exact: true }).fill(client.password);
  await phone.getByRole("button", { name: "Create account and accept" }).click();
  await phone.getByText(/Your account is ready/).waitFor();
  await signIn(phone, client);
  await phone.getByRole("heading", { level: 2, name: "Your days" }).waitFor();
}

/** Opens the client's page from the clinician's caseload; returns its address. */
export async function openClientFromCaseload(page: Page, origin: string, client: Person): Promise<string> {
  await page.goto(`${origin}/`);
  await page.getByRole("link", { name: "Your caseload" }).click();
  await page.getByRole("link", { name: client.name }).click();
  await page.getByRole("heading", { level: 1, name: client.name }).waitFor();
  return page.url();
}
