import {
  type AssessmentResult,
  assignableInstrument,
  assignableInstruments,
  dueState,
  type InstrumentSettingView,
  type InstrumentTrend,
  localDateOf,
  reliableChange,
  reliableChangeMarks,
  type SaveReliableChangeRequest,
} from "@lantern/domain";
import type { Executor } from "../../db/executor.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { loadClientContext } from "../recovery/client-context.js";
import {
  completedOf,
  deleteInstrumentSetting,
  instrumentSettingsOf,
  latestCompletedOfClients,
  openOfClients,
  schedulesWithDue,
  upsertInstrumentSetting,
} from "./schedules.repository.js";

const resultOf = (text: string | null): AssessmentResult | null =>
  text ? (JSON.parse(text) as AssessmentResult) : null;

/**
 * The client's totals over time, per instrument completed at least once, on the instrument's bands.
 * Reliable change uses the programme's threshold (Lantern ships none); without one it is null.
 */
export async function getTrends(
  db: Executor,
  clientId: string,
  now = new Date(),
): Promise<InstrumentTrend[]> {
  const context = await loadClientContext(db, clientId, now);
  const [rows, settings] = await Promise.all([
    completedOf(db, clientId),
    context.organisationId ? instrumentSettingsOf(db, context.organisationId) : Promise.resolve([]),
  ]);
  const trends: InstrumentTrend[] = [];
  for (const definition of assignableInstruments) {
    const own = rows.flatMap((row) => {
      const result = resultOf(row.result);
      return row.instrument_id === definition.id && result && row.completed_at
        ? [{ id: row.id, result, completedAt: toIso(row.completed_at) }]
        : [];
    });
    if (own.length === 0) continue;
    const setting = settings.find((s) => s.instrument_id === definition.id);
    const threshold = setting
      ? { points: Number(setting.reliable_change_points), source: setting.reliable_change_source }
      : null;
    const totals = own.map((o) => o.result.total);
    const marks = reliableChangeMarks(totals, threshold?.points ?? null, definition.higherIsBetter);
    trends.push({
      instrumentId: definition.id,
      title: definition.title,
      min: definition.total?.min ?? 0,
      max: definition.total?.max ?? Math.max(...totals),
      higherIsBetter: definition.higherIsBetter,
      bands: definition.bands.map((b) => ({ min: b.min, max: b.max, label: b.label })),
      points: own.map((o, index) => ({
        assessmentId: o.id,
        date: localDateOf(o.completedAt, context.timeZone),
        total: o.result.total,
        band: o.result.band,
        change: marks[index] ?? null,
      })),
      threshold,
      overall: reliableChange(totals, threshold?.points ?? null, definition.higherIsBetter),
    });
  }
  return trends;
}

/** The programme's reliable-change thresholds, one row per assignable instrument. */
export async function getInstrumentSettings(
  db: Executor,
  organisationId: string,
): Promise<InstrumentSettingView[]> {
  const settings = await instrumentSettingsOf(db, organisationId);
  return assignableInstruments.map((definition) => {
    const setting = settings.find((s) => s.instrument_id === definition.id);
    return {
      instrumentId: definition.id,
      title: definition.title,
      points: setting ? Number(setting.reliable_change_points) : null,
      source: setting ? setting.reliable_change_source : null,
    };
  });
}

/**
 * A programme admin sets (or, with null points, removes) the reliable-change threshold of one
 * instrument. A threshold needs its source, so the chart can say where it came from.
 */
export async function saveInstrumentSetting(
  db: Executor,
  organisationId: string,
  instrumentId: string,
  userId: string,
  body: SaveReliableChangeRequest,
  now = new Date(),
): Promise<InstrumentSettingView[]> {
  if (!assignableInstrument(instrumentId))
    throw new HttpProblem(400, "validation", "That questionnaire has no settings.", undefined, [
      { field: "instrumentId", message: "Pick PHQ-9 or GAD-7." },
    ]);
  const source = body.source.trim();
  if (body.points === null) await deleteInstrumentSetting(db, organisationId, instrumentId);
  else {
    if (source.length === 0)
      throw new HttpProblem(400, "validation", "Say where the threshold comes from.", undefined, [
        { field: "source", message: "Name the source of the threshold (a paper, a guideline)." },
      ]);
    await upsertInstrumentSetting(db, {
      organisation_id: organisationId,
      instrument_id: instrumentId,
      reliable_change_points: body.points,
      reliable_change_source: source,
      updated_by_user_id: userId,
      updated_at: now,
    });
  }
  return getInstrumentSettings(db, organisationId);
}

/** Shown on the caseload: PHQ-9 and GAD-7. */
const caseloadInstruments = ["phq-9", "gad-7"];

/**
 * For a whole caseload, three queries whatever its size: each client's latest PHQ-9 and GAD-7
 * result, and whether something is due or overdue (an open assessment, or a schedule occurrence due
 * today that the sweep has not yet turned into one).
 */
export async function caseloadAssessments(
  db: Executor,
  clients: readonly { id: string; today: string }[],
  now = new Date(),
) {
  const ids = clients.map((c) => c.id);
  const [latest, open, scheduled] = await Promise.all([
    latestCompletedOfClients(db, ids, caseloadInstruments),
    openOfClients(db, ids),
    schedulesWithDue(db, localDateOf(now, "Pacific/Kiritimati"), ids),
  ]);
  const byClient = new Map(
    clients.map((c) => [
      c.id,
      {
        latestScores: [] as { instrumentId: string; total: number; band: string | null; date: string }[],
        assessmentsDue: null as "due" | "overdue" | null,
      },
    ]),
  );
  for (const row of latest) {
    const entry = byClient.get(row.client_id);
    const result = resultOf(row.result);
    if (!entry || !result || !row.completed_at) continue;
    if (entry.latestScores.some((s) => s.instrumentId === row.instrument_id)) continue;
    entry.latestScores.push({
      instrumentId: row.instrument_id,
      total: result.total,
      band: result.band,
      date: toIso(row.completed_at),
    });
  }
  const worse = (a: "due" | "overdue" | null, b: "due" | "overdue" | null) =>
    a === "overdue" || b === "overdue" ? "overdue" : (a ?? b);
  const todayOf = new Map(clients.map((c) => [c.id, c.today]));
  for (const row of open) {
    const entry = byClient.get(row.client_id);
    const today = todayOf.get(row.client_id);
    if (entry && today) entry.assessmentsDue = worse(entry.assessmentsDue, dueState(row.due_date, today));
  }
  for (const row of scheduled) {
    const entry = byClient.get(row.client_id);
    const today = todayOf.get(row.client_id);
    if (entry && today && row.next_day)
      entry.assessmentsDue = worse(entry.assessmentsDue, dueState(row.next_day, today));
  }
  for (const entry of byClient.values())
    entry.latestScores.sort(
      (a, b) => caseloadInstruments.indexOf(a.instrumentId) - caseloadInstruments.indexOf(b.instrumentId),
    );
  return byClient;
}
