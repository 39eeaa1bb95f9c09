// The chaincode's own zod schemas and endorsement hints, so the app validates arguments exactly as the chaincode
// will, and parses its answers with the same definitions. Result shapes the chaincode declares only as TypeScript
// types (history versions, the school's view, ReadReport's answer) are described here.
import { z } from 'zod';
import {
  id,
  isoDateTime,
  MedicalCard,
  Permission,
  Report,
  ReportBody,
  ReportEnvelope,
} from '../../../chaincode/src/shared/schemas/index.ts';

export {
  AdmissionDecision,
  AdmissionRequest,
  AdmissionRequestInput,
  Agreement,
  AllergyInput,
  Child,
  ConditionInput,
  DirectoryDisplayName,
  DirectoryEntry,
  DirectoryKind,
  id,
  ImmunizationInput,
  isoDate,
  isoDateTime,
  LIMITS,
  MeasurementInput,
  MedicalCard,
  ProposeAgreementInput,
  ReadReceipt,
  Reason,
  Report,
  ReportBody,
  ReportEnvelope,
  ReportRequest,
  ReportRequestInput,
  SchoolIds,
  VisitNoteInput,
} from '../../../chaincode/src/shared/schemas/index.ts';
export { MEDICAL_ENDORSERS, REPORT_ENDORSERS } from '../../../chaincode/src/shared/endorsement.ts';

/** One version of a card from GetMedicalCardHistory. */
export const MedicalCardVersion = z.strictObject({
  txId: z.string(),
  time: isoDateTime,
  author: id,
  version: z.number().int().min(1),
  card: MedicalCard,
});
export type MedicalCardVersion = z.infer<typeof MedicalCardVersion>;

/** What a school sees of a report (chaincode `schoolView`). */
export const SchoolReportView = z.strictObject({
  reportId: id,
  childId: id,
  status: Report.shape.status,
  provenance: Report.shape.provenance,
  permission: Permission,
});
export type SchoolReportView = z.infer<typeof SchoolReportView>;

/** ReadReport for a guardian or the issuing pediatrician: the record and the envelope from their org's peer. */
export const PartyReportRead = z.strictObject({ report: Report, envelope: ReportEnvelope.nullable() });
export type PartyReportRead = z.infer<typeof PartyReportRead>;

/** ReadReport for a school admin: its view and the body from School's implicit collection. */
export const SchoolReportRead = z.strictObject({ report: SchoolReportView, body: ReportBody.nullable() });
export type SchoolReportRead = z.infer<typeof SchoolReportRead>;

/** ListMyReports: full records for parties, school views for a school. */
export const ReportListEntry = z.union([Report, SchoolReportView]);
export type ReportListEntry = z.infer<typeof ReportListEntry>;
