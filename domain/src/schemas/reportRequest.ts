import { z } from 'zod';
import { id, statusChanges } from './primitives.ts';

/** requested → fulfilled | declined. */
export const ReportRequestStatus = z.enum(['requested', 'fulfilled', 'declined']);
export type ReportRequestStatus = z.infer<typeof ReportRequestStatus>;

/** CreateReportRequest's argument: the school names the pediatrician it asks for a report. */
export const ReportRequestInput = z.strictObject({
  reportRequestId: id,
  admissionRequestId: id,
  pediatricianUid: id,
});
export type ReportRequestInput = z.infer<typeof ReportRequestInput>;

/** A school's request that a pediatrician issue a school-entry report for an admission. */
export const ReportRequest = z.strictObject({
  reportRequestId: id,
  admissionRequestId: id,
  childId: id,
  schoolId: id,
  pediatricianUid: id,
  status: ReportRequestStatus,
  reportId: id.optional(),
  changes: statusChanges(ReportRequestStatus),
});
export type ReportRequest = z.infer<typeof ReportRequest>;
