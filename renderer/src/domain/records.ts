// The ledger records the renderer shows, parsed with the chaincode's own schemas: IPC results are plain JSON, and a
// record that does not match is a bug worth seeing, not something to render half-way.
import type { z } from 'zod';
import { describeIssues, errorCodes } from '@pediledger/domain';

export {
  AdmissionRequest,
  Agreement,
  CardEntry,
  Child,
  DirectoryEntry,
  MedicalCard,
  PartyReportRead,
  ReadReceipt,
  Report,
  ReportBody,
  ReportEnvelope,
  ReportListEntry,
  ReportRead,
  ReportRequest,
  ReportStaleness,
  SchoolReportRead,
  SchoolReportView,
  TimelineEvent,
} from '@pediledger/domain';
export type {
  AdmissionRequest as AdmissionRecord,
  Agreement as AgreementRecord,
  CardEntry as CardEntryRecord,
  Child as ChildRecord,
  DirectoryEntry as DirectoryEntryRecord,
  DirectoryKind,
  MedicalCard as MedicalCardRecord,
  ReadReceipt as ReadReceiptRecord,
  Report as ReportRecord,
  ReportBody as ReportBodyRecord,
  ReportRequest as ReportRequestRecord,
  TimelineKind,
} from '@pediledger/domain';

/** Thrown when main answers with a record that the shared schema rejects. */
export class UnexpectedRecordError extends Error {
  readonly code = errorCodes.unexpectedRecord;
  constructor(what: string, issues: string) {
    super(`The ledger answered with a ${what} this app cannot read (${issues})`);
    this.name = 'UnexpectedRecordError';
  }
}

/** Parses one JSON record with `schema`. */
export function parseRecord<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // Fields and rules only: the message is shown and may be reported, and the record is a child's data.
  throw new UnexpectedRecordError(what, describeIssues(parsed.error, schema, 3));
}

/** Parses a list of JSON records with `schema`. */
export function parseRecords<S extends z.ZodType>(schema: S, values: readonly unknown[], what: string): z.output<S>[] {
  return values.map((value) => parseRecord(schema, value, what));
}
