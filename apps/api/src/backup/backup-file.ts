import { createHash } from "node:crypto";
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import zlib from "node:zlib";
import type { DialectName } from "../db/dialect.js";
import { type CanonicalValue, TableDigest } from "./canonical.js";

/**
 * The backup file: gzip'd JSON lines (docs/adr/0011-backup-format.md).
 *   {"format":"lantern-backup","version":1,"createdAt":…,"dialect":…,"migrations":[…]}
 *   per table: {"table":…,"columns":[…],"primaryKey":[…]}, one JSON array per row,
 *              {"tableEnd":…,"rows":N,"digest":…}
 *   {"end":"lantern-backup","tables":T,"rows":R,"sha256":…}   SHA-256 of every line before it
 */
export const backupFormat = "lantern-backup";
export const backupVersion = 1;

export interface BackupHeader {
  format: typeof backupFormat;
  version: number;
  createdAt: string;
  dialect: DialectName;
  migrations: string[];
}

/** A table as the file describes it, with its row count and digest. */
export interface BackupTable {
  name: string;
  columns: string[];
  primaryKey: string[];
  rows: number;
  digest: string;
}

export interface BackupContents {
  header: BackupHeader;
  tables: BackupTable[];
  rows: number;
}

/** A backup file that cannot be used; the message is one line that names the file and what is wrong. */
export class BackupFileError extends Error {}

/** Writes lines into a gzip file under a temporary name, keeping the running SHA-256. */
export class BackupWriter {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private readonly out: fs.WriteStream;
  private readonly hash = createHash("sha256");
  private readonly closed: Promise<void>;
  private readonly partial: string;

  constructor(private readonly file: string) {
    this.partial = `${file}.partial`;
    this.out = fs.createWriteStream(this.partial, { flags: "w", mode: 0o600 });
    this.gzip.pipe(this.out);
    this.closed = new Promise((resolve, reject) => {
      this.out.once("close", resolve);
      this.out.once("error", reject);
      this.gzip.once("error", reject);
    });
    // Rejections are awaited in finish(); this keeps an early failure from going unhandled.
    this.closed.catch(() => {});
  }

  async line(text: string): Promise<void> {
    const chunk = `${text}\n`;
    this.hash.update(chunk);
    if (!this.gzip.write(chunk)) await new Promise((r) => this.gzip.once("drain", r));
  }

  /** Writes the trailer, flushes the file to disk and gives it its final name. */
  async finish(trailer: { tables: number; rows: number }): Promise<number> {
    const sha256 = this.hash.digest("hex");
    this.gzip.end(`${JSON.stringify({ end: backupFormat, ...trailer, sha256 })}\n`);
    await this.closed;
    const fd = fs.openSync(this.partial, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(this.partial, this.file);
    return fs.statSync(this.file).size;
  }

  /** Removes the unfinished file after a failure. */
  abort(): void {
    this.gzip.destroy();
    this.out.destroy();
    fs.rmSync(this.partial, { force: true });
  }
}

/** Yields the file's lines, unzipped; gzip damage surfaces as a BackupFileError. */
async function* linesOf(file: string): AsyncGenerator<string> {
  let input: fs.ReadStream;
  try {
    fs.accessSync(file, fs.constants.R_OK);
    input = fs.createReadStream(file);
  } catch (error) {
    throw new BackupFileError(`cannot read the backup file ${file}: ${(error as Error).message}`);
  }
  const gunzip = zlib.createGunzip();
  input.on("error", (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      let at = rest.indexOf("\n");
      while (at >= 0) {
        yield rest.slice(0, at);
        rest = rest.slice(at + 1);
        at = rest.indexOf("\n");
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "Z_BUF_ERROR" || /unexpected end/i.test((error as Error).message)
        ? "it is truncated (the compressed data ends early)"
        : `it is corrupt (${(error as Error).message})`;
    throw new BackupFileError(`the backup file ${file} cannot be used: ${why}`);
  } finally {
    input.destroy();
  }
  rest += decoder.end();
  if (rest.length > 0) yield rest;
}

/**
 * Reads the whole file and checks it: header, every table's row count and digest, and the trailer's
 * SHA-256 over everything before it. `onRow` sees each row as it is read; a caller that writes must
 * first read the file once without writing, because a problem may show only at the end.
 */
export async function readBackup(
  file: string,
  onRow?: (table: BackupTable & { index: number }, values: CanonicalValue[]) => Promise<void> | void,
): Promise<BackupContents> {
  const fail = (why: string): never => {
    throw new BackupFileError(`the backup file ${file} cannot be used: ${why}`);
  };
  const hash = createHash("sha256");
  let header: BackupHeader | undefined;
  const tables: BackupTable[] = [];
  let current: { table: BackupTable; digest: TableDigest } | undefined;
  let total = 0;
  let ended = false;
  let lineNo = 0;

  for await (const line of linesOf(file)) {
    lineNo += 1;
    if (ended) fail(`it has data after its last line (line ${lineNo})`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      fail(`line ${lineNo} is damaged (not JSON)`);
    }
    if (!header) {
      const h = parsed as Partial<BackupHeader>;
      if (h?.format !== backupFormat) fail("it is not a Lantern backup");
      if (h.version !== backupVersion)
        fail(`it is format version ${h.version}; this Lantern reads version ${backupVersion}`);
      if (!Array.isArray(h.migrations) || (h.dialect !== "sqlite" && h.dialect !== "postgres"))
        fail("its header is damaged");
      header = h as BackupHeader;
      hash.update(`${line}\n`);
      continue;
    }
    if (Array.isArray(parsed)) {
      if (!current) fail(`line ${lineNo} is a row outside any table`);
      const { table, digest } = current as NonNullable<typeof current>;
      if (parsed.length !== table.columns.length)
        fail(
          `line ${lineNo} has ${parsed.length} values where ${table.name} has ${table.columns.length} columns`,
        );
      digest.add(line);
      hash.update(`${line}\n`);
      total += 1;
      if (onRow) await onRow({ ...table, index: tables.length }, parsed as CanonicalValue[]);
      continue;
    }
    const record = (parsed ?? {}) as Record<string, unknown>;
    if (typeof record.table === "string") {
      if (current) fail(`table ${record.table} starts before ${current.table.name} ends`);
      if (!Array.isArray(record.columns) || !Array.isArray(record.primaryKey))
        fail(`the description of table ${record.table} is damaged`);
      current = {
        table: {
          name: record.table,
          columns: record.columns as string[],
          primaryKey: record.primaryKey as string[],
          rows: 0,
          digest: "",
        },
        digest: new TableDigest(),
      };
    } else if (typeof record.tableEnd === "string") {
      if (!current || current.table.name !== record.tableEnd)
        fail(`line ${lineNo} ends a table never started`);
      const { table, digest } = current as NonNullable<typeof current>;
      if (record.rows !== digest.rows)
        fail(`table ${table.name} should have ${record.rows} rows but has ${digest.rows}`);
      if (record.digest !== digest.hex()) fail(`the rows of table ${table.name} do not match their checksum`);
      tables.push({ ...table, rows: digest.rows, digest: digest.hex() });
      current = undefined;
    } else if (record.end === backupFormat) {
      if (current) fail(`it ends inside table ${current.table.name}`);
      if (record.sha256 !== hash.digest("hex"))
        fail("its contents do not match the checksum in its last line");
      if (record.tables !== tables.length || record.rows !== total)
        fail("its last line counts a different number of tables or rows");
      ended = true;
      continue;
    } else {
      fail(`line ${lineNo} is not a part of a backup`);
    }
    hash.update(`${line}\n`);
  }
  if (!header) fail("it is empty");
  if (!ended) fail(`it is truncated (it stops after line ${lineNo}, before its last line)`);
  return { header: header as BackupHeader, tables, rows: total };
}
