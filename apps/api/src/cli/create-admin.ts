import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { Email, OrganisationKind, passwordProblem, TimeZone } from "@lantern/domain";
import { z } from "zod";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/dialect.js";
import { migrateToLatest } from "../db/migrate.js";
import { prepareAccount, storeAccount } from "../features/accounts/accounts.service.js";
import { isSetupComplete } from "../features/instance/instance.service.js";
import { listOrganisations } from "../features/organisations/organisations.repository.js";
import { runSetup } from "../features/setup/setup.service.js";
import { HttpProblem } from "../http/problem.js";

export const createAdminHelp = `Usage: npm run lantern -- create-admin --name NAME --email EMAIL [options]

Creates a programme admin. The password is read from standard input (one line), so it never
appears in the shell history: printf '%s\\n' "$PASSWORD" | npm run lantern -- create-admin ...

Options:
  --name NAME            the admin's name (required)
  --email EMAIL          the admin's sign-in email (required)
  --programme NAME       on a new installation: the programme to create (required then)
  --time-zone ZONE       on a new installation: the programme's IANA time zone (default UTC)
  --kind KIND            on a new installation: residential, outpatient or both (default both)
`;

const Options = z.object({
  name: z.string().trim().min(1, "--name is required").max(200),
  email: Email,
  programme: z.string().trim().min(1).max(200).optional(),
  "time-zone": TimeZone.default("UTC"),
  kind: OrganisationKind.default("both"),
});

/** Applies the same password rules as the web app, including the check against the email. */
function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, false, { email });
  if (problem) {
    throw new HttpProblem(400, "validation", "The password is not acceptable.", undefined, [
      { field: "password (stdin)", message: problem },
    ]);
  }
}

/** Reads the first line of standard input: the password, typed or piped. */
export async function readPassword(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return "";
}

/** `lantern create-admin`: completes setup on an empty installation, or adds an admin to the programme. */
export async function createAdmin(args: string[], say: (text: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      name: { type: "string" },
      email: { type: "string" },
      programme: { type: "string" },
      "time-zone": { type: "string" },
      kind: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return (say(createAdminHelp), 0);
  const parsed = Options.safeParse({ ...values, name: values.name ?? "" });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = String(issue?.path[0] ?? "options");
    throw new HttpProblem(400, "validation", "Some options need attention.", undefined, [
      { field: `--${option}`, message: issue?.message ?? "is not valid" },
    ]);
  }
  const options = parsed.data;
  if (process.stdin.isTTY) say("Type the new admin's password and press Enter:");
  const password = await readPassword();
  checkPassword(password, options.email);

  const db = await openDatabase(loadConfig().database);
  try {
    await migrateToLatest(db);
    if (!(await isSetupComplete(db))) {
      if (!options.programme) {
        throw new HttpProblem(400, "validation", "This installation has no programme yet.", undefined, [
          { field: "--programme", message: "name the programme to create with this admin" },
        ]);
      }
      await runSetup(db, {
        organisation: { name: options.programme, timeZone: options["time-zone"], kind: options.kind },
        admin: { name: options.name, email: options.email, password },
      });
      say(`Created the programme "${options.programme}" and its admin ${options.email}.`);
      return 0;
    }
    const [programme] = await listOrganisations(db.kysely);
    if (!programme) throw new Error("setup is marked complete but no programme exists");
    const account = await prepareAccount({ name: options.name, email: options.email, password });
    await db.kysely
      .transaction()
      .execute((trx) => storeAccount(trx, account, "programme_admin", programme.id, new Date(), "--email"));
    say(`Created admin ${options.email} in "${programme.name}".`);
    return 0;
  } finally {
    await db.close();
  }
}

export const createOwnerHelp = `Usage: npm run lantern -- create-owner --name NAME --email EMAIL

Creates the instance owner: the person who runs this installation and sets what applies to all of
it (for example whether self-directed clients may sign up). The password is read from standard input.
`;

/** `lantern create-owner`: an account holding the installation-wide instance_owner role. */
export async function createOwner(args: string[], say: (text: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { name: { type: "string" }, email: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) return (say(createOwnerHelp), 0);
  const parsed = Options.pick({ name: true, email: true }).safeParse({ ...values, name: values.name ?? "" });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpProblem(400, "validation", "Some options need attention.", undefined, [
      { field: `--${String(issue?.path[0] ?? "options")}`, message: issue?.message ?? "is not valid" },
    ]);
  }
  if (process.stdin.isTTY) say("Type the owner's password and press Enter:");
  const password = await readPassword();
  checkPassword(password, parsed.data.email);
  const db = await openDatabase(loadConfig().database);
  try {
    await migrateToLatest(db);
    const account = await prepareAccount({ name: parsed.data.name, email: parsed.data.email, password });
    await db.kysely
      .transaction()
      .execute((trx) => storeAccount(trx, account, "instance_owner", null, new Date(), "--email"));
    say(`Created the instance owner ${parsed.data.email}.`);
    return 0;
  } finally {
    await db.close();
  }
}
