// Every exported bundle validates against HL7's FHIR R4 JSON schema, and carries the codes receivers expect.
import type { Bundle, Immunization, Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { Child, MedicalCard } from '../workflow/schemas.ts';
import { cardBundle, reportBundle, SYSTEM } from './fhirBundle.ts';
import { fhirSchemaErrors } from './fhirSchema.ts';

const by = { recordedBy: 'ped-alice', recordedAt: '2026-01-02T10:00:00.000Z', txId: 'a'.repeat(64) };
const child: Child = {
  childId: 'child-a',
  givenName: 'Mia',
  familyName: 'Rossi',
  birthDate: '2021-03-14',
  sex: 'female',
  gestationalAge: { weeks: 30, days: 2 },
  guardianUids: ['parent-carla'],
  createdBy: 'parent-carla',
  createdAt: '2021-03-15T08:00:00.000Z',
  changes: [],
};
const card = {
  childId: 'child-a',
  version: 7,
  txId: 'b'.repeat(64),
  allergies: [
    { substance: 'Peanut', reaction: 'Hives <and> swelling', severity: 'severe', notedOn: '2023-01-01', ...by },
  ],
  conditions: [{ name: 'Asthma', icd10: 'J45.909', since: '2023-05-01', notes: 'Mild, seasonal', ...by }],
  immunizations: [
    { vaccine: 'MMR', dose: 1, date: '2022-03-20', lotNumber: 'L-1', ...by },
    { vaccine: 'Local vaccine X', dose: 1, date: '2022-04-20', ...by },
  ],
  measurements: [
    { date: '2022-03-14', weightKg: 9.6, heightCm: 75.5, ...by },
    { date: '2025-09-01', weightKg: 17.4, heightCm: 107.5, headCircumferenceCm: 51, ...by },
  ],
  visitNotes: [{ date: '2025-09-01', text: 'Private note', ...by }],
} as unknown as MedicalCard;

function resources<T>(bundle: Bundle, type: string): T[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === type) as T[];
}

describe('FHIR R4 export', () => {
  it('a card exports as a collection Bundle that validates against the FHIR R4 schema', () => {
    const bundle = cardBundle(child, card, { at: '2026-01-05T09:00:00.000Z' });
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(bundle.type).toBe('collection');
    const counts = Object.fromEntries(
      ['Patient', 'AllergyIntolerance', 'Condition', 'Immunization', 'Observation'].map((t) => [
        t,
        resources(bundle, t).length,
      ]),
    );
    // 5 measurement values + gestational age at birth.
    expect(counts).toEqual({ Patient: 1, AllergyIntolerance: 1, Condition: 1, Immunization: 2, Observation: 6 });
    expect(JSON.stringify(bundle)).not.toContain('Private note');
  });

  it('codes measurements in LOINC with UCUM units, vaccines in CVX where known, conditions in ICD-10', () => {
    const bundle = cardBundle(child, card);
    const codes = resources<Observation>(bundle, 'Observation').map((o) => [
      o.code.coding?.[0]?.code,
      o.valueQuantity?.code,
    ]);
    expect(codes).toEqual([
      ['76516-4', 'wk'],
      ['8302-2', 'cm'],
      ['29463-7', 'kg'],
      ['8302-2', 'cm'],
      ['29463-7', 'kg'],
      ['9843-4', 'cm'],
    ]);
    const [mmr, other] = resources<Immunization>(bundle, 'Immunization');
    expect(mmr?.vaccineCode.coding).toEqual([{ system: SYSTEM.cvx, code: '03', display: 'MMR' }]);
    expect(other?.vaccineCode).toEqual({ text: 'Local vaccine X' });
    expect(JSON.stringify(bundle)).toContain('"system":"http://hl7.org/fhir/sid/icd-10","code":"J45.909"');
    const patientRef = bundle.entry?.[0]?.fullUrl;
    expect(mmr?.patient.reference).toBe(patientRef);
  });

  it('a report exports as a document Bundle: Composition first, fitness statement, provenance; schema-valid', () => {
    const body = {
      childId: 'child-a',
      child: { givenName: 'Mia', familyName: 'Rossi', birthDate: '2021-03-14', gestationalAge: { weeks: 30, days: 2 } },
      allergies: [{ substance: 'Peanut', reaction: 'Hives', severity: 'severe' as const }],
      conditions: [],
      immunizations: [{ vaccine: 'MMR', dose: 1, date: '2022-03-20' }],
      latestMeasurement: { date: '2025-09-01', weightKg: 17.4 },
      fitnessForSchool: { fit: true, statement: 'Fit; carries an auto-injector <for peanut>.' },
      source: { channel: 'medical' as const, cardVersion: 7, cardTxId: 'b'.repeat(64) },
      issuedOn: '2026-01-05',
    };
    const provenance = {
      reportId: 'rep-1',
      pediatricianUid: 'ped-alice',
      bodyHash: 'c'.repeat(64),
      cardVersion: 7,
      cardTxId: 'b'.repeat(64),
    };
    const bundle = reportBundle(body, provenance, { at: '2026-01-05T09:00:00.000Z' });
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(bundle.type).toBe('document');
    expect(bundle.entry?.[0]?.resource?.resourceType).toBe('Composition');
    const text = JSON.stringify(bundle);
    expect(text).toContain('auto-injector &#60;for peanut&#62;');
    expect(text).toContain(`"value":"${'c'.repeat(64)}"`);
    expect(resources(bundle, 'Provenance')).toHaveLength(1);
    expect(text).toContain('PediLedger medical card, version 7');
  });

  it('the validator refuses what is not FHIR R4 (so the checks above mean something)', () => {
    const bundle = cardBundle(child, card);
    expect(fhirSchemaErrors({ ...bundle, type: 'pile' })).not.toEqual([]);
    const broken = structuredClone(bundle);
    (broken.entry?.[0]?.resource as { birthDate?: string }).birthDate = '14/03/2021';
    expect(fhirSchemaErrors(broken)).not.toEqual([]);
  });
});
