import type { AnswerOption, InstrumentDefinition, InstrumentItem } from "./definition.js";

/**
 * The Lantern follow-up check: a few questions written by the Lantern project and given with every
 * follow-up after discharge (relationship status and, self-reported, whether the client still sees a
 * therapist, goes to a group or goes to meetings). NOT a validated instrument and it has no score:
 * show it as "Lantern's own questions, not validated". Sobriety is not asked here: it comes from the
 * client's ledger.
 *
 * It uses the instrument definition format so the existing engine gives it, saves drafts and stores
 * answers; every item is unscored and the total is null, so the engine never scores it (see
 * `isUnscoredCheck`), and on submit every item must be answered ("I would rather not say" is one
 * of the relationship answers).
 */

export const followUpCheckInfo = {
  id: "lantern-follow-up",
  validated: false,
  note: "Lantern's own questions after discharge; not a validated instrument and not scored.",
} as const;

export const RelationshipStatus = [
  "same_partner",
  "new_partner",
  "separated",
  "single",
  "not_saying",
] as const;
export type RelationshipStatus = (typeof RelationshipStatus)[number];

/** Answer value → status (the values stored in the assessment's answers). */
const relationshipOptions: (AnswerOption & { status: RelationshipStatus })[] = [
  {
    code: "same-partner",
    value: 1,
    label: "With the same partner as when I was admitted",
    status: "same_partner",
  },
  { code: "new-partner", value: 2, label: "With a new partner", status: "new_partner" },
  { code: "separated", value: 3, label: "Separated or divorced since I was admitted", status: "separated" },
  { code: "single", value: 4, label: "Single", status: "single" },
  { code: "not-saying", value: 5, label: "I would rather not say", status: "not_saying" },
];

/** How the report names each relationship status. */
export const relationshipStatusNames: Record<RelationshipStatus, string> = {
  same_partner: "With the same partner as at admission",
  new_partner: "With a new partner",
  separated: "Separated or divorced since admission",
  single: "Single",
  not_saying: "Would rather not say",
};

const yesNo: AnswerOption[] = [
  { code: "yes", value: 1, label: "Yes" },
  { code: "no", value: 0, label: "No" },
];

const item = (id: string, text: string, options: AnswerOption[]): InstrumentItem => ({
  id,
  text,
  scored: false,
  reversed: false,
  options: options.map(({ code, value, label }) => ({ code, value, label })),
});

export const followUpCheck: InstrumentDefinition = {
  id: followUpCheckInfo.id,
  title: "Lantern follow-up check (Lantern's own questions, not validated)",
  version: "1",
  preamble:
    "A few questions about how life looks now. There is no score and no right answer; your care team uses them to learn how people do after leaving.",
  items: [
    item("relationship", "Which of these fits your relationship now?", relationshipOptions),
    item("therapist", "Do you still see a therapist or counsellor?", yesNo),
    item("groups", "Do you still go to a therapy or support group?", yesNo),
    item("meetings", "Do you still go to recovery meetings?", yesNo),
  ],
  subscales: [],
  total: null,
  higherIsBetter: true,
  bands: [],
  screens: [],
  reliableChange: null,
  missing: { kind: "none_allowed" },
  flags: [],
  licence: {
    kind: "public-domain",
    statement: "Written by the Lantern project and shipped with Lantern under its licence.",
  },
  source: {
    citations: ["Lantern project: follow-up check after discharge (not validated)."],
    verifiedIn: ["Lantern source code"],
  },
  needsLicensedText: false,
  incomplete: [],
};

/** True for a definition with no score at all: every item unscored and no total (Lantern's checks). */
export function isUnscoredCheck(definition: InstrumentDefinition): boolean {
  return definition.total === null && definition.items.every((i) => !i.scored);
}

/** The items of an unscored check still without an answer (all of them must be answered to finish). */
export function unansweredItems(
  definition: InstrumentDefinition,
  answers: Readonly<Record<string, number>>,
): string[] {
  return definition.items.filter((i) => answers[i.id] === undefined).map((i) => i.id);
}

export interface FollowUpCheckAnswers {
  relationship: RelationshipStatus | null;
  /** True when the client still sees a therapist, goes to a group or to meetings; null if unanswered. */
  inAftercare: boolean | null;
}

/** What a completed check says: the relationship status and whether the client is still in aftercare. */
export function readFollowUpCheck(answers: Readonly<Record<string, number>>): FollowUpCheckAnswers {
  const relationship = relationshipOptions.find((o) => o.value === answers.relationship)?.status ?? null;
  const parts = [answers.therapist, answers.groups, answers.meetings];
  const inAftercare = parts.some((v) => v === 1) ? true : parts.every((v) => v === 0) ? false : null;
  return { relationship, inAftercare };
}
