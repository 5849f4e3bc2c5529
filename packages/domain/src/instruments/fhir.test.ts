import { describe, expect, it } from "vitest";
import { auditC, gad7, phq9, rses } from "./builtins.js";
import type { InstrumentDefinition } from "./definition.js";
import { importQuestionnaire, toFhirQuestionnaire, toFhirResponse } from "./fhir.js";
import { csbd19, pathos } from "./scoring-only.js";

/**
 * Structural check by hand against the FHIR R4 (4.0.1) resource definitions: required elements
 * (cardinality 1..1) and value types. No FHIR JSON schema package is installed in this repository.
 */
const R4_DATE_TIME =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;
const R4_CODE = /^[^\s]+(\s[^\s]+)*$/;
const R4_URI = /^\S*$/;

function checkCoding(coding: unknown, path: string, errors: string[]) {
  if (typeof coding !== "object" || coding === null) return void errors.push(`${path} is not a Coding`);
  const c = coding as Record<string, unknown>;
  if (c.system !== undefined && (typeof c.system !== "string" || !R4_URI.test(c.system)))
    errors.push(`${path}.system`);
  if (typeof c.code !== "string" || !R4_CODE.test(c.code)) errors.push(`${path}.code`);
  if (c.display !== undefined && typeof c.display !== "string") errors.push(`${path}.display`);
}

function checkResource(resource: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const statusSets: Record<string, string[]> = {
    Questionnaire: ["draft", "active", "retired", "unknown"],
    QuestionnaireResponse: ["in-progress", "completed", "amended", "entered-in-error", "stopped"],
    Observation: [
      "registered",
      "preliminary",
      "final",
      "amended",
      "corrected",
      "cancelled",
      "entered-in-error",
      "unknown",
    ],
  };
  const type = resource.resourceType as string;
  if (!statusSets[type]) return [`unknown resourceType ${String(type)}`];
  if (!statusSets[type].includes(resource.status as string)) errors.push(`${type}.status`);

  if (type === "Questionnaire") {
    const visit = (items: unknown, path: string) => {
      if (items === undefined) return;
      if (!Array.isArray(items)) return void errors.push(`${path} is not an array`);
      items.forEach((raw, i) => {
        const item = raw as Record<string, unknown>;
        const p = `${path}[${i}]`;
        if (typeof item.linkId !== "string" || item.linkId === "") errors.push(`${p}.linkId`);
        if (
          ![
            "group",
            "display",
            "boolean",
            "decimal",
            "integer",
            "date",
            "dateTime",
            "time",
            "string",
            "text",
            "url",
            "choice",
            "open-choice",
            "attachment",
            "reference",
            "quantity",
          ].includes(item.type as string)
        )
          errors.push(`${p}.type`);
        if (item.text !== undefined && typeof item.text !== "string") errors.push(`${p}.text`);
        if (item.type === "display" && item.answerOption !== undefined)
          errors.push(`${p} display with answers`);
        (item.answerOption as unknown[] | undefined)?.forEach((o, j) => {
          const option = o as Record<string, unknown>;
          checkCoding(option.valueCoding, `${p}.answerOption[${j}].valueCoding`, errors);
          (option.extension as Record<string, unknown>[] | undefined)?.forEach((e, k) => {
            if (typeof e.url !== "string") errors.push(`${p}.answerOption[${j}].extension[${k}].url`);
            if (typeof e.valueDecimal !== "number")
              errors.push(`${p}.answerOption[${j}].extension[${k}].valueDecimal`);
          });
        });
        visit(item.item, `${p}.item`);
      });
    };
    if (resource.url !== undefined && typeof resource.url !== "string") errors.push("Questionnaire.url");
    visit(resource.item, "Questionnaire.item");
  }

  if (type === "QuestionnaireResponse") {
    if (typeof resource.authored !== "string" || !R4_DATE_TIME.test(resource.authored))
      errors.push("authored");
    if (typeof (resource.subject as { reference?: unknown })?.reference !== "string")
      errors.push("subject.reference");
    if (typeof resource.questionnaire !== "string") errors.push("questionnaire");
    (resource.item as Record<string, unknown>[]).forEach((item, i) => {
      if (typeof item.linkId !== "string" || item.linkId === "") errors.push(`item[${i}].linkId`);
      (item.answer as Record<string, unknown>[]).forEach((answer, j) => {
        const keys = Object.keys(answer).filter((key) => key.startsWith("value"));
        if (keys.length !== 1) errors.push(`item[${i}].answer[${j}] must have exactly one value[x]`);
        if (answer.valueCoding !== undefined)
          checkCoding(answer.valueCoding, `item[${i}].answer[${j}].valueCoding`, errors);
        if (answer.valueInteger !== undefined && !Number.isInteger(answer.valueInteger))
          errors.push("valueInteger");
      });
    });
  }

  if (type === "Observation") {
    const code = resource.code as { coding?: unknown[]; text?: unknown } | undefined;
    if (!code || (!code.coding?.length && typeof code.text !== "string")) errors.push("Observation.code");
    code?.coding?.forEach((c, i) => checkCoding(c, `Observation.code.coding[${i}]`, errors));
    if (typeof (resource.subject as { reference?: unknown })?.reference !== "string")
      errors.push("Observation.subject");
    if (typeof resource.effectiveDateTime !== "string" || !R4_DATE_TIME.test(resource.effectiveDateTime))
      errors.push("Observation.effectiveDateTime");
    const quantity = resource.valueQuantity as Record<string, unknown> | undefined;
    if (typeof quantity?.value !== "number") errors.push("Observation.valueQuantity.value");
    if (quantity?.code !== undefined && quantity.system === undefined)
      errors.push("valueQuantity.code needs system");
  }
  return errors;
}

const meta = {
  subject: "Patient/0190f3c2-7d3e-7000-8000-000000000001",
  authored: "2026-05-20T09:30:00+02:00",
  responseId: "r1",
};
const phqAnswers = Object.fromEntries(
  Array.from({ length: 9 }, (_, i) => [`phq-9-${i + 1}`, i === 8 ? "LA6569-3" : "LA6570-1"]),
);

describe("FHIR export", () => {
  it("every built-in exports a structurally valid R4 Questionnaire", () => {
    for (const definition of [phq9, gad7, auditC, rses, pathos, csbd19]) {
      const questionnaire = toFhirQuestionnaire(definition);
      expect(checkResource(questionnaire), definition.id).toEqual([]);
    }
    const phq = toFhirQuestionnaire(phq9);
    expect(phq.code).toEqual([{ system: "http://loinc.org", code: "44249-1" }]);
    expect(phq.status).toBe("active");
    expect(toFhirQuestionnaire(rses).status).toBe("draft");
    const item9 = phq.item.find((item) => item.linkId === "phq-9-9");
    expect(item9?.code).toEqual([{ system: "http://loinc.org", code: "44260-8" }]);
    expect(item9?.answerOption?.[3]).toEqual({
      valueCoding: { system: "http://loinc.org", code: "LA6571-9", display: "Nearly every day" },
      extension: [{ url: "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal: 3 }],
    });
    // Licensed items carry no text.
    expect(toFhirQuestionnaire(pathos).item.every((item) => item.text === undefined)).toBe(true);
  });

  it("exports a PHQ-9 response as a QuestionnaireResponse and a LOINC total Observation", () => {
    const result = toFhirResponse(phq9, phqAnswers, meta);
    if (!result.ok) throw new Error("scoring failed");
    const { questionnaireResponse, observations } = result;
    expect(checkResource(questionnaireResponse)).toEqual([]);
    expect(questionnaireResponse.questionnaire).toBe("urn:lantern:instrument:phq-9|1");
    expect(questionnaireResponse.item).toHaveLength(9);
    expect(questionnaireResponse.item[8]?.answer[0]?.valueCoding.code).toBe("LA6569-3");
    expect(observations).toHaveLength(1);
    const [observation] = observations;
    if (!observation) throw new Error("no observation");
    expect(checkResource(observation)).toEqual([]);
    expect(observation.code.coding).toEqual([{ system: "http://loinc.org", code: "44261-6" }]);
    expect(observation.valueQuantity).toEqual({
      value: 17,
      unit: "{score}",
      system: "http://unitsofmeasure.org",
      code: "{score}",
    });
    expect(observation.interpretation).toEqual([{ text: "Moderately severe" }]);
    expect(observation.derivedFrom).toEqual([{ reference: "QuestionnaireResponse/r1" }]);
    expect(observation.effectiveDateTime).toBe(meta.authored);
  });

  it("uses a Lantern code for a total without a verified LOINC code", () => {
    const result = toFhirResponse(
      pathos,
      Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`pathos-${i + 1}`, "1"])),
      meta,
    );
    if (!result.ok) throw new Error("scoring failed");
    expect(result.observations[0]?.code.coding).toEqual([
      { system: "urn:lantern:instrument:pathos:scores", code: "total" },
    ]);
    expect(checkResource(result.observations[0] as unknown as Record<string, unknown>)).toEqual([]);
  });

  it("refuses to export bad answers, naming the item", () => {
    const result = toFhirResponse(phq9, { ...phqAnswers, "phq-9-1": "nope" }, meta);
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ itemId: "phq-9-1", kind: "not_an_option" })],
    });
  });

  it("the hand-written checker catches broken resources", () => {
    expect(checkResource({ resourceType: "Observation", status: "done" })).toContain("Observation.status");
    expect(
      checkResource({ resourceType: "Questionnaire", status: "active", item: [{ type: "choice" }] }),
    ).toContain("Questionnaire.item[0].linkId");
  });
});

/** A programme's licensed Questionnaire: our template with their text written in. */
function licensedPathos(): Record<string, unknown> {
  const questionnaire = toFhirQuestionnaire(pathos) as unknown as { item: Record<string, unknown>[] };
  return {
    ...questionnaire,
    item: [
      { linkId: "intro", type: "display", text: "Licensed instruction" },
      {
        linkId: "section",
        type: "group",
        item: questionnaire.item.map((item, i) => ({
          ...item,
          text: `Licensed question ${i + 1}`,
          answerOption: (
            item.answerOption as { valueCoding: Record<string, unknown>; extension: unknown[] }[]
          ).map((o) => ({
            ...o,
            valueCoding: { ...o.valueCoding, display: o.valueCoding.code === "1" ? "Yes" : "No" },
          })),
        })),
      },
    ],
  };
}

describe("importQuestionnaire", () => {
  it("fills in the text when the Questionnaire matches the scoring", () => {
    const result = importQuestionnaire(pathos, licensedPathos());
    if (!result.ok) throw new Error(result.mismatches.join("\n"));
    const definition: InstrumentDefinition = result.definition;
    expect(definition.preamble).toBe("Licensed instruction");
    expect(definition.items[2]?.text).toBe("Licensed question 3");
    expect(definition.items[0]?.options.map((o) => [o.code, o.value, o.label])).toEqual([
      ["0", 0, "No"],
      ["1", 1, "Yes"],
    ]);
  });

  it("lists every mismatch: missing and extra items, unknown and missing codes, wrong values", () => {
    const questionnaire = licensedPathos() as { item: { item: Record<string, unknown>[] }[] };
    const section = questionnaire.item[1];
    if (!section) throw new Error("no section");
    const items = section.item;
    items.splice(5, 1); // drop pathos-6
    items.push({ linkId: "pathos-7", type: "choice", text: "Extra" });
    (items[0] as { answerOption: unknown[] }).answerOption = [
      { valueCoding: { code: "0" } },
      { valueCoding: { code: "Y" } },
    ];
    (items[1] as { answerOption: { extension: unknown[] }[] }).answerOption[1] = {
      valueCoding: { code: "1" },
      extension: [{ url: "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal: 2 }],
    } as never;
    const result = importQuestionnaire(pathos, questionnaire);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.mismatches).toEqual(
      expect.arrayContaining([
        "Item pathos-7 is not part of PATHOS.",
        "Item pathos-6 is missing from the Questionnaire.",
        "Item pathos-1 has the answer code Y, which the scoring does not know.",
        "Item pathos-1 lacks the answer code 1.",
        "Item pathos-2 answer 1 is worth 2; the scoring says 1.",
      ]),
    );
  });

  it("rejects what is not a Questionnaire, and instruments whose scoring is unverified", () => {
    expect(importQuestionnaire(pathos, { resourceType: "Patient" })).toEqual({
      ok: false,
      mismatches: ["The file is not a FHIR Questionnaire (resourceType must be Questionnaire)."],
    });
    const result = importQuestionnaire(csbd19, toFhirQuestionnaire(csbd19));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.mismatches[0]).toMatch(/no verified answer values/);
  });

  it("accepts the built-in PHQ-9's own export (round trip)", () => {
    const result = importQuestionnaire(phq9, toFhirQuestionnaire(phq9));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.definition).toEqual(phq9);
  });
});
