import type { Context } from 'fabric-contract-api';

// Key design for the report channel. Every attribute is a schema-validated id. School can read every key and value
// on this channel, so keys and public values carry ids only, never health data. Party keys (whose lists a record is
// in) are `party` of shared/notices.ts.

/** Object types of records and indexes. */
export const REPORT_TYPES = {
  admission: 'admission',
  /**
   * child id, school id → `{requestId}` of the one open (submitted or accepted) admission request for that pair,
   * whoever of the child's guardians opened it: the uniqueness check is one key read, not a scan of anyone's requests.
   */
  openAdmission: 'admission~open',
  reportRequest: 'reportRequest',
  report: 'report',
  receipt: 'receipt',
  /** party → record type → record id: the ListMy… transactions. */
  partyIndex: 'party~type~id',
  /** Private keys (the body) in both collections. */
  reportBody: 'reportBody',
  /** kind → id: the public directory of pediatricians and schools. */
  directory: 'directory~kind~id',
  /** A refused admission request, by transaction id: private, in the Hospital + Parents collection. */
  admissionAttempt: 'admissionAttempt',
} as const;

/** The record kinds the party index lists. */
export type IndexedType = 'admission' | 'reportRequest' | 'report';

/** Builds the keys of the report chaincode. */
export const reportKeys = {
  admission: (ctx: Context, requestId: string): string =>
    ctx.stub.createCompositeKey(REPORT_TYPES.admission, [requestId]),
  openAdmission: (ctx: Context, childId: string, schoolId: string): string =>
    ctx.stub.createCompositeKey(REPORT_TYPES.openAdmission, [childId, schoolId]),
  reportRequest: (ctx: Context, reportRequestId: string): string =>
    ctx.stub.createCompositeKey(REPORT_TYPES.reportRequest, [reportRequestId]),
  report: (ctx: Context, reportId: string): string => ctx.stub.createCompositeKey(REPORT_TYPES.report, [reportId]),
  receipt: (ctx: Context, reportId: string, txId: string): string =>
    ctx.stub.createCompositeKey(REPORT_TYPES.receipt, [reportId, txId]),
  partyIndex: (ctx: Context, partyKey: string, type: IndexedType, recordId: string): string =>
    ctx.stub.createCompositeKey(REPORT_TYPES.partyIndex, [partyKey, type, recordId]),
  /** The body as issued, in the Hospital + Parents collection. */
  issuedBody: (ctx: Context, reportId: string): string =>
    ctx.stub.createCompositeKey(REPORT_TYPES.reportBody, [reportId]),
  /** A directory entry: `kind` is `pediatrician` (id = uid) or `school` (id = schoolId). */
  directoryEntry: (ctx: Context, kind: string, entryId: string): string =>
    ctx.stub.createCompositeKey(REPORT_TYPES.directory, [kind, entryId]),
  /** The record of a refused admission request (transaction `txId`), in the Hospital + Parents collection. */
  admissionAttempt: (ctx: Context, txId: string): string =>
    ctx.stub.createCompositeKey(REPORT_TYPES.admissionAttempt, [txId]),
  /** One school's copy of the body, in School's implicit collection. */
  schoolBody: (ctx: Context, reportId: string, schoolId: string): string =>
    ctx.stub.createCompositeKey(REPORT_TYPES.reportBody, [reportId, schoolId]),
};
