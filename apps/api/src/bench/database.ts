import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import {
  type GenerateOptions,
  generatedMarker,
  generatedVersion,
  generateInstallation,
} from "../cli/generate.js";
import type { Config } from "../config.js";
import { openDatabase } from "../db/dialect.js";
import { migrateToLatest } from "../db/migrate.js";
import { getSetting } from "../features/instance/instance.repository.js";

/** Where generated databases are kept between runs (one per dialect and options). */
export const benchDataDir = path.join(os.tmpdir(), "lantern-bench");

/** A database the benchmark may write to: a fresh copy of the generated one. */
export interface BenchDatabase {
  database: Config["database"];
  /** When the generated data was made (its "today" is the day before the history ends plus one). */
  generatedAt: string;
  /** Seconds spent generating in this run, or null when the generated database was reused. */
  generateSeconds: number | null;
}

const key = (o: GenerateOptions) => `c${o.clients}_d${o.days}_k${o.caseload}_s${o.seed}`;

async function markerOf(database: Config["database"]): Promise<string | null> {
  const db = await openDatabase(database);
  try {
    await migrateToLatest(db);
    const marker = await getSetting(db.kysely, generatedMarker);
    if (!marker) return null;
    const { at, version } = JSON.parse(marker) as { at: string; version?: number };
    // Made by an older generator (without the rows this bench now reads): generate again.
    return version === generatedVersion ? at : null;
  } catch {
    return null;
  } finally {
    await db.close();
  }
}

async function generate(database: Config["database"], options: GenerateOptions, say: (t: string) => void) {
  say(`Generating ${options.clients} clients x ${options.days} days (kept for later runs)…`);
  const db = await openDatabase(database);
  try {
    await migrateToLatest(db);
    const summary = await generateInstallation(db, options);
    say(`  generated in ${summary.seconds.toFixed(1)} s`);
    return summary.seconds;
  } finally {
    await db.close();
  }
}

/**
 * Generates (or reuses, keyed by the options) a database, then makes the copy this run writes to:
 * a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. Every run starts from the same
 * rows, and the generated database is never written by a benchmark.
 */
export async function prepareBenchDatabase(
  options: GenerateOptions,
  databaseUrl: string | undefined,
  fresh: boolean,
  say: (text: string) => void,
): Promise<BenchDatabase> {
  if (!databaseUrl) {
    const dir = path.join(benchDataDir, `sqlite_${key(options)}`);
    const template = { kind: "sqlite" as const, file: path.join(dir, "lantern.sqlite") };
    let generatedAt = fresh ? null : fs.existsSync(template.file) ? await markerOf(template) : null;
    let generateSeconds: number | null = null;
    if (!generatedAt) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      generateSeconds = await generate(template, options, say);
      generatedAt = (await markerOf(template)) ?? "";
    } else say(`Reusing the generated database in ${dir} (from ${generatedAt}; --fresh makes a new one).`);
    const runDir = path.join(benchDataDir, "run-sqlite");
    fs.rmSync(runDir, { recursive: true, force: true });
    fs.mkdirSync(runDir, { recursive: true });
    for (const suffix of ["", "-wal"])
      if (fs.existsSync(template.file + suffix))
        fs.copyFileSync(template.file + suffix, path.join(runDir, `lantern.sqlite${suffix}`));
    return {
      database: { kind: "sqlite", file: path.join(runDir, "lantern.sqlite") },
      generatedAt,
      generateSeconds,
    };
  }

  const templateName = `lantern_bench_${key(options)}`;
  const runName = "lantern_bench_run";
  const urlOf = (name: string) => {
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const exists = async (name: string) =>
      ((await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount ?? 0) > 0;
    const template = { kind: "postgres" as const, url: urlOf(templateName) };
    let generatedAt = !fresh && (await exists(templateName)) ? await markerOf(template) : null;
    let generateSeconds: number | null = null;
    if (!generatedAt) {
      await admin.query(`drop database if exists ${templateName} with (force)`);
      await admin.query(`create database ${templateName}`);
      generateSeconds = await generate(template, options, say);
      generatedAt = (await markerOf(template)) ?? "";
    } else
      say(`Reusing the generated database ${templateName} (from ${generatedAt}; --fresh makes a new one).`);
    await admin.query(`drop database if exists ${runName} with (force)`);
    await admin.query(`create database ${runName} template ${templateName}`);
    return { database: { kind: "postgres", url: urlOf(runName) }, generatedAt, generateSeconds };
  } finally {
    await admin.end();
  }
}
