import { z } from 'zod';
import { GestationalAge } from './child.ts';
import { Severity } from './medicalCard.ts';
import {
  GuardianUids,
  id,
  isoDate,
  isoDateTime,
  LIMITS,
  longText,
  measure,
  text,
  statusChanges,
} from './primitives.ts';

/** ready → approved → revoked (when the last permitted school is revoked); revoked is final. */
export const ReportStatus = z.enum(['ready', 'approved', 'revoked']);
export type ReportStatus = z.infer<typeof ReportStatus>;

const reportList = <T extends z.ZodType>(entry: T): z.ZodArray<T> => z.array(entry).max(LIMITS.reportListEntries);

/**
 * The school-entry report itself. The hospital client builds it from the card it read on the medical channel; the
 * chaincode checks its shape and its child (the card itself is never read across channels).
 */
export const ReportBody = z.strictObject({
  childId: id,
  child: z.strictObject({
    givenName: text(LIMITS.nameLength),
    familyName: text(LIMITS.nameLength),
    birthDate: isoDate,
    gestationalAge: GestationalAge.optional(),
  }),
  allergies: reportList(
    z.strictObject({ substance: text(LIMITS.nameLength), reaction: text(LIMITS.shortTextLength), severity: Severity }),
  ),
  conditions: reportList(z.strictObject({ name: text(LIMITS.nameLength), icd10: text(16).optional() })),
  immunizations: reportList(
    z.strictObject({ vaccine: text(LIMITS.nameLength), dose: z.number().int().min(1).max(10), date: isoDate }),
  ),
  latestMeasurement: z
    .strictObject({
      date: isoDate,
      heightCm: measure(250).optional(),
      weightKg: measure(250).optional(),
      headCircumferenceCm: measure(80).optional(),
    })
    .nullable(),
  fitnessForSchool: z.strictObject({ fit: z.boolean(), statement: longText(LIMITS.longTextLength) }),
  /** Where the body came from: the medical channel's card version and the transaction that wrote it. */
  source: z.strictObject({
    channel: z.literal('medical'),
    cardVersion: z.number().int().min(1),
    cardTxId: id,
  }),
  issuedOn: isoDate,
});
export type ReportBody = z.infer<typeof ReportBody>;

/**
 * What travels in transient data (key `report`) and is stored, as canonical JSON bytes, in the private collection.
 * The random salt (32 bytes, hex, chosen by the hospital client) makes the on-chain hash impossible to brute-force.
 */
export const ReportEnvelope = z.strictObject({
  salt: z.string().regex(/^[0-9a-f]{64}$/, 'must be 32 random bytes as lower-case hex'),
  body: ReportBody,
});
export type ReportEnvelope = z.infer<typeof ReportEnvelope>;

/** ApproveReport's school list: 1..10 distinct school ids. */
export const SchoolIds = z
  .array(id)
  .min(1)
  .max(LIMITS.schoolsPerApproval)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a school');

/** One school's permission to read a report, until `validUntil`. */
export const Permission = z.strictObject({
  schoolId: id,
  validUntil: isoDateTime,
  grantedBy: id,
  grantedAt: isoDateTime,
});
export type Permission = z.infer<typeof Permission>;

/** The public record of a report: no health data, only ids, permissions, provenance and the salted hash. */
export const Report = z.strictObject({
  reportId: id,
  reportRequestId: id,
  admissionRequestId: id,
  childId: id,
  pediatricianUid: id,
  guardianUids: GuardianUids,
  status: ReportStatus,
  permissions: z.array(Permission),
  provenance: z.strictObject({
    sourceChannel: z.literal('medical'),
    cardVersion: z.number().int().min(1),
    cardTxId: id,
    /** sha256 (hex) of the stored envelope bytes, equal to the private data hash Fabric keeps on chain. */
    bodyHash: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** The report this one replaces (ReplaceReport): built for the same request from a newer card version. */
  replaces: id.optional(),
  /**
   * The report that replaced this one. A superseded report keeps its permissions (a school's copy can only be purged
   * with School's endorsement, which the replacement, carrying a new body, must not ask for); schools see the mark.
   */
  supersededBy: id.optional(),
  changes: statusChanges(ReportStatus, { schoolId: id.optional() }),
});
export type Report = z.infer<typeof Report>;

/** A school's recorded read of a report. */
export const ReadReceipt = z.strictObject({
  reportId: id,
  schoolId: id,
  uid: id,
  at: isoDateTime,
  txId: z.string(),
});
export type ReadReceipt = z.infer<typeof ReadReceipt>;

/** What a school sees of a report: no guardians, no other schools, only its own permission. */
export const SchoolReportView = z.strictObject({
  reportId: id,
  childId: id,
  status: ReportStatus,
  provenance: Report.shape.provenance,
  permission: Permission,
  /** Set when the pediatrician replaced the report: the school should ask the guardians for the new one. */
  supersededBy: id.optional(),
});
export type SchoolReportView = z.infer<typeof SchoolReportView>;

/** ListMyReports: full records for the parties (guardians, issuing pediatrician), school views for a school. */
export const ReportListEntry = z.union([Report, SchoolReportView]);
export type ReportListEntry = z.infer<typeof ReportListEntry>;

/** ReadReport for a guardian or the issuing pediatrician: the record and the envelope from their org's peer. */
export const PartyReportRead = z.strictObject({ report: Report, envelope: ReportEnvelope.nullable() });
export type PartyReportRead = z.infer<typeof PartyReportRead>;

/** ReadReport for a school admin (after OpenReport): its view and the body from School's implicit collection. */
export const SchoolReportRead = z.strictObject({ report: SchoolReportView, body: ReportBody.nullable() });
export type SchoolReportRead = z.infer<typeof SchoolReportRead>;

/** What ReadReport answers. */
export const ReportRead = z.union([PartyReportRead, SchoolReportRead]);
export type ReportRead = z.infer<typeof ReportRead>;
