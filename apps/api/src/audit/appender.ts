import type { Db } from "../db/dialect.js";
import { type AuditEntry, appendAuditEvents } from "./audit.js";

interface Waiting {
  entry: AuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** At most this many events go in one append; the rest wait for the next. */
const batchLimit = 500;

/**
 * Group commit for the access check's audit events. Every request on a client's record must have its
 * event committed before the handler runs; appending each in its own transaction makes concurrent
 * requests queue on the chain head one commit (and one fsync) at a time. Here, events that arrive
 * while an append is being committed wait for the next one and are written together, in arrival
 * order, under one lock of the chain head. Each caller's promise settles only when its own event has
 * committed (or the append failed, and then the request is refused), so nothing is read or written
 * before it is audited. Within one process there is one append in flight; between processes the chain
 * head's row lock (PostgreSQL) still orders them.
 */
export class AuditAppender {
  private queue: Waiting[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  append(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, batchLimit);
        try {
          await appendAuditEvents(
            this.db,
            batch.map((waiting) => waiting.entry),
          );
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.draining = null;
    }
  }
}
