import { createHash } from "node:crypto";

/** A value as the backup file holds it: JSON, the same whichever dialect it came from. */
export type CanonicalValue = string | number | null | { b64: string };

/** A value read from either dialect in one form: booleans as 0/1, instants as ISO-8601 UTC text. */
export function canonicalValue(value: unknown, where: string): CanonicalValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${where} holds ${value}, which a backup cannot keep`);
    return value;
  }
  if (typeof value === "bigint") {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new Error(`${where} holds an integer too large for a backup`);
    return Number(value);
  }
  if (value instanceof Uint8Array) return { b64: Buffer.from(value).toString("base64") };
  throw new Error(`${where} holds a ${typeof value} value, which a backup does not know how to keep`);
}

/** The value to insert on restore (binary back to bytes; everything else as stored). */
export function insertableValue(value: CanonicalValue): unknown {
  return value !== null && typeof value === "object" ? Buffer.from(value.b64, "base64") : value;
}

/** A row as one line of the file: its canonical values in the table's column order. */
export function rowLine(table: string, columns: string[], row: Record<string, unknown>): string {
  return JSON.stringify(columns.map((c) => canonicalValue(row[c], `${table}.${c}`)));
}

const modulus = 1n << 256n;

/**
 * An order-independent digest of a table: the sum, modulo 2^256, of the SHA-256 of every row line.
 * The two dialects sort text differently, so a digest that needs no common order lets a backup from
 * one dialect be compared with a database on the other; rows are unique by primary key, so a sum
 * (unlike XOR) cannot cancel out.
 */
export class TableDigest {
  private sum = 0n;
  rows = 0;

  add(line: string): void {
    this.sum = (this.sum + rowHash(line)) % modulus;
    this.rows += 1;
  }

  hex(): string {
    return this.sum.toString(16).padStart(64, "0");
  }
}

/** The SHA-256 of one row line, as a number. */
export function rowHash(line: string): bigint {
  return BigInt(`0x${createHash("sha256").update(line).digest("hex")}`);
}
