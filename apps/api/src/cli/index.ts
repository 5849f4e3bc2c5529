import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { verifyAuditChain } from "../audit/audit.js";
import { BackupFileError } from "../backup/backup-file.js";
import { RestoreRefused } from "../backup/restore.js";
import { ConfigError, loadConfig } from "../config.js";
import { DatabaseOpenError, openDatabase } from "../db/dialect.js";
import { migrateToLatest } from "../db/migrate.js";
import { HttpProblem } from "../http/problem.js";
import { BackupUsageError, backupHelp, runBackupCommand } from "./backup.js";
import { createAdmin, createAdminHelp, createOwner, createOwnerHelp } from "./create-admin.js";
import { DemoRefused, demoSignInText, seedDemo } from "./demo.js";
import { GenerateRefused, generateCommand, generateHelp } from "./generate.js";

const help = `Lantern command line

Usage: npm run lantern -- <command> [options]

Commands:
  migrate         Apply pending database migrations (npm start does this too).
  create-admin    Create a programme admin account. On a new installation it also creates the
                  programme, which completes first-run setup without the web page.
  create-owner    Create the instance owner, who sets installation-wide options (self sign-up).
  demo            Fill an empty database with a fictional demo programme and print its sign-ins.
  generate        Fill an empty database with a large fictional programme for benchmarks
                  (--clients N --days D; "help generate" for the options).
  audit verify    Walk the hash-chained audit log and name the first broken link, if any.
  backup <file>   Write an online, consistent backup (gzip'd JSON lines) while Lantern runs.
  restore <file>  Restore a backup into an empty database (--force replaces a non-empty one).
  verify <file>   Compare the database with a backup row by row, and walk the audit chain.
  help            Show this text. "help <command>" shows a command's options.

The database comes from the environment, as for npm start:
  DATA_DIR        folder for the SQLite database (default ./data)
  DATABASE_URL    postgres://user:password@host:port/database selects PostgreSQL instead
`;

/** A CLI failure: printed as one line, exit code 1. */
export class CliError extends Error {}

/** Runs one CLI command; resolves to the process exit code. */
export async function runCli(
  argv: string[],
  io = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const [command, ...rest] = argv;
  const say = (text: string) => io.out.write(`${text}\n`);
  try {
    switch (command) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        say(
          rest[0] === "create-admin"
            ? createAdminHelp
            : rest[0] === "create-owner"
              ? createOwnerHelp
              : ["backup", "restore", "verify"].includes(rest[0] ?? "")
                ? backupHelp
                : rest[0] === "generate"
                  ? generateHelp
                  : help,
        );
        return 0;
      case "migrate": {
        if (rest.includes("--help")) return (say("Usage: npm run lantern -- migrate"), 0);
        const db = await openDatabase(loadConfig().database);
        try {
          const applied = await migrateToLatest(db);
          say(
            applied.length
              ? `Applied ${applied.join(", ")} to ${db.location}.`
              : `${db.location} is up to date.`,
          );
        } finally {
          await db.close();
        }
        return 0;
      }
      case "create-admin":
        return await createAdmin(rest, say);
      case "create-owner":
        return await createOwner(rest, say);
      case "demo": {
        if (rest.includes("--help")) return (say("Usage: npm run lantern -- demo"), 0);
        parseArgs({ args: rest, options: {}, strict: true });
        const config = loadConfig();
        const db = await openDatabase(config.database);
        try {
          await migrateToLatest(db);
          const outcome = await seedDemo(db);
          say(outcome === "seeded" ? "Demo programme created." : "The demo programme is already here.");
          say(demoSignInText(config.publicUrl));
        } finally {
          await db.close();
        }
        return 0;
      }
      case "generate": {
        const open = async () => {
          const config = loadConfig();
          const db = await openDatabase(config.database);
          await migrateToLatest(db);
          return { db, url: config.publicUrl };
        };
        return await generateCommand(rest, open, say, (text) => io.err.write(`lantern: ${text}\n`));
      }
      case "audit": {
        if (rest[0] !== "verify") throw new CliError("usage: npm run lantern -- audit verify");
        const db = await openDatabase(loadConfig().database);
        try {
          await migrateToLatest(db);
          const result = await verifyAuditChain(db);
          if (result.ok) {
            say(`Audit log intact: ${result.count} events, every link checked.`);
            return 0;
          }
          io.err.write(
            `lantern: audit log broken at event ${result.seq}: ${result.problem} (${result.count} events before it are intact)\n`,
          );
          return 2;
        } finally {
          await db.close();
        }
      }
      case "backup":
      case "restore":
      case "verify":
        return await runBackupCommand(command, rest, say, (text) => io.err.write(`${text}\n`));
      default:
        throw new CliError(`unknown command "${command}"; run "npm run lantern -- help" for the list`);
    }
  } catch (error) {
    io.err.write(`lantern: ${describe(error)}\n`);
    return 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof HttpProblem) {
    const fields = error.errors?.map((e) => `${e.field}: ${e.message}`).join("; ");
    return fields ? `${error.title} (${fields})` : error.title;
  }
  if (
    error instanceof CliError ||
    error instanceof ConfigError ||
    error instanceof DatabaseOpenError ||
    error instanceof DemoRefused ||
    error instanceof GenerateRefused ||
    error instanceof BackupFileError ||
    error instanceof RestoreRefused ||
    error instanceof BackupUsageError
  ) {
    return error.message;
  }
  if (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    return `${error.message.split("\n")[0]} (see "npm run lantern -- help")`;
  }
  return error instanceof Error ? error.message : String(error);
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isEntry) runCli(process.argv.slice(2)).then((code) => process.exit(code));
