import { z } from "zod";

/**
 * Trends of questionnaire totals over time, and reliable change. Lantern ships no reliable-change
 * threshold (the published ones are not verified); a programme admin sets one per instrument, with
 * its source, and the chart uses it. Without one the chart says so and marks nothing.
 */

export const ReliableChangeSetting = z.object({
  instrumentId: z.string(),
  /** A change of at least this many points from the first score is reliable. */
  points: z.number().positive(),
  /** Where the programme took the threshold from (free text). */
  source: z.string(),
});
export type ReliableChangeSetting = z.infer<typeof ReliableChangeSetting>;

export const SaveReliableChangeRequest = z.strictObject({
  /** Null removes the programme's threshold for this instrument. */
  points: z
    .number("Write the threshold as a number of points.")
    .positive("Use a number of points above 0.")
    .max(1000, "Use at most 1000 points.")
    .nullable(),
  source: z.string().trim().max(500, "Use at most 500 characters for the source."),
});
export type SaveReliableChangeRequest = z.input<typeof SaveReliableChangeRequest>;

export type ChangeKind = "improvement" | "deterioration" | "no_reliable_change";

export interface ReliableChangeResult {
  /** Latest total minus first total. */
  change: number;
  kind: ChangeKind;
}

/**
 * The change from the first score to the latest, against a threshold: a change of at least
 * `threshold` points is reliable, an improvement when it goes the instrument's better way. Null with
 * fewer than two scores or without a threshold.
 */
export function reliableChange(
  totals: readonly number[],
  threshold: number | null,
  higherIsBetter: boolean,
): ReliableChangeResult | null {
  if (threshold === null || threshold <= 0 || totals.length < 2) return null;
  const first = totals[0] as number;
  const change = (totals.at(-1) as number) - first;
  if (Math.abs(change) < threshold) return { change, kind: "no_reliable_change" };
  const better = higherIsBetter ? change > 0 : change < 0;
  return { change, kind: better ? "improvement" : "deterioration" };
}

/** For each score, whether it differs from the first by at least the threshold (and which way). */
export function reliableChangeMarks(
  totals: readonly number[],
  threshold: number | null,
  higherIsBetter: boolean,
): (ChangeKind | null)[] {
  return totals.map((_, index) =>
    index === 0
      ? null
      : (reliableChange([totals[0] as number, totals[index] as number], threshold, higherIsBetter)?.kind ??
        null),
  );
}

export const TrendPoint = z.object({
  assessmentId: z.string(),
  /** The client's local day it was completed. */
  date: z.string(),
  total: z.number(),
  band: z.string().nullable(),
  /** Reliable change from the first score, when the programme set a threshold. */
  change: z.enum(["improvement", "deterioration", "no_reliable_change"]).nullable(),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const InstrumentTrend = z.object({
  instrumentId: z.string(),
  title: z.string(),
  min: z.number(),
  max: z.number(),
  higherIsBetter: z.boolean(),
  bands: z.array(z.object({ min: z.number(), max: z.number(), label: z.string() })),
  points: z.array(TrendPoint),
  /** The programme's threshold and its source, or null when none is set. */
  threshold: z.object({ points: z.number(), source: z.string() }).nullable(),
  /** First to latest, against the threshold; null without a threshold or with fewer than two scores. */
  overall: z
    .object({ change: z.number(), kind: z.enum(["improvement", "deterioration", "no_reliable_change"]) })
    .nullable(),
});
export type InstrumentTrend = z.infer<typeof InstrumentTrend>;

/** One instrument's row in the programme's settings: its threshold, or nulls when none is set. */
export const InstrumentSettingView = z.object({
  instrumentId: z.string(),
  title: z.string(),
  points: z.number().nullable(),
  source: z.string().nullable(),
});
export type InstrumentSettingView = z.infer<typeof InstrumentSettingView>;
