import { z } from "zod";

/**
 * The instrument definition format. A definition holds the scoring facts of a questionnaire (items,
 * answer values, reverse keys, subscales, bands, cut-offs, missing-answer rule, licence and source) and,
 * where the licence allows it, the item text. Licensed instruments ship with `text: null`; a programme
 * fills the text in by importing its licensed FHIR Questionnaire (see fhir.ts).
 *
 * Rule for every built-in definition: only facts marked verified ([R] or [I]) in
 * shared/research/instruments.md are coded; a fact that could not be verified is left out and named in
 * `incomplete`.
 */

export const LicenceKind = z.enum([
  /** Public domain: the text ships in the open-source repository. */
  "public-domain",
  /** Not public domain, but the owner's terms allow shipping the text with the software. */
  "shipped-with-text",
  /** Only the scoring ships; the text is licensed (or non-commercial) and must be imported. */
  "scoring-only",
]);
export type LicenceKind = z.infer<typeof LicenceKind>;

export const AnswerOption = z.strictObject({
  /** The code stored in a response and sent as valueCoding.code. */
  code: z.string().min(1),
  /** Code system of the code (LOINC answer codes where verified); absent for Lantern's own codes. */
  system: z.string().min(1).optional(),
  /** Points before reverse keying. */
  value: z.number().finite(),
  /** The answer's wording; null when it is licensed text not shipped here. */
  label: z.string().min(1).nullable(),
});
export type AnswerOption = z.infer<typeof AnswerOption>;

export const InstrumentItem = z.strictObject({
  /** Stable id; used as the FHIR linkId. */
  id: z.string().min(1),
  /** Item wording; null when it is licensed text not shipped here (or not verified). */
  text: z.string().min(1).nullable(),
  /** False for items that are asked but not counted (e.g. the PHQ-9 difficulty question). */
  scored: z.boolean(),
  /** Reverse-keyed: the points become (lowest + highest option value) − value. */
  reversed: z.boolean(),
  /** Empty when the answer scale has not been verified (the definition is then not scorable). */
  options: z.array(AnswerOption),
  /** LOINC code of the item, only where verified. */
  loinc: z.string().min(1).optional(),
});
export type InstrumentItem = z.infer<typeof InstrumentItem>;

export const SeverityBand = z.strictObject({
  min: z.number(),
  max: z.number(),
  label: z.string().min(1),
});
export type SeverityBand = z.infer<typeof SeverityBand>;

/** A published screening threshold: total ≥ atLeast is a positive screen. */
export const ScreenThreshold = z.strictObject({
  label: z.string().min(1),
  atLeast: z.number(),
  /** Present for sex-specific cut-offs. */
  sex: z.enum(["male", "female"]).optional(),
});
export type ScreenThreshold = z.infer<typeof ScreenThreshold>;

export const Subscale = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  itemIds: z.array(z.string().min(1)).min(1),
});
export type Subscale = z.infer<typeof Subscale>;

export const MissingAnswerRule = z.discriminatedUnion("kind", [
  /** Every scored item must be answered. */
  z.strictObject({ kind: z.literal("none_allowed") }),
  /** Up to maxMissing scored items may be left out; the total is prorated (only where a source says so). */
  z.strictObject({
    kind: z.literal("prorate"),
    maxMissing: z.number().int().min(1),
    source: z.string().min(1),
  }),
]);
export type MissingAnswerRule = z.infer<typeof MissingAnswerRule>;

/** An answer on one item that raises a flag, e.g. PHQ-9 item 9 above 0 → safety. */
export const FlagRule = z.strictObject({
  flag: z.enum(["safety"]),
  itemId: z.string().min(1),
  /** Raised when the item's points are above this value. */
  whenValueAbove: z.number(),
  message: z.string().min(1),
});
export type FlagRule = z.infer<typeof FlagRule>;

export const ReliableChange = z.strictObject({
  /** A change of at least this many points is a reliable change. */
  points: z.number().positive(),
  source: z.string().min(1),
});
export type ReliableChange = z.infer<typeof ReliableChange>;

export const InstrumentDefinition = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "Use lower-case letters, digits and hyphens for the id."),
    title: z.string().min(1),
    version: z.string().min(1),
    /** The instruction shown above the items; null when licensed or not verified. */
    preamble: z.string().min(1).nullable(),
    items: z.array(InstrumentItem).min(1),
    subscales: z.array(Subscale),
    /** Range of the total (sum of scored items after reverse keying); null when not verified. */
    total: z.strictObject({ min: z.number(), max: z.number() }).nullable(),
    /** True when a higher total is the better state (e.g. self-esteem); false for symptom scales. */
    higherIsBetter: z.boolean(),
    bands: z.array(SeverityBand),
    screens: z.array(ScreenThreshold),
    reliableChange: ReliableChange.nullable(),
    missing: MissingAnswerRule,
    flags: z.array(FlagRule),
    licence: z.strictObject({
      kind: LicenceKind,
      /** The owner's statement or our summary of the terms. */
      statement: z.string().min(1),
    }),
    source: z.strictObject({
      citations: z.array(z.string().min(1)).min(1),
      /** Where the coded facts (and any text) were verified. */
      verifiedIn: z.array(z.string().min(1)).min(1),
    }),
    /** LOINC codes, only where verified. */
    loinc: z
      .strictObject({ panel: z.string().min(1).optional(), total: z.string().min(1).optional() })
      .optional(),
    /** True when the item text is licensed and must be imported before the instrument is used. */
    needsLicensedText: z.boolean(),
    /** Facts that are missing because they could not be verified. Empty when complete. */
    incomplete: z.array(z.string().min(1)),
  })
  .superRefine((def, ctx) => {
    const ids = new Set<string>();
    def.items.forEach((item, index) => {
      if (ids.has(item.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["items", index, "id"],
          message: `Item id ${item.id} is repeated.`,
        });
      }
      ids.add(item.id);
      const codes = new Set<string>();
      for (const option of item.options) {
        if (codes.has(option.code)) {
          ctx.addIssue({
            code: "custom",
            path: ["items", index, "options"],
            message: `Item ${item.id} repeats the answer code ${option.code}.`,
          });
        }
        codes.add(option.code);
      }
    });
    def.subscales.forEach((subscale, index) => {
      for (const itemId of subscale.itemIds) {
        if (!ids.has(itemId)) {
          ctx.addIssue({
            code: "custom",
            path: ["subscales", index, "itemIds"],
            message: `Subscale ${subscale.id} names the unknown item ${itemId}.`,
          });
        }
      }
    });
    def.flags.forEach((rule, index) => {
      if (!ids.has(rule.itemId)) {
        ctx.addIssue({
          code: "custom",
          path: ["flags", index, "itemId"],
          message: `Flag rule names the unknown item ${rule.itemId}.`,
        });
      }
    });
    def.bands.forEach((band, index) => {
      const total = def.total;
      if (!total || band.min > band.max || band.min < total.min || band.max > total.max) {
        ctx.addIssue({
          code: "custom",
          path: ["bands", index],
          message: `Band ${band.label} must lie within the total range of the instrument.`,
        });
      }
    });
  });
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>;

/** A definition can be scored when every scored item has its answer values. */
export function isScorable(definition: InstrumentDefinition): boolean {
  return (
    definition.total !== null && definition.items.every((item) => !item.scored || item.options.length > 0)
  );
}
