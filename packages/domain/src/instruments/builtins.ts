import type { AnswerOption, InstrumentDefinition, InstrumentItem } from "./definition.js";

/**
 * Built-in instruments whose licence lets the text ship (public domain). Facts come from
 * shared/research/instruments.md (only [R]/[I]); item texts are copied exactly from the FHIR
 * implementation guides named in each definition's `source.verifiedIn`.
 */

const LOINC = "http://loinc.org";

/** LOINC answer list LL358-3 (PHQ-9 and GAD-7 frequency answers), values 0–3. */
const frequencyOptions: AnswerOption[] = [
  { code: "LA6568-5", system: LOINC, value: 0, label: "Not at all" },
  { code: "LA6569-3", system: LOINC, value: 1, label: "Several days" },
  { code: "LA6570-1", system: LOINC, value: 2, label: "More than half the days" },
  { code: "LA6571-9", system: LOINC, value: 3, label: "Nearly every day" },
];

const scoredItem = (id: string, loinc: string, text: string, options: AnswerOption[]): InstrumentItem => ({
  id,
  text,
  scored: true,
  reversed: false,
  options,
  loinc,
});

const PHQ_COPYRIGHT =
  "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. Public domain: no permission is required to reproduce, translate, display or distribute.";

// ---------------------------------------------------------------------------------------------
// PHQ-9

export const phq9: InstrumentDefinition = {
  id: "phq-9",
  title: "Patient Health Questionnaire (PHQ-9)",
  version: "1",
  preamble: "Over the last two weeks, how often have you been bothered by any of the following problems?",
  items: [
    scoredItem("phq-9-1", "44250-9", "Little interest or pleasure in doing things", frequencyOptions),
    scoredItem("phq-9-2", "44255-8", "Feeling down, depressed, or hopeless", frequencyOptions),
    scoredItem(
      "phq-9-3",
      "44259-0",
      "Trouble falling or staying asleep, or sleeping too much",
      frequencyOptions,
    ),
    scoredItem("phq-9-4", "44254-1", "Feeling tired or having little energy", frequencyOptions),
    scoredItem("phq-9-5", "44251-7", "Poor appetite or overeating", frequencyOptions),
    scoredItem(
      "phq-9-6",
      "44258-2",
      "Feeling bad about yourself - or that you are a failure or have let yourself or your family down",
      frequencyOptions,
    ),
    scoredItem(
      "phq-9-7",
      "44252-5",
      "Trouble concentrating on things, such as reading the newspaper or watching television",
      frequencyOptions,
    ),
    scoredItem(
      "phq-9-8",
      "44253-3",
      "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
      frequencyOptions,
    ),
    scoredItem(
      "phq-9-9",
      "44260-8",
      "Thoughts that you would be better off dead or of hurting yourself in some way",
      frequencyOptions,
    ),
    {
      // Asked, never counted in the total.
      id: "phq-9-difficulty",
      text: "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
      scored: false,
      reversed: false,
      loinc: "69722-7",
      // LOINC answer list LL359-1; the values only order the answers (the item is not scored).
      options: [
        { code: "LA6572-7", system: LOINC, value: 0, label: "Not difficult at all" },
        { code: "LA6573-5", system: LOINC, value: 1, label: "Somewhat difficult" },
        { code: "LA6575-0", system: LOINC, value: 2, label: "Very difficult" },
        { code: "LA6574-3", system: LOINC, value: 3, label: "Extremely difficult" },
      ],
    },
  ],
  subscales: [],
  total: { min: 0, max: 27 },
  higherIsBetter: false,
  bands: [
    { min: 0, max: 4, label: "Minimal" },
    { min: 5, max: 9, label: "Mild" },
    { min: 10, max: 14, label: "Moderate" },
    { min: 15, max: 19, label: "Moderately severe" },
    { min: 20, max: 27, label: "Severe" },
  ],
  screens: [{ label: "Possible major depression (PHQ-9 ≥ 10)", atLeast: 10 }],
  // MCID ≈5 and reliable change ≥6 are unverified in instruments.md ([M]); not coded.
  reliableChange: null,
  missing: { kind: "none_allowed" },
  flags: [
    {
      flag: "safety",
      itemId: "phq-9-9",
      whenValueAbove: 0,
      message:
        "Item 9 (thoughts of being better off dead or of self-harm) was answered above 'Not at all': alert the care team and offer the client the safety plan and crisis line.",
    },
  ],
  licence: { kind: "public-domain", statement: PHQ_COPYRIGHT },
  source: {
    citations: [
      "Spitzer RL, Kroenke K, Williams JBW. JAMA 1999;282:1737.",
      "Kroenke K, Spitzer RL, Williams JBW. J Gen Intern Med 2001;16:606.",
    ],
    verifiedIn: [
      "shared/research/instruments.md §4.1 and §5.2 (values 0–3, bands, licence, LOINC codes: [R])",
      "Item and answer text: English text of the MII PROMs implementation guide Questionnaire mii-qst-pro-phq-9 (medizininformatik-initiative/kerndatensatzmodul-proms); its answer label 'Serveral days' is a typo, 'Several days' follows the same guide's GAD-7",
    ],
  },
  loinc: { panel: "44249-1", total: "44261-6" },
  needsLicensedText: false,
  incomplete: [],
};

// ---------------------------------------------------------------------------------------------
// GAD-7

export const gad7: InstrumentDefinition = {
  id: "gad-7",
  title: "Generalized Anxiety Disorder 7-item scale (GAD-7)",
  version: "1",
  preamble: "Over the last two weeks, how often have you been bothered by the following problems?",
  items: [
    scoredItem("gad-7-1", "69725-0", "Feeling nervous, anxious, or on edge", frequencyOptions),
    scoredItem("gad-7-2", "68509-9", "Not being able to stop or control worrying", frequencyOptions),
    scoredItem("gad-7-3", "69733-4", "Worrying too much about different things", frequencyOptions),
    scoredItem("gad-7-4", "69734-2", "Trouble relaxing", frequencyOptions),
    scoredItem("gad-7-5", "69735-9", "Being so restless that it is hard to sit still", frequencyOptions),
    scoredItem("gad-7-6", "69689-8", "Becoming easily annoyed or irritable", frequencyOptions),
    scoredItem("gad-7-7", "69736-7", "Feeling afraid, as if something awful might happen", frequencyOptions),
  ],
  subscales: [],
  total: { min: 0, max: 21 },
  higherIsBetter: false,
  bands: [
    { min: 0, max: 4, label: "None to minimal" },
    { min: 5, max: 9, label: "Mild" },
    { min: 10, max: 14, label: "Moderate" },
    { min: 15, max: 21, label: "Severe" },
  ],
  screens: [{ label: "Possible generalised anxiety disorder (GAD-7 ≥ 10)", atLeast: 10 }],
  // MCID ≈4 and reliable change ≥4 are unverified ([M]); not coded.
  reliableChange: null,
  missing: { kind: "none_allowed" },
  flags: [],
  licence: { kind: "public-domain", statement: PHQ_COPYRIGHT },
  source: {
    citations: ["Spitzer RL, Kroenke K, Williams JBW, Löwe B. Arch Intern Med 2006;166:1092."],
    verifiedIn: [
      "shared/research/instruments.md §4.3 and §5.2 (values 0–3, bands, licence, LOINC codes: [R])",
      "Item and answer text: Questionnaire mii-qst-pro-gad-7 of the MII PROMs implementation guide (medizininformatik-initiative/kerndatensatzmodul-proms)",
    ],
  },
  loinc: { panel: "69737-5", total: "70274-6" },
  // The GAD-7 difficulty item is not shipped: its LOINC code and text were not verified.
  needsLicensedText: false,
  incomplete: [],
};

// ---------------------------------------------------------------------------------------------
// AUDIT-C

export const auditC: InstrumentDefinition = {
  id: "audit-c",
  title: "AUDIT-C (Alcohol Use Disorders Identification Test – Consumption)",
  version: "1",
  preamble: null,
  items: [
    {
      // The frequency question: its wording, answer wording and LOINC code (68518-0 is [M]) are not
      // verified, so only its values 0–4 are coded.
      id: "audit-c-1",
      text: null,
      scored: true,
      reversed: false,
      options: [0, 1, 2, 3, 4].map((value) => ({ code: String(value), value, label: null })),
    },
    scoredItem(
      "audit-c-2",
      "68519-8",
      "How many standard drinks containing alcohol do you have on a typical day?",
      [
        { code: "LA15694-5", system: LOINC, value: 0, label: "1 or 2" },
        { code: "LA15695-2", system: LOINC, value: 1, label: "3 or 4" },
        { code: "LA18930-0", system: LOINC, value: 2, label: "5 or 6" },
        { code: "LA18931-8", system: LOINC, value: 3, label: "7 to 9" },
        { code: "LA18932-6", system: LOINC, value: 4, label: "10 or more" },
      ],
    ),
    scoredItem("audit-c-3", "68520-6", "How often do you have 6 or more drinks on 1 occasion?", [
      { code: "LA6270-8", system: LOINC, value: 0, label: "Never" },
      { code: "LA18933-4", system: LOINC, value: 1, label: "Less than monthly" },
      { code: "LA18876-5", system: LOINC, value: 2, label: "Monthly" },
      { code: "LA18891-4", system: LOINC, value: 3, label: "Weekly" },
      { code: "LA18934-2", system: LOINC, value: 4, label: "Daily or almost daily" },
    ]),
  ],
  subscales: [],
  total: { min: 0, max: 12 },
  higherIsBetter: false,
  bands: [],
  screens: [
    { label: "Positive screen for hazardous drinking (men ≥ 4)", atLeast: 4, sex: "male" },
    { label: "Positive screen for hazardous drinking (women ≥ 3)", atLeast: 3, sex: "female" },
  ],
  reliableChange: null,
  missing: { kind: "none_allowed" },
  flags: [],
  licence: {
    kind: "public-domain",
    statement:
      "AUDIT-C is available for use in the public domain (SAMHSA). The questions are those of the WHO AUDIT (Babor et al. 2001, © World Health Organization); keep this attribution.",
  },
  source: {
    citations: [
      "Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. Arch Intern Med 1998;158:1789.",
      "Bradley KA et al. 2003 (PMID 12695273).",
    ],
    verifiedIn: [
      "shared/research/instruments.md §4.5 and §5.2 (values 0–4, sum 0–12, ≥4 men / ≥3 women, licence, LOINC codes: [R])",
      "Items 2 and 3 text and answer codes: US Core 7.0.0 AUDIT-C Questionnaire (HL7)",
    ],
  },
  loinc: { panel: "72109-2", total: "75626-2" },
  needsLicensedText: false,
  incomplete: [
    "item 1 (drinking frequency): wording, answer wording and LOINC code are not verified; import a Questionnaire to supply them",
  ],
};

// ---------------------------------------------------------------------------------------------
// Rosenberg Self-Esteem Scale

const rsesOptions: AnswerOption[] = [
  { code: "SA", value: 3, label: "Strongly agree" },
  { code: "A", value: 2, label: "Agree" },
  { code: "D", value: 1, label: "Disagree" },
  { code: "SD", value: 0, label: "Strongly disagree" },
];

/** Reverse-keyed items in the common published item order (not the UMD order, which reverses 3, 5, 8, 9, 10). */
const rsesReversed = new Set([2, 5, 6, 8, 9]);

export const rses: InstrumentDefinition = {
  id: "rses",
  title: "Rosenberg Self-Esteem Scale (common item order)",
  version: "1",
  preamble: null,
  items: Array.from({ length: 10 }, (_, index) => ({
    id: `rses-${index + 1}`,
    text: null,
    scored: true,
    reversed: rsesReversed.has(index + 1),
    options: rsesOptions,
  })),
  subscales: [],
  total: { min: 0, max: 30 },
  higherIsBetter: true,
  // The source gives <15 low and 15–25 normal; it names no band above 25, so none is coded.
  bands: [
    { min: 0, max: 14, label: "Low self-esteem" },
    { min: 15, max: 25, label: "Normal range" },
  ],
  screens: [],
  reliableChange: null,
  missing: { kind: "none_allowed" },
  flags: [],
  licence: {
    kind: "public-domain",
    statement: "The scale may be used without explicit permission; it is now in the public domain.",
  },
  source: {
    citations: ["Rosenberg M. Society and the adolescent self-image. Princeton University Press, 1965."],
    verifiedIn: [
      "shared/research/instruments.md §4.15 (10 items, SA=3 … SD=0, sum 0–30, <15 low, 15–25 normal, reversed 2, 5, 6, 8, 9 in the common order, licence: [R])",
    ],
  },
  needsLicensedText: false,
  incomplete: [
    "item wording and preamble: instruments.md verifies the key for the common item order but no source for the item text; import a Questionnaire in that order to supply it",
    "no band is published for totals 26–30",
  ],
};

export const builtInInstruments: readonly InstrumentDefinition[] = [phq9, gad7, auditC, rses];
