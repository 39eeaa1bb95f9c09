// The ledger records the renderer shows, parsed with the chaincode's own schemas: IPC results are plain JSON, and a
// record that does not match is a bug worth seeing, not something to render half-way.
import { z } from 'zod';
import {
  AdmissionRequest,
  Agreement,
  Child,
  DirectoryEntry,
  id,
  isoDateTime,
  MedicalCard,
  Permission,
  ReadReceipt,
  Report,
  ReportBody,
  ReportEnvelope,
  ReportRequest,
} from '../../../chaincode/src/shared/schemas/index.ts';

export {
  AdmissionRequest,
  Agreement,
  Child,
  DirectoryEntry,
  MedicalCard,
  ReadReceipt,
  Report,
  ReportBody,
  ReportEnvelope,
  ReportRequest,
};
export type {
  AdmissionRequest as AdmissionRecord,
  Agreement as AgreementRecord,
  Child as ChildRecord,
  DirectoryEntry as DirectoryEntryRecord,
  DirectoryKind,
  MedicalCard as MedicalCardRecord,
  ReadReceipt as ReadReceiptRecord,
  Report as ReportRecord,
  ReportBody as ReportBodyRecord,
  ReportRequest as ReportRequestRecord,
} from '../../../chaincode/src/shared/schemas/index.ts';

/** One version of a card from the ledger history (GetMedicalCardHistory). */
export const MedicalCardVersion = z.strictObject({
  txId: z.string(),
  time: isoDateTime,
  author: id,
  version: z.number().int().min(1),
  card: MedicalCard,
});
export type MedicalCardVersion = z.infer<typeof MedicalCardVersion>;

/** What a school sees of a report it may read. */
export const SchoolReportView = z.strictObject({
  reportId: id,
  childId: id,
  status: Report.shape.status,
  provenance: Report.shape.provenance,
  permission: Permission,
});
export type SchoolReportView = z.infer<typeof SchoolReportView>;

/** A report as listed: the full record for guardians and the pediatrician, the school view for a school. */
export const ReportListEntry = z.union([Report, SchoolReportView]);
export type ReportListEntry = z.infer<typeof ReportListEntry>;

/** ReadReport for a guardian or the issuing pediatrician. */
export const PartyReportRead = z.strictObject({ report: Report, envelope: ReportEnvelope.nullable() });
/** ReadReport for a school admin (after OpenReport). */
export const SchoolReportRead = z.strictObject({ report: SchoolReportView, body: ReportBody.nullable() });
/** What ReadReport answers. */
export const ReportRead = z.union([PartyReportRead, SchoolReportRead]);
export type ReportRead = z.infer<typeof ReportRead>;

/** Thrown when main answers with a record that the shared schema rejects. */
export class UnexpectedRecordError extends Error {
  readonly code = 'UNEXPECTED_RECORD';
  constructor(what: string, issues: string) {
    super(`The ledger answered with a ${what} this app cannot read (${issues})`);
    this.name = 'UnexpectedRecordError';
  }
}

/** Parses one JSON record with `schema`. */
export function parseRecord<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new UnexpectedRecordError(
    what,
    parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; '),
  );
}

/** Parses a list of JSON records with `schema`. */
export function parseRecords<S extends z.ZodType>(schema: S, values: readonly unknown[], what: string): z.output<S>[] {
  return values.map((value) => parseRecord(schema, value, what));
}
