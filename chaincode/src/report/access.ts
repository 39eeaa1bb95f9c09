import type { Actor } from '../shared/caller';
import type { Permission, ReadReceipt, Report, SchoolReportView } from '@pediledger/domain';

// Access rules of the report channel, as pure functions of records the transaction has already loaded. Guardians are
// the child's guardians on the medical channel when the admission request was made (CreateAdmissionRequest reads
// them there); the pediatrician is the one the school named in the report request.

/**
 * Whether the actor is a parent listed as a guardian on an admission request, or on a report (copied from its
 * admission request).
 */
export function isGuardianOn(actor: Actor, record: { guardianUids: readonly string[] }): boolean {
  return actor.role === 'parent' && record.guardianUids.includes(actor.uid);
}

/** Whether the actor is the pediatrician who issued the report. */
export function isReportPediatrician(actor: Actor, report: Report): boolean {
  return actor.role === 'pediatrician' && report.pediatricianUid === actor.uid;
}

/** The actor's school's permission on an approved report, if it is in force at `now`. */
export function permissionInForce(actor: Actor, report: Report, now: string): Permission | undefined {
  if (actor.role !== 'school-admin' || report.status !== 'approved') return undefined;
  const permission = report.permissions.find((p) => p.schoolId === actor.schoolId);
  return permission && Date.parse(permission.validUntil) > Date.parse(now) ? permission : undefined;
}

/** Whether the school admin recorded a read (OpenReport) under the current permission. */
export function hasOpenedSince(actor: Actor, receipts: ReadReceipt[], permission: Permission): boolean {
  return receipts.some(
    (r) =>
      r.uid === actor.uid && r.schoolId === permission.schoolId && Date.parse(r.at) >= Date.parse(permission.grantedAt),
  );
}

/** The school's view of a report under `permission`. */
export function schoolView(report: Report, permission: Permission): SchoolReportView {
  return {
    reportId: report.reportId,
    childId: report.childId,
    status: report.status,
    provenance: report.provenance,
    permission,
    ...(report.supersededBy === undefined ? {} : { supersededBy: report.supersededBy }),
  };
}
