import {
  addDays,
  type CheckInView,
  daysBetween,
  type Halt,
  isCheckInEditable,
  isLateCheckIn,
  type SaveCheckInRequest,
  unknownItemErrors,
  uuidv7,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { z } from "zod";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { type CheckInsTable, type LedgerEventsTable, toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { currentCircleItems } from "../circles/circles.repository.js";
import { insertLedgerEvent, ledgerEventsOf } from "../ledger/ledger.repository.js";
import { summariseRows, voidedIds } from "../ledger/ledger.service.js";
import { loadClientContext, parseJsonList, refuseFutureDate, toBool } from "../recovery/client-context.js";
import {
  checkInsBetween,
  findCheckIn,
  findCheckInOn,
  insertCheckIn,
  updateCheckIn,
} from "./check-ins.repository.js";

type CheckInRow = Selectable<CheckInsTable>;
type Answers = z.output<typeof SaveCheckInRequest>;

const noHalt: Halt = { hungry: false, angry: false, lonely: false, tired: false };

function parseHalt(stored: string): Halt {
  try {
    const value = JSON.parse(stored) as Partial<Halt>;
    return {
      hungry: value.hungry === true,
      angry: value.angry === true,
      lonely: value.lonely === true,
      tired: value.tired === true,
    };
  } catch {
    return noHalt;
  }
}

/** A stored check-in as the API shows it; `today` decides whether it can still be changed. */
export function toCheckInView(row: CheckInRow, today: string): CheckInView {
  return {
    id: row.id,
    date: row.date,
    mood: row.mood,
    feelings: parseJsonList(row.feelings),
    halt: parseHalt(row.halt),
    stress: row.stress,
    sleepHours: Number(row.sleep_hours),
    sleepQuality: row.sleep_quality,
    urgeStrength: row.urge_strength,
    middleItemIds: parseJsonList(row.middle_item_ids),
    outerItemIds: parseJsonList(row.outer_item_ids),
    innerCircle: toBool(row.inner_circle),
    note: row.note,
    late: toBool(row.late),
    editable: isCheckInEditable(row.saved_on, today),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The answer columns of a check-in, in a fixed form so a resent answer compares equal. */
function answerColumns(a: Answers) {
  return {
    mood: a.mood,
    feelings: JSON.stringify(a.feelings),
    halt: JSON.stringify({
      hungry: a.halt.hungry,
      angry: a.halt.angry,
      lonely: a.halt.lonely,
      tired: a.halt.tired,
    }),
    stress: a.stress,
    sleep_hours: a.sleepHours,
    sleep_quality: a.sleepQuality,
    urge_strength: a.urgeStrength,
    middle_item_ids: JSON.stringify(a.middleItemIds),
    outer_item_ids: JSON.stringify(a.outerItemIds),
    inner_circle: a.innerCircle,
    note: a.note ?? null,
  };
}

function sameAnswers(row: CheckInRow, columns: ReturnType<typeof answerColumns>): boolean {
  return (
    row.mood === columns.mood &&
    row.feelings === columns.feelings &&
    JSON.stringify(parseHalt(row.halt)) === columns.halt &&
    row.stress === columns.stress &&
    Number(row.sleep_hours) === columns.sleep_hours &&
    row.sleep_quality === columns.sleep_quality &&
    row.urge_strength === columns.urge_strength &&
    row.middle_item_ids === columns.middle_item_ids &&
    row.outer_item_ids === columns.outer_item_ids &&
    toBool(row.inner_circle) === columns.inner_circle &&
    row.note === columns.note
  );
}

const fieldProblem = (title: string, errors: { field: string; message: string }[]) =>
  new HttpProblem(400, "validation", title, undefined, errors);

/**
 * Saves the check-in for one local day: new (201, marked late when its day has passed) or a change
 * on the day it was first saved (200). Resending the same id is harmless. A "yes" to the inner
 * circle adds one ledger event for the day; changing it back the same day voids that event.
 */
export async function saveCheckIn(
  db: Db,
  clientId: string,
  userId: string,
  date: string,
  answers: Answers,
): Promise<{ created: boolean; view: CheckInView }> {
  try {
    return await saveOnce(db, clientId, userId, date, answers);
  } catch (error) {
    // Two copies of one submission racing: the second now sees the first and answers like a retry.
    if (isUniqueViolation(error)) return saveOnce(db, clientId, userId, date, answers);
    throw error;
  }
}

async function saveOnce(
  db: Db,
  clientId: string,
  userId: string,
  date: string,
  answers: Answers,
): Promise<{ created: boolean; view: CheckInView }> {
  const ctx = await loadClientContext(db.kysely, clientId);
  const today = ctx.today;
  refuseFutureDate(date, today);
  const columns = answerColumns(answers);

  return db.kysely.transaction().execute(async (trx) => {
    const byId = await findCheckIn(trx, answers.id);
    if (byId && (byId.client_id !== clientId || byId.date !== date))
      throw new HttpProblem(
        409,
        "conflict",
        "That id belongs to another check-in.",
        "Make a new id for a new check-in.",
      );
    // A resent submission, even after its day: nothing to change.
    if (byId && sameAnswers(byId, columns)) return { created: false, view: toCheckInView(byId, today) };

    const byDate = byId ?? (await findCheckInOn(trx, clientId, date));
    if (byDate && byDate.id !== answers.id)
      throw new HttpProblem(
        409,
        "conflict",
        "There is already a check-in for this day.",
        "Open that check-in to change it instead of starting a new one.",
      );
    if (byDate && !isCheckInEditable(byDate.saved_on, today))
      throw new HttpProblem(
        409,
        "conflict",
        "This check-in can no longer be changed.",
        "A check-in can be changed on the day it was saved. You can write what you would add in your journal.",
      );

    const ledgerRows = await ledgerEventsOf(trx, clientId);
    const start = summariseRows(ledgerRows, today).startDate;
    if (start !== null && date < start)
      throw fieldProblem("That day is before your start date.", [
        { field: "date", message: `Use your start date (${start}) or a later day.` },
      ]);
    const items = await currentCircleItems(trx, clientId);
    const ids = (circle: string) => new Set(items.filter((i) => i.circle === circle).map((i) => i.id));
    const itemErrors = [
      ...unknownItemErrors(answers.middleItemIds, ids("middle"), "middleItemIds"),
      ...unknownItemErrors(answers.outerItemIds, ids("outer"), "outerItemIds"),
    ];
    if (itemErrors.length > 0) throw fieldProblem("Some behaviours are not in your circles.", itemErrors);

    const now = new Date();
    if (byDate) {
      await updateCheckIn(trx, byDate.id, { ...columns, updated_at: now });
    } else {
      await insertCheckIn(trx, {
        id: answers.id,
        client_id: clientId,
        date,
        ...columns,
        late: isLateCheckIn(date, today),
        saved_on: today,
        created_at: now,
        updated_at: now,
      });
    }
    await syncLedger(trx, ledgerRows, {
      clientId,
      userId,
      checkInId: answers.id,
      date,
      innerCircle: answers.innerCircle,
      now,
    });

    const saved = await findCheckIn(trx, answers.id);
    if (!saved) throw new Error("check-in vanished inside its own transaction");
    return { created: !byDate, view: toCheckInView(saved, today) };
  });
}

/** Keeps exactly one live inner-circle event for a check-in that says yes, and none for one that says no. */
async function syncLedger(
  trx: Executor,
  ledgerRows: readonly Selectable<LedgerEventsTable>[],
  c: { clientId: string; userId: string; checkInId: string; date: string; innerCircle: boolean; now: Date },
): Promise<void> {
  // Voids from anywhere count (the client may have corrected the event on the ledger page).
  const voided = voidedIds(ledgerRows);
  const live = ledgerRows.filter(
    (e) =>
      e.kind === "inner_circle_act" &&
      e.source === "check_in" &&
      e.source_id === c.checkInId &&
      !voided.has(e.id),
  );
  const base = {
    client_id: c.clientId,
    note: null,
    source: "check_in",
    source_id: c.checkInId,
    recorded_by_user_id: c.userId,
    recorded_at: c.now,
  };
  if (c.innerCircle && live.length === 0)
    await insertLedgerEvent(trx, {
      ...base,
      id: uuidv7(),
      kind: "inner_circle_act",
      date: c.date,
      target_id: null,
    });
  if (!c.innerCircle)
    for (const act of live)
      await insertLedgerEvent(trx, { ...base, id: uuidv7(), kind: "void", date: null, target_id: act.id });
}

/** The client's check-ins between two days (the last 30 days by default), newest first. */
export async function listCheckIns(
  db: Executor,
  clientId: string,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<CheckInView[]> {
  const ctx = await loadClientContext(db, clientId);
  const to = range.to ?? ctx.today;
  const from = range.from ?? addDays(to, -29);
  if (from > to)
    throw fieldProblem("The range ends before it starts.", [
      { field: "from", message: "Use a day on or before `to`." },
    ]);
  if (daysBetween(from, to) > 366)
    throw fieldProblem("That range is too long.", [
      { field: "from", message: "Ask for at most a year at a time." },
    ]);
  const rows = await checkInsBetween(db, clientId, from, to);
  return rows.map((r) => toCheckInView(r, ctx.today));
}
