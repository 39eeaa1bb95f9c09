// Report requests (report channel): a school asks the child's pediatrician for a school-entry report, who issues it
// (reports.ts) or declines. The transactions of ReportContract (reportContract.ts) with these names run these functions.
import { Context } from 'fabric-contract-api';
import { parseArg, parseJsonArg } from '../shared/args';
import { requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { conflict, forbidden } from '../shared/errors';
import { exists } from '../shared/ledger';
import { party } from '../shared/notices';
import { id, Reason, type ReportRequest, ReportRequestInput } from '@pediledger/domain';
import { toJson } from '../shared/serialization';
import { WriteBatch } from '../shared/writeBatch';
import { reportKeys } from './keys';
import { loadAdmissionOfSchool } from './admissions';
import { loadReportRequest } from './records';
import { change, indexForParties, partyPage } from './common';

/** An admin of the school asks the named pediatrician for a report on a child with an open admission request. */
export async function CreateReportRequest(ctx: PediLedgerContext, requestJson: string): Promise<string> {
  const input = parseJsonArg(ReportRequestInput, requestJson, 'requestJson');
  const admin = requireRole(ctx, 'school-admin');
  const admission = await loadAdmissionOfSchool(ctx, admin, input.admissionRequestId);
  if (admission.status !== 'submitted' && admission.status !== 'accepted') {
    throw conflict(`admission request ${admission.requestId} is ${admission.status}`);
  }
  if (await exists(ctx, reportKeys.reportRequest(ctx, input.reportRequestId))) {
    throw conflict(`report request ${input.reportRequestId} already exists`);
  }
  const request: ReportRequest = {
    reportRequestId: input.reportRequestId,
    admissionRequestId: admission.requestId,
    childId: admission.childId,
    schoolId: admission.schoolId,
    pediatricianUid: input.pediatricianUid,
    status: 'requested',
    changes: [change(ctx, 'requested', admin.uid)],
  };
  const pediatrician = party.pediatrician(request.pediatricianUid);
  const batch = new WriteBatch(ctx).put(reportKeys.reportRequest(ctx, request.reportRequestId), request);
  indexForParties(ctx, batch, [pediatrician], 'admission', admission.requestId);
  const parties = [...admission.guardianUids.map(party.guardian), party.school(request.schoolId), pediatrician];
  await indexForParties(ctx, batch, parties, 'reportRequest', request.reportRequestId)
    .notify({
      kind: 'report-requested',
      parties: [pediatrician],
      refs: { reportRequestId: request.reportRequestId },
    })
    .commit();
  return toJson(request);
}

/** The requested pediatrician declines a report request, giving a reason. */
export async function DeclineReportRequest(
  ctx: PediLedgerContext,
  reportRequestId: string,
  reason: string,
): Promise<string> {
  const request = await openRequestOfCaller(ctx, reportRequestId);
  const why = parseArg(Reason, reason, 'reason');
  const declined: ReportRequest = {
    ...request.record,
    status: 'declined',
    changes: [...request.record.changes, change(ctx, 'declined', request.uid, why)],
  };
  await new WriteBatch(ctx)
    .put(reportKeys.reportRequest(ctx, declined.reportRequestId), declined)
    .notify({
      kind: 'report-request-declined',
      parties: [party.school(declined.schoolId)],
      refs: { reportRequestId: declined.reportRequestId },
    })
    .commit();
  return toJson(declined);
}

/** Report requests of the caller (a guardian's children's, a school's, or a pediatrician's), paged as above. */
export async function ListMyReportRequests(
  ctx: PediLedgerContext,
  pageSize: string,
  bookmark: string,
): Promise<string> {
  const actor = requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
  return partyPage(ctx, actor, 'reportRequest', pageSize, bookmark, (requestId) => loadReportRequest(ctx, requestId));
}

/** The report request `reportRequestIdArg`, if it is still requested and addressed to the calling pediatrician. */
export async function openRequestOfCaller(
  ctx: Context,
  reportRequestIdArg: unknown,
): Promise<{ record: ReportRequest; uid: string }> {
  const reportRequestId = parseArg(id, reportRequestIdArg, 'reportRequestId');
  const pediatrician = requireRole(ctx, 'pediatrician');
  const record = await loadReportRequest(ctx, reportRequestId);
  if (record.pediatricianUid !== pediatrician.uid) {
    throw forbidden(`report request ${reportRequestId} is addressed to another pediatrician`);
  }
  if (record.status !== 'requested') throw conflict(`report request ${reportRequestId} is already ${record.status}`);
  return { record, uid: pediatrician.uid };
}
