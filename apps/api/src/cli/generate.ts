import { parseArgs } from "node:util";
import { addDays, localDateOf } from "@lantern/domain";
import { sql } from "kysely";
import { hashPassword } from "../auth/password-hash.js";
import type { Db } from "../db/dialect.js";
import { insertSetting } from "../features/instance/instance.repository.js";
import { settingKeys } from "../features/instance/instance.service.js";
import { upsertRecoverySettings } from "../features/ledger/ledger.repository.js";
import { insertOrganisation } from "../features/organisations/organisations.repository.js";
import { BulkWriter, type FilledTable, fillOrder } from "./bulk-insert.js";
import { type CareProgramme, clientCareRows, programmeCareRows } from "./generate-care.js";
import { type ClientSeat, clientStory, type QueuedRow } from "./generate-history.js";
import { pick, randomStream, uuidv7At } from "./generate-random.js";

export const generateHelp = `Usage: npm run lantern -- generate --clients N --days D [options]

Fills an EMPTY database with a fictional programme for load tests and benchmarks: one programme, an
admin, clinicians with caseloads, and for every client three circles, a sobriety start, daily
check-ins with realistic gaps, urges, occasional inner-circle acts with their ledger events and slip
reviews, triggers with coping strategies, and journal entries; and the care record the quality
dashboard reads: two tracks, an episode per client (about 15 % still in care) with PHQ-9 and GAD-7 at
admission and the follow-ups due since discharge, and staff credentials. Everyone in it is fictional, and
every account shares one password (printed at the end). The same options give the same data.

Options:
  --clients N     clients to create, 1 to 200000 (default 100)
  --days D        days of history per client, ending yesterday, 1 to 3650 (default 365)
  --caseload C    clients per clinician, 1 to 1000 (default 40)
  --seed S        seed for the random choices, 0 to 2147483647 (default 1)

The database comes from DATA_DIR or DATABASE_URL, as for npm start. A database that already holds
accounts or a programme is refused. 10 000 clients x 365 days (4.4 million rows) takes about four
minutes of CPU on SQLite; see docs/performance.md.
`;

/** A bad option: printed as one line naming the flag, exit code 2. */
export class GenerateUsageError extends Error {}

/** A database that is not empty: generated people never mix with real ones. */
export class GenerateRefused extends Error {}

export interface GenerateOptions {
  clients: number;
  days: number;
  caseload: number;
  seed: number;
}

/** The one password of every generated account. Fictional data only; `.invalid` never delivers. */
export const generatedPassword = "lantern generated data, not secret";
export const generatedEmails = {
  admin: "admin@generated.lantern.invalid",
  /** n counts from 1. */
  clinician: (n: number) => `clinician-${n}@generated.lantern.invalid`,
  /** n counts from 1; client n is on clinician ceil(n / caseload)'s caseload. */
  client: (n: number) => `client-${n}@generated.lantern.invalid`,
};
/** The instance setting that records a finished generation and its options (JSON). */
export const generatedMarker = "generated_with";
/**
 * What the generator writes, as a number kept in the marker: bumped whenever it writes more or other
 * rows, so a benchmark database cached by an older generator is made again.
 * 2: tracks, episodes, admission and follow-up questionnaires, staff credentials.
 */
export const generatedVersion = 2;

const limits: Record<keyof GenerateOptions, { min: number; max: number; fallback: number }> = {
  clients: { min: 1, max: 200_000, fallback: 100 },
  days: { min: 1, max: 3650, fallback: 365 },
  caseload: { min: 1, max: 1000, fallback: 40 },
  seed: { min: 0, max: 2_147_483_647, fallback: 1 },
};

/** Parses and checks the options; throws GenerateUsageError naming the flag. */
export function parseGenerateArgs(args: string[]): GenerateOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        clients: { type: "string" },
        days: { type: "string" },
        caseload: { type: "string" },
        seed: { type: "string" },
      },
    }));
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    throw new GenerateUsageError(`${message} (see "npm run lantern -- generate --help")`);
  }
  const read = (name: keyof GenerateOptions): number => {
    const { min, max, fallback } = limits[name];
    const raw = values[name];
    if (raw === undefined) return fallback;
    const text = String(raw).trim();
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max)
      throw new GenerateUsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return value;
  };
  return { clients: read("clients"), days: read("days"), caseload: read("caseload"), seed: read("seed") };
}

/** Where clients live: mostly the programme's zone, some further away (their "today" differs). */
const zones = [
  ...Array.from({ length: 17 }, () => "Europe/London"),
  "Europe/Dublin",
  "America/New_York",
  "Australia/Sydney",
];
const firstNames =
  "Alex Sam Jordan Morgan Casey Robin Jamie Taylor Chris Kit Drew Rowan Avery Quinn Jesse Reese Sasha Toby Noor Ines".split(
    " ",
  );
const lastNames =
  "Hale Okafor Walsh Raman Nguyen Kowalski Baptiste Lindqvist Moreau Adeyemi Castillo Fischer O'Neill Haddad Sato Mensah Ferreira Novak Byrne Iqbal".split(
    " ",
  );

export interface GenerateSummary {
  organisationId: string;
  rows: Partial<Record<FilledTable, number>>;
  seconds: number;
}

/** The first random stream of the care record (clients' own streams count from 1). */
const careStream = 1_000_000;

/** Clients set up per transaction. */
const clientsPerTransaction = 500;
/** Rows of daily history per transaction, roughly (a check-in a day per client; urges and the rest add a third). */
const rowsPerTransaction = 200_000;

async function writeAll(writer: BulkWriter, batch: IteratorResult<QueuedRow[]>): Promise<void> {
  if (batch.done) return;
  for (const { table, row } of batch.value) await writer.add(table, row as never);
}

/** Refuses a database that holds any account or programme. */
async function refuseNonEmpty(db: Db): Promise<void> {
  const count = async (table: "users" | "organisations") =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const [users, organisations] = [await count("users"), await count("organisations")];
  if (users > 0 || organisations > 0)
    throw new GenerateRefused(
      `This database is not empty (${users} accounts, ${organisations} programmes), so generate will not ` +
        "add fictional people to it. Point DATA_DIR (or DATABASE_URL) at an empty database.",
    );
}

/**
 * Fills an empty, migrated database with a fictional programme (see generateHelp). Writes through
 * the repositories' row shapes in multi-row INSERTs (set-up in transactions of 500 clients, then
 * about 200 000 rows of daily history per transaction, day by day across all clients); the marker
 * that says the data is complete is written last. The password is hashed once for every account.
 */
export async function generateInstallation(
  db: Db,
  options: GenerateOptions,
  now = new Date(),
  progress: (daysDone: number, days: number) => void = () => {},
): Promise<GenerateSummary> {
  const began = performance.now();
  await refuseNonEmpty(db);
  if (db.dialect === "sqlite") {
    // A bigger page cache (1 GiB, this connection only): the per-client indexes take inserts all over.
    await sql`pragma cache_size = -1048576`.execute(db.kysely);
  }
  const passwordHash = await hashPassword(generatedPassword);
  const random = randomStream(options.seed, 0);
  const nowMs = now.getTime();
  const setUpAt = nowMs - (options.days + 30) * 86_400_000;
  const id = (ms = setUpAt) => uuidv7At(ms, random);
  const organisationId = id();
  const adminId = id();
  const clinicianCount = Math.ceil(options.clients / options.caseload);
  const clinicianIds = Array.from({ length: clinicianCount }, () => id());
  // The care record draws from its own streams, so the recovery history stays as it was.
  const careRandom = randomStream(options.seed, careStream);
  const care: CareProgramme = {
    organisationId,
    adminId,
    clinicianIds,
    today: localDateOf(now, "Europe/London"),
    tracks: { residential: uuidv7At(setUpAt, careRandom), partner: uuidv7At(setUpAt, careRandom) },
  };
  const rows: Partial<Record<FilledTable, number>> = {};
  const tally = (writer: BulkWriter) => {
    for (const [table, n] of writer.written) rows[table] = (rows[table] ?? 0) + n;
  };
  const nameOf = () => `${pick(random, firstNames)} ${pick(random, lastNames)}`;
  const person = async (
    writer: BulkWriter,
    userId: string,
    name: string,
    email: string,
    role: "programme_admin" | "clinician" | "client",
    at: number,
  ) => {
    const when = new Date(at).toISOString();
    // The same rows as insertPasswordUser and insertMembership write, many to a statement.
    await writer.add("users", {
      id: userId,
      name,
      email,
      email_verified: false,
      image: null,
      created_at: when,
      updated_at: when,
    });
    await writer.add("accounts", {
      id: uuidv7At(at, random),
      user_id: userId,
      account_id: userId,
      provider_id: "credential",
      password: passwordHash,
      created_at: when,
      updated_at: when,
    });
    await writer.add("memberships", {
      id: uuidv7At(at, random),
      user_id: userId,
      organisation_id: organisationId,
      role,
      created_at: when,
    });
  };

  await db.kysely.transaction().execute(async (trx) => {
    const setUp = new Date(setUpAt);
    await insertSetting(trx, settingKeys.setupCompletedAt, setUp.toISOString(), setUp);
    await insertOrganisation(trx, {
      id: organisationId,
      name: "Northgate Recovery (generated)",
      time_zone: "Europe/London",
      kind: "both",
      created_at: setUp,
    });
    const writer = new BulkWriter(trx, db.dialect);
    await person(writer, adminId, "Morgan Hale", generatedEmails.admin, "programme_admin", setUpAt);
    for (const [i, clinicianId] of clinicianIds.entries())
      await person(
        writer,
        clinicianId,
        `Dr ${nameOf()}`,
        generatedEmails.clinician(i + 1),
        "clinician",
        setUpAt,
      );
    await writeAll(writer, { done: false, value: programmeCareRows(care, careRandom) });
    await writer.flush();
    tally(writer);
    await upsertRecoverySettings(trx, {
      organisationId,
      actTerm: "lapse",
      streakLabel: "days",
      userId: adminId,
      now: setUp,
    });
  });

  // Set-up first: every client with their account, care team, circles, triggers and start date.
  const todayIn = new Map<string, string>();
  const stories: Iterator<QueuedRow[]>[] = [];
  for (let first = 0; first < options.clients; first += clientsPerTransaction) {
    const last = Math.min(options.clients, first + clientsPerTransaction);
    await db.kysely.transaction().execute(async (trx) => {
      const writer = new BulkWriter(trx, db.dialect);
      for (let i = first; i < last; i++) {
        // Each client draws from their own stream: their history does not depend on the others.
        const own = randomStream(options.seed, i + 1);
        const timeZone = pick(own, zones);
        let today = todayIn.get(timeZone);
        if (!today) todayIn.set(timeZone, (today = localDateOf(now, timeZone)));
        const joinedAt = Date.parse(`${addDays(today, -options.days)}T08:00:00Z`);
        const clinicianUserId = clinicianIds[Math.floor(i / options.caseload)] ?? adminId;
        const seat: ClientSeat = {
          clientId: uuidv7At(joinedAt, own),
          clientUserId: uuidv7At(joinedAt, own),
          clinicianUserId,
          timeZone,
          today,
        };
        const name = `${pick(own, firstNames)} ${pick(own, lastNames)}`;
        // One in five is in the partners' programme, the rest on the men's residential track.
        const ownCare = randomStream(options.seed, careStream + 1 + i);
        const track = i % 5 === 4 ? "partner" : "residential";
        const gender = track === "residential" || ownCare() < 0.15 ? "man" : "woman";
        await person(writer, seat.clientUserId, name, generatedEmails.client(i + 1), "client", joinedAt);
        const when = new Date(joinedAt).toISOString();
        // insertClient and addCareTeamMember's rows.
        await writer.add("clients", {
          id: seat.clientId,
          user_id: seat.clientUserId,
          organisation_id: organisationId,
          time_zone: timeZone,
          placement_gender: gender,
          created_at: when,
        });
        await writer.add("care_team_members", {
          client_id: seat.clientId,
          clinician_user_id: clinicianUserId,
          assigned_by_user_id: adminId,
          created_at: when,
        });
        await writeAll(writer, {
          done: false,
          value: clientCareRows(
            care,
            { clientId: seat.clientId, clientToday: today, clinicianUserId, track },
            ownCare,
          ),
        });
        const story = clientStory(seat, options.days, own);
        stories.push(story);
        await writeAll(writer, story.next());
      }
      await writer.flush();
      tally(writer);
    });
  }
  progress(0, options.days);

  // Then the days, each day for every client before the next day: rows land in the tables in time
  // order, interleaved across clients, as a real programme's do (a client's year is spread out).
  const daysPerTransaction = Math.max(1, Math.floor(rowsPerTransaction / options.clients));
  for (let day = 0; day < options.days; day += daysPerTransaction) {
    const last = Math.min(options.days, day + daysPerTransaction);
    await db.kysely.transaction().execute(async (trx) => {
      const writer = new BulkWriter(trx, db.dialect);
      for (let d = day; d < last; d++) for (const story of stories) await writeAll(writer, story.next());
      await writer.flush();
      tally(writer);
    });
    progress(last, options.days);
  }

  await db.kysely.transaction().execute(async (trx) => {
    await insertSetting(
      trx,
      generatedMarker,
      JSON.stringify({ ...options, version: generatedVersion, at: now.toISOString() }),
      now,
    );
  });
  // What autovacuum would do soon after a bulk load: statistics for the planner, a visibility map for
  // index-only scans. (SQLite is left as Lantern leaves it: it never runs ANALYZE.)
  if (db.dialect === "postgres") await sql`vacuum analyze`.execute(db.kysely);
  const ordered = Object.fromEntries(fillOrder.filter((t) => rows[t]).map((t) => [t, rows[t]]));
  return { organisationId, rows: ordered, seconds: (performance.now() - began) / 1000 };
}

/** The sign-ins the benchmark uses, as printed at the end of `lantern generate`. */
export function generatedSignInText(url: string, options: GenerateOptions): string {
  const lastClinician = Math.ceil(options.clients / options.caseload);
  return [
    "Everyone in this programme is fictional. Sign in at " + url + " as:",
    `  ${generatedEmails.client(1)}  client (on ${generatedEmails.clinician(1)}'s caseload)`,
    `  ${generatedEmails.clinician(1)}  clinician (sets up two-step sign-in on first sign-in)`,
    `  ${generatedEmails.admin}  programme admin`,
    `Clients are client-1 to client-${options.clients}, clinicians clinician-1 to clinician-${lastClinician}.`,
    `Password for all of them: ${generatedPassword}`,
  ].join("\n");
}

/** `lantern generate`: parses the options, fills the database, prints the counts and sign-ins. */
export async function generateCommand(
  args: string[],
  open: () => Promise<{ db: Db; url: string }>,
  say: (text: string) => void,
  fail: (text: string) => void,
): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) return (say(generateHelp), 0);
  let options: GenerateOptions;
  try {
    options = parseGenerateArgs(args);
  } catch (error) {
    if (error instanceof GenerateUsageError) return (fail(error.message), 2);
    throw error;
  }
  const { db, url } = await open();
  try {
    say(
      `Generating ${options.clients} clients x ${options.days} days (caseload ${options.caseload}, ` +
        `seed ${options.seed}) into ${db.location}…`,
    );
    const began = performance.now();
    let shown = -1;
    const summary = await generateInstallation(db, options, new Date(), (done, days) => {
      const tenth = Math.floor((done / days) * 10);
      if (tenth === shown) return;
      shown = tenth;
      const seconds = ((performance.now() - began) / 1000).toFixed(1);
      say(done === 0 ? `  clients set up (${seconds} s)` : `  ${done} of ${days} days (${seconds} s)`);
    });
    const total = Object.values(summary.rows).reduce((a, b) => a + (b ?? 0), 0);
    const cpu = process.cpuUsage();
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    say(
      `Wrote ${total} rows in ${summary.seconds.toFixed(1)} s (this process used ${cpuSeconds.toFixed(1)} s of CPU):`,
    );
    say(
      Object.entries(summary.rows)
        .map(([table, n]) => `  ${table} ${n}`)
        .join("\n"),
    );
    say(generatedSignInText(url, options));
    return 0;
  } finally {
    await db.close();
  }
}
