// FHIR R4 export: a child's medical card as a `collection` Bundle, a school report as a `document` Bundle (Composition
// first, with the fitness statement, and a Provenance naming the card version and transactions it was built from).
// Clinic systems (Epic) and immunization registries exchange FHIR R4; the codes are the ones they expect: LOINC for
// measurements, CVX for vaccines where the name is one we know, ICD-10 for conditions. Shapes: @medplum/fhirtypes.
// Tests validate every bundle against HL7's FHIR R4 JSON schema (fhirBundle.test.ts).
import { randomUUID } from 'node:crypto';
import type {
  AllergyIntolerance,
  Bundle,
  BundleEntry,
  CodeableConcept,
  Composition,
  Condition,
  Immunization,
  Observation,
  Patient,
  Provenance,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { ReportBody } from '@pediledger/domain';
import type { Child, MedicalCard } from '../workflow/schemas.ts';

/** Code systems, by their canonical URIs. */
export const SYSTEM = {
  loinc: 'http://loinc.org',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  ucum: 'http://unitsofmeasure.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  provenanceRole: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  /** PediLedger's own identifiers (child ids, uids, report ids, Fabric transaction ids). */
  child: 'urn:pediledger:child',
  uid: 'urn:pediledger:uid',
  report: 'urn:pediledger:report',
  reportHash: 'urn:pediledger:report-sha256',
  fabricTx: 'urn:pediledger:fabric-tx',
} as const;

/** LOINC codes of the card's measurements (vital signs panel members) and of gestational age at birth. */
export const LOINC = {
  heightCm: { code: '8302-2', display: 'Body height', unit: 'cm' },
  weightKg: { code: '29463-7', display: 'Body weight', unit: 'kg' },
  headCircumferenceCm: { code: '9843-4', display: 'Head Occipital-frontal circumference', unit: 'cm' },
  gestationalAge: { code: '76516-4', display: 'Gestational age at birth' },
} as const;

/**
 * CVX codes (CDC, https://www2a.cdc.gov/vaccines/iis/iisstandards/vaccines.asp?rpt=cvx) of the vaccine names and
 * brands a pediatric card usually holds, by upper-case name. An unknown name is exported as text only.
 */
export const CVX: Readonly<Record<string, { code: string; display: string }>> = {
  MMR: { code: '03', display: 'MMR' },
  MMRV: { code: '94', display: 'MMRV' },
  PROQUAD: { code: '94', display: 'MMRV' },
  DTAP: { code: '20', display: 'DTaP' },
  TDAP: { code: '115', display: 'Tdap' },
  IPV: { code: '10', display: 'IPV' },
  'HEP B': { code: '08', display: 'Hep B, adolescent or pediatric' },
  HEPB: { code: '08', display: 'Hep B, adolescent or pediatric' },
  'HEPATITIS B': { code: '08', display: 'Hep B, adolescent or pediatric' },
  VARICELLA: { code: '21', display: 'varicella' },
  HIB: { code: '17', display: 'Hib, unspecified formulation' },
  'DTAP-IPV': { code: '130', display: 'DTaP-IPV' },
  KINRIX: { code: '130', display: 'DTaP-IPV' },
  'DTAP-IPV/HIB': { code: '120', display: 'DTaP-Hib-IPV' },
  PENTACEL: { code: '120', display: 'DTaP-Hib-IPV' },
  'DTAP-HEPB-IPV': { code: '110', display: 'DTaP-Hep B-IPV' },
  PEDIARIX: { code: '110', display: 'DTaP-Hep B-IPV' },
  PCV13: { code: '133', display: 'Pneumococcal conjugate PCV 13' },
  'HEP A': { code: '83', display: 'Hep A, ped/adol, 2 dose' },
  HEPA: { code: '83', display: 'Hep A, ped/adol, 2 dose' },
  INFLUENZA: { code: '88', display: 'influenza, unspecified formulation' },
};

/** The export's instant and, for tests, fixed resource ids. */
export interface BundleOptions {
  /** When the bundle is made (ISO instant); default now. */
  readonly at?: string;
  /** Makes the `urn:uuid:` of each entry; default random UUIDs. */
  readonly newId?: () => string;
}

class BundleBuilder {
  readonly entries: BundleEntry[] = [];
  readonly #newId: () => string;

  constructor(newId: () => string) {
    this.#newId = newId;
  }

  /** Adds `resource` and returns a reference to it by its `fullUrl`. */
  add<T extends Resource>(resource: T): Reference<T> {
    const fullUrl = `urn:uuid:${this.#newId()}`;
    this.entries.push({ fullUrl, resource });
    return { reference: fullUrl };
  }
}

function vaccineCode(vaccine: string): CodeableConcept {
  const known = CVX[vaccine.trim().toUpperCase()];
  return known === undefined
    ? { text: vaccine }
    : { coding: [{ system: SYSTEM.cvx, code: known.code, display: known.display }], text: vaccine };
}

function patientOf(
  child: Pick<Child, 'childId' | 'givenName' | 'familyName' | 'birthDate'> & { sex?: Child['sex'] },
): Patient {
  return {
    resourceType: 'Patient',
    identifier: [{ system: SYSTEM.child, value: child.childId }],
    name: [{ family: child.familyName, given: [child.givenName] }],
    birthDate: child.birthDate,
    // PediLedger's sex values are FHIR's administrative-gender codes.
    ...(child.sex === undefined ? {} : { gender: child.sex }),
  };
}

function allergyOf(
  patient: Reference<Patient>,
  allergy: { substance: string; reaction: string; severity: 'mild' | 'moderate' | 'severe'; notedOn?: string },
): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: { coding: [{ system: SYSTEM.allergyClinical, code: 'active' }] },
    criticality: allergy.severity === 'severe' ? 'high' : 'low',
    code: { text: allergy.substance },
    patient,
    ...(allergy.notedOn === undefined ? {} : { recordedDate: allergy.notedOn }),
    reaction: [{ manifestation: [{ text: allergy.reaction }], severity: allergy.severity }],
  };
}

function conditionOf(
  patient: Reference<Patient>,
  condition: { name: string; icd10?: string; since?: string; notes?: string },
): Condition {
  return {
    resourceType: 'Condition',
    clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'active' }] },
    code: {
      ...(condition.icd10 === undefined ? {} : { coding: [{ system: SYSTEM.icd10, code: condition.icd10 }] }),
      text: condition.name,
    },
    subject: patient,
    ...(condition.since === undefined ? {} : { onsetDateTime: condition.since }),
    ...(condition.notes === undefined ? {} : { note: [{ text: condition.notes }] }),
  };
}

function immunizationOf(
  patient: Reference<Patient>,
  immunization: { vaccine: string; dose: number; date: string; lotNumber?: string },
): Immunization {
  return {
    resourceType: 'Immunization',
    status: 'completed',
    vaccineCode: vaccineCode(immunization.vaccine),
    patient,
    occurrenceDateTime: immunization.date,
    ...(immunization.lotNumber === undefined ? {} : { lotNumber: immunization.lotNumber }),
    protocolApplied: [{ doseNumberPositiveInt: immunization.dose }],
  };
}

/** One Observation per value of a measurement (height, weight, head circumference), coded in LOINC, units in UCUM. */
function observationsOf(
  patient: Reference<Patient>,
  measurement: { date: string; heightCm?: number; weightKg?: number; headCircumferenceCm?: number },
): Observation[] {
  return (['heightCm', 'weightKg', 'headCircumferenceCm'] as const).flatMap((field) => {
    const value = measurement[field];
    if (value === undefined) return [];
    const { code, display, unit } = LOINC[field];
    return [
      {
        resourceType: 'Observation',
        status: 'final',
        category: [{ coding: [{ system: SYSTEM.observationCategory, code: 'vital-signs' }] }],
        code: { coding: [{ system: SYSTEM.loinc, code, display }], text: display },
        subject: patient,
        effectiveDateTime: measurement.date,
        valueQuantity: { value, unit, system: SYSTEM.ucum, code: unit },
      } satisfies Observation,
    ];
  });
}

function gestationalAgeOf(
  patient: Reference<Patient>,
  birthDate: string,
  ga: { weeks: number; days: number },
): Observation {
  const { code, display } = LOINC.gestationalAge;
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: SYSTEM.loinc, code, display }], text: `${display}: ${ga.weeks}+${ga.days} weeks` },
    subject: patient,
    effectiveDateTime: birthDate,
    valueQuantity: {
      value: Math.round((ga.weeks + ga.days / 7) * 100) / 100,
      unit: 'wk',
      system: SYSTEM.ucum,
      code: 'wk',
    },
  };
}

/**
 * A child's medical card as a FHIR R4 `collection` Bundle: Patient, then AllergyIntolerance, Condition, Immunization
 * and Observation (LOINC) resources referring to it. Visit notes stay out (free text with no agreed FHIR home here).
 */
export function cardBundle(child: Readonly<Child>, card: Readonly<MedicalCard>, options: BundleOptions = {}): Bundle {
  const b = new BundleBuilder(options.newId ?? randomUUID);
  const patient = b.add(patientOf(child));
  if (child.gestationalAge !== undefined) b.add(gestationalAgeOf(patient, child.birthDate, child.gestationalAge));
  for (const allergy of card.allergies) b.add(allergyOf(patient, allergy));
  for (const condition of card.conditions) b.add(conditionOf(patient, condition));
  for (const immunization of card.immunizations) b.add(immunizationOf(patient, immunization));
  for (const measurement of card.measurements) for (const o of observationsOf(patient, measurement)) b.add(o);
  return {
    resourceType: 'Bundle',
    type: 'collection',
    identifier: { system: SYSTEM.fabricTx, value: card.txId },
    timestamp: options.at ?? new Date().toISOString(),
    entry: b.entries,
  };
}

/** What the report bundle says about where the report came from (the report's public record). */
export interface ReportProvenance {
  readonly reportId: string;
  readonly pediatricianUid?: string;
  /** sha256 (hex) of the stored envelope, as on the ledger. */
  readonly bodyHash: string;
  readonly cardVersion: number;
  readonly cardTxId: string;
}

/**
 * A school report as a FHIR R4 `document` Bundle: the Composition (title, date, the fitness statement as a section,
 * sections listing the report's entries), the Patient and the entries, and a Provenance that names the medical card
 * version and transaction the report was built from and the report's hash on the ledger.
 */
export function reportBundle(
  body: Readonly<ReportBody>,
  provenance: ReportProvenance,
  options: BundleOptions = {},
): Bundle {
  const at = options.at ?? new Date().toISOString();
  const b = new BundleBuilder(options.newId ?? randomUUID);
  // The Composition must be the first entry of a document; its content is filled once the other entries exist.
  const composition: Composition = {
    resourceType: 'Composition',
    status: 'final',
    type: { text: 'School entry health report' },
    date: body.issuedOn,
    title: 'School health report',
    author: [{ display: provenance.pediatricianUid ?? 'Issuing pediatrician' }],
    identifier: { system: SYSTEM.report, value: provenance.reportId },
  };
  const compositionRef = b.add(composition);
  const patient = b.add(patientOf({ childId: body.childId, ...body.child }));
  composition.subject = patient;
  const section = (title: string, refs: Reference[]): NonNullable<Composition['section']>[number] => ({
    title,
    ...(refs.length === 0 ? { emptyReason: { text: 'None recorded' } } : { entry: refs }),
  });
  const allergies = body.allergies.map((allergy) => b.add(allergyOf(patient, allergy)));
  const conditions = body.conditions.map((condition) => b.add(conditionOf(patient, condition)));
  const immunizations = body.immunizations.map((immunization) => b.add(immunizationOf(patient, immunization)));
  const measurements =
    body.latestMeasurement === null ? [] : observationsOf(patient, body.latestMeasurement).map((o) => b.add(o));
  const gestation =
    body.child.gestationalAge === undefined
      ? []
      : [b.add(gestationalAgeOf(patient, body.child.birthDate, body.child.gestationalAge))];
  composition.section = [
    {
      title: 'Fitness for school',
      text: {
        status: 'generated',
        div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(
          body.fitnessForSchool.fit ? 'Fit for school.' : 'Not fit for school at present.',
        )}</p><p>${escapeXml(body.fitnessForSchool.statement)}</p></div>`,
      },
    },
    section('Allergies', allergies),
    section('Conditions', conditions),
    section('Immunizations', immunizations),
    section('Latest measurement', [...measurements, ...gestation]),
  ];
  const record: Provenance = {
    resourceType: 'Provenance',
    target: [compositionRef],
    recorded: at,
    agent: [
      {
        type: { coding: [{ system: SYSTEM.provenanceRole, code: 'author' }] },
        who: { identifier: { system: SYSTEM.uid, value: provenance.pediatricianUid ?? 'unknown' } },
      },
    ],
    entity: [
      {
        role: 'source',
        what: {
          identifier: { system: SYSTEM.fabricTx, value: provenance.cardTxId },
          display: `PediLedger medical card, version ${provenance.cardVersion}`,
        },
      },
    ],
  };
  b.add(record);
  return {
    resourceType: 'Bundle',
    type: 'document',
    identifier: { system: SYSTEM.reportHash, value: provenance.bodyHash },
    timestamp: at,
    entry: b.entries,
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
