import type { UrgeOutcome, UrgeStats } from "./contracts.js";

/** The parts of an urge the statistics need; both the API rows and UrgeView fit. */
export interface UrgeForStats {
  startedAt: string | Date;
  endedAt: string | Date;
  intensities: readonly number[];
  outcome: UrgeOutcome;
}

/** Minutes from start to end of an urge, to one decimal place (never negative). */
export function urgeMinutes(startedAt: string | Date, endedAt: string | Date): number {
  const ms = new Date(endedAt).getTime() - new Date(startedAt).getTime();
  return Math.max(0, Math.round(ms / 6_000) / 10);
}

/** The strongest rating of an urge (0 when it had none). */
export function urgePeak(intensities: readonly number[]): number {
  return intensities.reduce((max, n) => (n > max ? n : max), 0);
}

/** The median of a list of numbers; null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(value * 10) / 10;
}

/**
 * How urges tend to go: the median length in minutes, the share (0–1) that passed without acting on
 * them, and the median peak. All null with no urges, so the app can say "no urges logged yet".
 */
export function urgeStats(urges: readonly UrgeForStats[]): UrgeStats {
  if (urges.length === 0) return { count: 0, medianMinutes: null, passedShare: null, medianPeak: null };
  const passed = urges.filter((u) => u.outcome === "passed").length;
  return {
    count: urges.length,
    medianMinutes: median(urges.map((u) => urgeMinutes(u.startedAt, u.endedAt))),
    passedShare: Math.round((passed / urges.length) * 1000) / 1000,
    medianPeak: median(urges.map((u) => urgePeak(u.intensities))),
  };
}
