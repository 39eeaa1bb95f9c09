// The ledger records the renderer shows, by the domain's names. The IPC contract types each result with these schemas
// and main parses it once before it leaves (a record that does not match answers IPC_INVALID_RESULT, never a record
// rendered half-way), so the renderer uses them as they come; the schemas themselves are exported for the few screens
// that tell one record shape from another (a party's report from a school's view).

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
