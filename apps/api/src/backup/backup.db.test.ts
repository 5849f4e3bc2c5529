import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test/databases.js";
import { appendAudit } from "../audit/audit.js";
import { seedDemo } from "../cli/demo.js";
import type { DialectName } from "../db/dialect.js";
import { writeBackup } from "./backup.js";
import { BackupFileError, readBackup } from "./backup-file.js";
import { canonicalValue } from "./canonical.js";
import { RestoreRefused, restoreBackup } from "./restore.js";
import { appliedMigrations, readTableShapes } from "./tables.js";
import { verifyBackup } from "./verify.js";

const other = (d: DialectName): DialectName => (d === "sqlite" ? "postgres" : "sqlite");

/** Every row of every table, canonical and sorted, so two databases compare with toEqual. */
async function everyRow(t: TestDatabase): Promise<Record<string, string[]>> {
  const kysely = t.db.kysely as unknown as Kysely<any>;
  const out: Record<string, string[]> = {};
  for (const shape of await readTableShapes(kysely, t.db.dialect)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(shape.name)}`.execute(kysely);
    out[shape.name] = rows
      .map((r) => JSON.stringify(shape.columns.map((c) => canonicalValue(r[c], c))))
      .sort();
  }
  return out;
}

describeEachDialect("backup, restore and verify", ({ get, dialect }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-backup-test-"));
  const file = path.join(dir, "lantern.backup.gz");
  const targets: TestDatabase[] = [];
  const fresh = async (d: DialectName = dialect) => {
    const t = await createTestDatabase(d);
    targets.push(t);
    return t;
  };

  beforeAll(async () => {
    await seedDemo(get().db);
    for (let i = 0; i < 5; i++)
      await appendAudit(get().db, {
        actorUserId: null,
        actorRole: null,
        organisationId: null,
        clientId: null,
        recordType: "test",
        recordId: `r-${i}`,
        action: "read",
        outcome: i % 2 ? "allowed" : "denied",
        requestId: null,
        ip: "127.0.0.1",
      });
  });
  afterAll(async () => {
    for (const t of targets) await t.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("restores a backup into a fresh database with every row identical, and verify agrees", async () => {
    const summary = await writeBackup(get().db, file);
    expect(summary.rows).toBeGreaterThan(100);
    const target = await fresh();
    const restored = await restoreBackup(target.db, file);
    expect(restored.rows).toBe(summary.rows);
    expect(restored.auditEvents).toBeGreaterThanOrEqual(5);
    expect(await everyRow(target)).toEqual(await everyRow(get()));
    const report = await verifyBackup(target.db, file);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.tables.every((t) => t.identical)).toBe(true);
  });

  it(`moves to the other dialect (${dialect} → ${other(dialect)}) with every row identical`, async () => {
    const target = await fresh(other(dialect));
    await restoreBackup(target.db, file);
    expect(await everyRow(target)).toEqual(await everyRow(get()));
    expect((await verifyBackup(target.db, file)).ok).toBe(true);
  });

  it("names the rows that differ and a broken audit chain", async () => {
    const target = await fresh();
    await restoreBackup(target.db, file);
    const one = await target.db.kysely
      .selectFrom("check_ins")
      .select("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    await target.db.kysely
      .updateTable("check_ins")
      .set({ mood: 1, stress: 9 })
      .where("id", "=", one.id)
      .execute();
    await target.db.kysely
      .updateTable("audit_events")
      .set({ action: "edited" })
      .where("seq", "=", 2)
      .execute();
    const report = await verifyBackup(target.db, file);
    expect(report.ok).toBe(false);
    expect(report.tables.find((t) => t.name === "check_ins")).toMatchObject({ identical: false, changed: 1 });
    expect(report.problems.join("\n")).toContain(one.id);
    expect(report.audit).toMatchObject({ ok: false, seq: 2 });
  });

  it("refuses a truncated file and a file with one changed byte, and changes nothing", async () => {
    const bytes = fs.readFileSync(file);
    const truncated = path.join(dir, "truncated.gz");
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const flipped = path.join(dir, "flipped.gz");
    const copy = Buffer.from(bytes);
    const at = Math.floor(copy.length / 2);
    copy[at] = (copy[at] as number) ^ 0x20;
    fs.writeFileSync(flipped, copy);
    // A change gzip cannot see (the file re-compressed): only Lantern's own checksums catch it.
    const edited = path.join(dir, "edited.gz");
    const text = zlib.gunzipSync(bytes).toString("utf8");
    const changed = text.replace(/"Sam Okafor"/, '"Sam Okafor!"');
    expect(changed).not.toBe(text);
    fs.writeFileSync(edited, zlib.gzipSync(changed));
    // The trailer removed: every table is whole, only the end is missing.
    const cut = path.join(dir, "cut.gz");
    fs.writeFileSync(cut, zlib.gzipSync(text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1)));

    const target = await fresh();
    for (const [bad, why] of [
      [truncated, /truncated/],
      [flipped, /cannot be used/],
      [edited, /do not match their checksum/],
      [cut, /truncated/],
    ] as const) {
      const error = await restoreBackup(target.db, bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupFileError);
      expect((error as Error).message).toMatch(why);
      expect((error as Error).message).not.toContain("\n");
      await expect(readBackup(bad)).rejects.toBeInstanceOf(BackupFileError);
    }
    // Nothing was written: not even the migrations ran.
    expect(await appliedMigrations(target.db.kysely as unknown as Kysely<any>, target.db.dialect)).toEqual(
      [],
    );
  });

  it("refuses to restore over a database that holds data unless forced", async () => {
    const target = await fresh();
    await restoreBackup(target.db, file);
    await target.db.kysely.deleteFrom("sessions").execute();
    const before = await everyRow(target);
    const refused = await restoreBackup(target.db, file).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RestoreRefused);
    expect((refused as Error).message).toMatch(/not empty .*--force/);
    expect(await everyRow(target)).toEqual(before);

    await restoreBackup(target.db, file, { force: true });
    expect(await everyRow(target)).toEqual(await everyRow(get()));
    expect((await verifyBackup(target.db, file)).ok).toBe(true);
  });

  it("restores into a database that Lantern already migrated but holds nothing", async () => {
    const target = await fresh();
    const { migrateToLatest } = await import("../db/migrate.js");
    await migrateToLatest(target.db);
    await restoreBackup(target.db, file);
    expect((await verifyBackup(target.db, file)).ok).toBe(true);
  });
});
