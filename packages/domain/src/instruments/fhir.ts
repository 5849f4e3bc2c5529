import type { InstrumentDefinition } from "./definition.js";
import { type InstrumentAnswers, type ScoreFailure, type ScoreOptions, scoreResponse } from "./scoring.js";

/**
 * FHIR R4 (4.0.1) export and import. Plain JSON objects; no FHIR library. Scores travel as the
 * R4 core extension ordinalValue on each answerOption (the form US Core uses for AUDIT-C).
 */

export const LOINC_SYSTEM = "http://loinc.org";
export const UCUM_SYSTEM = "http://unitsofmeasure.org";
export const ORDINAL_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
/** SDC 4.0 replacement for ordinalValue; read on import as well. */
export const ITEM_WEIGHT_URL = "http://hl7.org/fhir/StructureDefinition/itemWeight";
/** Canonical base for Lantern's own instruments and codes. */
export const LANTERN_INSTRUMENT_BASE = "urn:lantern:instrument";

export const questionnaireUrl = (definition: InstrumentDefinition) =>
  `${LANTERN_INSTRUMENT_BASE}:${definition.id}`;
const answerSystem = (definition: InstrumentDefinition) => `${questionnaireUrl(definition)}:answers`;

type Coding = { system?: string; code: string; display?: string };
type Extension = { url: string; valueDecimal?: number };

export type FhirQuestionnaire = {
  resourceType: "Questionnaire";
  url: string;
  version: string;
  name: string;
  title: string;
  status: "draft" | "active";
  copyright: string;
  code?: Coding[];
  item: FhirQuestionnaireItem[];
};
export type FhirQuestionnaireItem = {
  linkId: string;
  type: "choice" | "display";
  text?: string;
  code?: Coding[];
  required?: boolean;
  answerOption?: { valueCoding: Coding; extension: Extension[] }[];
};

function withDisplay(coding: Coding, display: string | null): Coding {
  return display ? { ...coding, display } : coding;
}

/**
 * The definition as a FHIR R4 Questionnaire. Items without shipped text carry no `text` (text is
 * optional in R4): a programme fills it in and imports the result with importQuestionnaire.
 */
export function toFhirQuestionnaire(definition: InstrumentDefinition): FhirQuestionnaire {
  const items: FhirQuestionnaireItem[] = [];
  if (definition.preamble)
    items.push({ linkId: `${definition.id}-preamble`, type: "display", text: definition.preamble });
  for (const item of definition.items) {
    items.push({
      linkId: item.id,
      type: "choice",
      ...(item.text ? { text: item.text } : {}),
      ...(item.loinc ? { code: [{ system: LOINC_SYSTEM, code: item.loinc }] } : {}),
      required: item.scored,
      answerOption: item.options.map((option) => ({
        valueCoding: withDisplay(
          { system: option.system ?? answerSystem(definition), code: option.code },
          option.label,
        ),
        extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: option.value }],
      })),
    });
  }
  return {
    resourceType: "Questionnaire",
    url: questionnaireUrl(definition),
    version: definition.version,
    name: definition.id.replace(/[^A-Za-z0-9]/g, "_").toUpperCase(),
    title: definition.title,
    status: definition.incomplete.length === 0 ? "active" : "draft",
    copyright: definition.licence.statement,
    ...(definition.loinc?.panel ? { code: [{ system: LOINC_SYSTEM, code: definition.loinc.panel }] } : {}),
    item: items,
  };
}

export type FhirQuestionnaireResponse = {
  resourceType: "QuestionnaireResponse";
  id?: string;
  questionnaire: string;
  status: "completed";
  subject: { reference: string };
  authored: string;
  item: { linkId: string; text?: string; answer: { valueCoding: Coding }[] }[];
};

export type FhirObservation = {
  resourceType: "Observation";
  status: "final";
  category: { coding: Coding[] }[];
  code: { coding?: Coding[]; text: string };
  subject: { reference: string };
  effectiveDateTime: string;
  valueQuantity: { value: number; unit: string; system: string; code: string };
  interpretation?: { text: string }[];
  derivedFrom?: { reference: string }[];
};

export type ResponseMeta = {
  /** FHIR reference to the client, e.g. "Patient/0190…". */
  subject: string;
  /** When the client completed it: an R4 dateTime with time zone, e.g. 2026-05-20T09:30:00+02:00. */
  authored: string;
  /** Id for the QuestionnaireResponse; when given the Observation points back at it. */
  responseId?: string;
};

/**
 * A scored administration as a QuestionnaireResponse plus one Observation for the total (LOINC
 * total-score code where verified, otherwise a Lantern code). Bad answers give the scoring problems.
 */
export function toFhirResponse(
  definition: InstrumentDefinition,
  answers: InstrumentAnswers,
  meta: ResponseMeta,
  options: ScoreOptions = {},
):
  | { ok: true; questionnaireResponse: FhirQuestionnaireResponse; observations: FhirObservation[] }
  | ScoreFailure {
  const score = scoreResponse(definition, answers, options);
  if (!score.ok) return score;

  const responseItems: FhirQuestionnaireResponse["item"] = [];
  for (const item of definition.items) {
    const code = answers[item.id];
    const option = item.options.find((candidate) => candidate.code === code);
    if (!option) continue;
    responseItems.push({
      linkId: item.id,
      ...(item.text ? { text: item.text } : {}),
      answer: [
        {
          valueCoding: withDisplay(
            { system: option.system ?? answerSystem(definition), code: option.code },
            option.label,
          ),
        },
      ],
    });
  }

  const questionnaireResponse: FhirQuestionnaireResponse = {
    resourceType: "QuestionnaireResponse",
    ...(meta.responseId ? { id: meta.responseId } : {}),
    questionnaire: `${questionnaireUrl(definition)}|${definition.version}`,
    status: "completed",
    subject: { reference: meta.subject },
    authored: meta.authored,
    item: responseItems,
  };

  const totalCode: Coding = definition.loinc?.total
    ? { system: LOINC_SYSTEM, code: definition.loinc.total }
    : { system: `${questionnaireUrl(definition)}:scores`, code: "total" };
  const observation: FhirObservation = {
    resourceType: "Observation",
    status: "final",
    category: [
      { coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey" }] },
    ],
    code: { coding: [totalCode], text: `${definition.title} total score` },
    subject: { reference: meta.subject },
    effectiveDateTime: meta.authored,
    valueQuantity: { value: score.total, unit: "{score}", system: UCUM_SYSTEM, code: "{score}" },
    ...(score.band ? { interpretation: [{ text: score.band.label }] } : {}),
    ...(meta.responseId ? { derivedFrom: [{ reference: `QuestionnaireResponse/${meta.responseId}` }] } : {}),
  };

  return { ok: true, questionnaireResponse, observations: [observation] };
}

// ---------------------------------------------------------------------------------------------
// Import of a programme's licensed text

export type ImportResult =
  | { ok: true; definition: InstrumentDefinition }
  | { ok: false; mismatches: string[] };

type LooseItem = {
  linkId?: unknown;
  type?: unknown;
  text?: unknown;
  item?: unknown;
  answerOption?: unknown;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function flattenItems(items: unknown, into: LooseItem[]): void {
  if (!Array.isArray(items)) return;
  for (const raw of items) {
    if (!isObject(raw)) continue;
    const item = raw as LooseItem;
    into.push(item);
    flattenItems(item.item, into);
  }
}

function optionWeight(option: Record<string, unknown>): number | undefined {
  const extensions = Array.isArray(option.extension) ? option.extension : [];
  for (const extension of extensions) {
    if (!isObject(extension)) continue;
    if (
      (extension.url === ORDINAL_VALUE_URL || extension.url === ITEM_WEIGHT_URL) &&
      typeof extension.valueDecimal === "number"
    ) {
      return extension.valueDecimal;
    }
  }
  return undefined;
}

/**
 * Checks a programme's licensed FHIR R4 Questionnaire against the scoring definition: the same items
 * (by linkId), the same answer codes on each, and the same values where the Questionnaire carries
 * ordinalValue/itemWeight. On a match, returns the definition with the item text, answer labels and
 * preamble filled in from the Questionnaire; otherwise every mismatch, naming the item.
 */
export function importQuestionnaire(definition: InstrumentDefinition, questionnaire: unknown): ImportResult {
  const mismatches: string[] = [];
  if (!isObject(questionnaire) || questionnaire.resourceType !== "Questionnaire") {
    return {
      ok: false,
      mismatches: ["The file is not a FHIR Questionnaire (resourceType must be Questionnaire)."],
    };
  }
  const missingScoring = definition.items.filter((item) => item.options.length === 0);
  if (missingScoring.length > 0) {
    return {
      ok: false,
      mismatches: [
        `${definition.title} has no verified answer values yet, so imported text cannot be checked: ${definition.incomplete.join("; ")}.`,
      ],
    };
  }

  const flat: LooseItem[] = [];
  flattenItems(questionnaire.item, flat);
  const byLinkId = new Map<string, LooseItem>();
  let preamble: string | null = null;
  for (const item of flat) {
    if (typeof item.linkId !== "string") {
      mismatches.push("An item has no linkId.");
      continue;
    }
    if (item.type === "display" || item.type === "group") {
      if (item.type === "display" && preamble === null && typeof item.text === "string") preamble = item.text;
      continue;
    }
    byLinkId.set(item.linkId, item);
  }

  const known = new Set(definition.items.map((item) => item.id));
  for (const linkId of byLinkId.keys()) {
    if (!known.has(linkId)) mismatches.push(`Item ${linkId} is not part of ${definition.title}.`);
  }

  const texts = new Map<string, string>();
  const labels = new Map<string, Map<string, string>>();
  for (const item of definition.items) {
    const imported = byLinkId.get(item.id);
    if (!imported) {
      mismatches.push(`Item ${item.id} is missing from the Questionnaire.`);
      continue;
    }
    if (imported.type !== "choice") {
      mismatches.push(`Item ${item.id} must be of type choice (found ${String(imported.type)}).`);
    }
    if (typeof imported.text === "string" && imported.text.trim() !== "") texts.set(item.id, imported.text);
    else if (item.text === null) mismatches.push(`Item ${item.id} has no text.`);

    const importedOptions = Array.isArray(imported.answerOption)
      ? imported.answerOption.filter(isObject)
      : [];
    const seen = new Set<string>();
    const itemLabels = new Map<string, string>();
    for (const option of importedOptions) {
      const coding = option.valueCoding;
      if (!isObject(coding) || typeof coding.code !== "string") {
        mismatches.push(`Item ${item.id} has an answer without a valueCoding code.`);
        continue;
      }
      const expected = item.options.find((candidate) => candidate.code === coding.code);
      if (!expected) {
        mismatches.push(
          `Item ${item.id} has the answer code ${coding.code}, which the scoring does not know.`,
        );
        continue;
      }
      seen.add(coding.code);
      if (expected.system && coding.system !== undefined && coding.system !== expected.system) {
        mismatches.push(
          `Item ${item.id} answer ${coding.code} uses the system ${String(coding.system)}, not ${expected.system}.`,
        );
      }
      const weight = optionWeight(option);
      if (weight !== undefined && weight !== expected.value) {
        mismatches.push(
          `Item ${item.id} answer ${coding.code} is worth ${weight}; the scoring says ${expected.value}.`,
        );
      }
      if (typeof coding.display === "string" && coding.display.trim() !== "")
        itemLabels.set(coding.code, coding.display);
    }
    for (const option of item.options) {
      if (!seen.has(option.code)) mismatches.push(`Item ${item.id} lacks the answer code ${option.code}.`);
    }
    labels.set(item.id, itemLabels);
  }

  if (mismatches.length > 0) return { ok: false, mismatches };

  return {
    ok: true,
    definition: {
      ...definition,
      preamble: preamble ?? definition.preamble,
      items: definition.items.map((item) => ({
        ...item,
        text: texts.get(item.id) ?? item.text,
        options: item.options.map((option) => ({
          ...option,
          label: labels.get(item.id)?.get(option.code) ?? option.label,
        })),
      })),
    },
  };
}
