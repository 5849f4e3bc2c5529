import type { InstrumentDefinition, InstrumentItem } from "./definition.js";

/**
 * The field's compulsive-sexual-behaviour instruments, scoring only: their text is licensed or
 * non-commercial and never ships here. Only facts verified in shared/research/instruments.md ([R]/[I])
 * are coded; the rest is listed in `incomplete`. A definition whose answer values are not verified
 * cannot be scored until they are.
 *
 * Left out entirely: SAST-R (every scoring fact in instruments.md is unverified [M]).
 */

const values = (...points: number[]) => points.map((value) => ({ code: String(value), value, label: null }));

const items = (prefix: string, count: number, options: InstrumentItem["options"]): InstrumentItem[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index + 1}`,
    text: null,
    scored: true,
    reversed: false,
    options,
  }));

export const bps: InstrumentDefinition = {
  id: "bps",
  title: "Brief Pornography Screen (BPS)",
  version: "1",
  preamble: null,
  items: items("bps", 5, values(0, 1, 2)),
  subscales: [],
  total: { min: 0, max: 10 },
  higherIsBetter: false,
  bands: [],
  screens: [{ label: "Possible problematic pornography use (BPS ≥ 4)", atLeast: 4 }],
  reliableChange: null,
  missing: { kind: "none_allowed" },
  flags: [],
  licence: {
    kind: "scoring-only",
    statement:
      "Published open access in J Behav Addict under CC BY-NC: the text is for non-commercial use and cannot ship under the project's licence. Import the programme's copy.",
  },
  source: {
    citations: [
      "Kraus SW, Gola M, Grubbs JB, et al. Validation of a Brief Pornography Screen across multiple samples. J Behav Addict 2020;9(2):259–271.",
    ],
    verifiedIn: ["shared/research/instruments.md §3.10 (5 items, 0–2, sum 0–10, ≥4: [R]; licence: [I])"],
  },
  needsLicensedText: true,
  incomplete: [],
};

export const pathos: InstrumentDefinition = {
  id: "pathos",
  title: "PATHOS",
  version: "1",
  preamble: null,
  items: items("pathos", 6, values(0, 1)),
  subscales: [],
  total: { min: 0, max: 6 },
  higherIsBetter: false,
  bands: [],
  screens: [{ label: "Positive screen (PATHOS ≥ 3)", atLeast: 3 }],
  reliableChange: null,
  missing: { kind: "none_allowed" },
  flags: [],
  licence: {
    kind: "scoring-only",
    statement: "Journal copyright; no open licence found. Import the programme's licensed copy.",
  },
  source: {
    citations: [
      "Carnes PJ, Green BA, Merlo LJ, Polles A, Carnes S, Gold MS. PATHOS: a brief screening application for assessing sexual addiction. J Addict Med 2012;6(1):29–34.",
    ],
    verifiedIn: ["shared/research/instruments.md §3.5 (6 dichotomous items, sum 0–6, ≥3: [R])"],
  },
  needsLicensedText: true,
  incomplete: [
    "which answer scores 1 on each item (yes = 1 is unverified): the imported Questionnaire must give the scoring answer code '1'",
  ],
};

export const csbd19: InstrumentDefinition = {
  id: "csbd-19",
  title: "Compulsive Sexual Behavior Disorder Scale (CSBD-19)",
  version: "1",
  preamble: null,
  items: items("csbd-19", 19, []),
  subscales: [],
  total: null,
  higherIsBetter: false,
  bands: [],
  screens: [],
  reliableChange: null,
  missing: { kind: "none_allowed" },
  flags: [],
  licence: {
    kind: "scoring-only",
    statement:
      "J Behav Addict, open access, CC BY-NC: non-commercial only; cannot ship under the project's licence. Import the programme's copy.",
  },
  source: {
    citations: [
      "Bőthe B, Potenza MN, Griffiths MD, et al. The development of the Compulsive Sexual Behavior Disorder Scale (CSBD-19). J Behav Addict 2020;9(2). doi:10.1556/2006.2020.00034.",
    ],
    verifiedIn: ["shared/research/instruments.md §3.1 (19 items, five factors by name: [R])"],
  },
  needsLicensedText: true,
  incomplete: [
    "answer scale and values (1–4 agreement is unverified)",
    "total range (19–76 is unverified)",
    "item-to-factor map for control, salience, relapse, dissatisfaction and negative consequences",
    "high-risk cut-off (≥50 is unverified)",
    "reverse-keyed items (none is unverified)",
  ],
};

export const hbi19: InstrumentDefinition = {
  id: "hbi-19",
  title: "Hypersexual Behavior Inventory (HBI-19)",
  version: "1",
  preamble: null,
  items: items("hbi-19", 19, []),
  subscales: [],
  total: null,
  higherIsBetter: false,
  bands: [],
  screens: [],
  reliableChange: null,
  missing: { kind: "none_allowed" },
  flags: [],
  licence: {
    kind: "scoring-only",
    statement:
      "Copyright of the authors and journal; no open licence found. Ask the authors; import a licensed copy.",
  },
  source: {
    citations: ["Reid RC, Garos S, Carpenter BN. Hypersexual Behavior Inventory, 2011."],
    verifiedIn: [
      "shared/research/instruments.md §3.3 (three factors Coping, Control, Consequences: [R]; Bőthe 2018 found no valid cut-off in a non-clinical sample: [R])",
    ],
  },
  needsLicensedText: true,
  incomplete: [
    "answer scale and values (1–5 is unverified)",
    "total range (19–95 is unverified)",
    "item-to-factor map (7 / 8 / 4 items is unverified)",
    "cut-off (≥53 is unverified; Bőthe 2018 found no valid cut-off in a non-clinical sample)",
  ],
};

export const scoringOnlyInstruments: readonly InstrumentDefinition[] = [bps, pathos, csbd19, hbi19];
