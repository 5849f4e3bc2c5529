import {
  type InstrumentDefinition,
  type InstrumentItem,
  isScorable,
  type SeverityBand,
} from "./definition.js";

/** A client's answers: item id → the answer option's code. */
export type InstrumentAnswers = Readonly<Record<string, string>>;

export type ScoringProblem = {
  /** The item the problem is about; absent for a problem with the whole definition. */
  itemId?: string;
  kind: "unknown_item" | "not_an_option" | "missing_answer" | "definition_incomplete";
  message: string;
};

export type ScoreFlag = { flag: "safety"; itemId: string; message: string };

export type ScreenResult = { label: string; atLeast: number; sex?: "male" | "female"; positive: boolean };

export type ScoreResult = {
  ok: true;
  instrumentId: string;
  version: string;
  total: number;
  /** True when missing answers were allowed and the total was prorated. */
  prorated: boolean;
  answeredCount: number;
  missingItemIds: string[];
  /** Subscale id → sum, or null when an item of that subscale is unanswered. */
  subscales: Record<string, number | null>;
  band: SeverityBand | null;
  flags: ScoreFlag[];
  screens: ScreenResult[];
  /** Points per answered item after reverse keying (unscored items included, but not counted). */
  itemPoints: Record<string, number>;
};

export type ScoreFailure = { ok: false; problems: ScoringProblem[] };

export type ScoreOptions = {
  /** For instruments with sex-specific cut-offs; without it every cut-off is reported. */
  sex?: "male" | "female";
};

function pointsFor(item: InstrumentItem, value: number): number {
  if (!item.reversed) return value;
  const values = item.options.map((option) => option.value);
  return Math.min(...values) + Math.max(...values) - value;
}

/**
 * Scores one administration. Pure: the same definition and answers always give the same result.
 *
 * Total = sum of the points of the scored items (reverse-keyed items as (lowest + highest) − value).
 * When the definition allows missing answers (prorate, at most N), total = round(sum × scored items /
 * answered scored items), half away from zero.
 */
export function scoreResponse(
  definition: InstrumentDefinition,
  answers: InstrumentAnswers,
  options: ScoreOptions = {},
): ScoreResult | ScoreFailure {
  if (!isScorable(definition)) {
    return {
      ok: false,
      problems: [
        {
          kind: "definition_incomplete",
          message: `${definition.title} cannot be scored yet: ${definition.incomplete.join("; ") || "answer values are missing"}.`,
        },
      ],
    };
  }

  const problems: ScoringProblem[] = [];
  const byId = new Map(definition.items.map((item) => [item.id, item]));

  for (const itemId of Object.keys(answers)) {
    if (!byId.has(itemId)) {
      problems.push({
        itemId,
        kind: "unknown_item",
        message: `${definition.title} has no item ${itemId}.`,
      });
    }
  }

  const itemPoints: Record<string, number> = {};
  const missingItemIds: string[] = [];
  for (const item of definition.items) {
    const code = answers[item.id];
    if (code === undefined) {
      if (item.scored) missingItemIds.push(item.id);
      continue;
    }
    const option = item.options.find((candidate) => candidate.code === code);
    if (!option) {
      problems.push({
        itemId: item.id,
        kind: "not_an_option",
        message: `Item ${item.id} has no answer ${JSON.stringify(code)}; use one of ${item.options
          .map((candidate) => candidate.code)
          .join(", ")}.`,
      });
      continue;
    }
    itemPoints[item.id] = pointsFor(item, option.value);
  }

  const rule = definition.missing;
  const allowedMissing = rule.kind === "prorate" ? rule.maxMissing : 0;
  if (missingItemIds.length > allowedMissing) {
    for (const itemId of missingItemIds) {
      problems.push({
        itemId,
        kind: "missing_answer",
        message:
          rule.kind === "prorate"
            ? `Item ${itemId} is unanswered; ${definition.title} allows at most ${rule.maxMissing} unanswered.`
            : `Item ${itemId} is unanswered; ${definition.title} needs every item answered.`,
      });
    }
  }

  if (problems.length > 0) return { ok: false, problems };

  const scoredItems = definition.items.filter((item) => item.scored);
  const answeredScored = scoredItems.filter((item) => itemPoints[item.id] !== undefined);
  const sum = answeredScored.reduce((acc, item) => acc + (itemPoints[item.id] ?? 0), 0);
  const prorated = missingItemIds.length > 0;
  const total = prorated
    ? roundHalfAway((sum * scoredItems.length) / Math.max(answeredScored.length, 1))
    : sum;

  const subscales: Record<string, number | null> = {};
  for (const subscale of definition.subscales) {
    const values = subscale.itemIds.map((itemId) => itemPoints[itemId]);
    subscales[subscale.id] = values.every((value) => value !== undefined)
      ? values.reduce<number>((acc, value) => acc + (value ?? 0), 0)
      : null;
  }

  const band = definition.bands.find((candidate) => total >= candidate.min && total <= candidate.max) ?? null;

  const flags: ScoreFlag[] = [];
  for (const flagRule of definition.flags) {
    const points = itemPoints[flagRule.itemId];
    if (points !== undefined && points > flagRule.whenValueAbove) {
      flags.push({ flag: flagRule.flag, itemId: flagRule.itemId, message: flagRule.message });
    }
  }

  const screens: ScreenResult[] = definition.screens
    .filter((screen) => options.sex === undefined || screen.sex === undefined || screen.sex === options.sex)
    .map((screen) => ({
      label: screen.label,
      atLeast: screen.atLeast,
      ...(screen.sex ? { sex: screen.sex } : {}),
      positive: total >= screen.atLeast,
    }));

  return {
    ok: true,
    instrumentId: definition.id,
    version: definition.version,
    total,
    prorated,
    answeredCount: Object.keys(itemPoints).length,
    missingItemIds,
    subscales,
    band,
    flags,
    screens,
    itemPoints,
  };
}

function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

export type ChangeResult =
  | { kind: "no_threshold" }
  | { kind: "improved" | "worsened" | "no_reliable_change"; change: number; threshold: number };

/**
 * Reliable change between two totals of the same instrument. A change of at least the definition's
 * threshold counts; its direction is read through higherIsBetter. Without a verified threshold the
 * answer is "no_threshold" (never a guess).
 */
export function compareScores(definition: InstrumentDefinition, before: number, after: number): ChangeResult {
  const threshold = definition.reliableChange?.points;
  if (threshold === undefined) return { kind: "no_threshold" };
  const change = after - before;
  if (Math.abs(change) < threshold) return { kind: "no_reliable_change", change, threshold };
  const better = definition.higherIsBetter ? change > 0 : change < 0;
  return { kind: better ? "improved" : "worsened", change, threshold };
}
