// Admission requests (report channel): a parent asks a school to admit their child; the school decides; a guardian
// withdraws. The transactions of ReportContract (reportContract.ts) with these names run these functions.
import { Context } from 'fabric-contract-api';
import { parseArg, parseJsonArg } from '../shared/args';
import { type Actor, requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { REPORT_BODIES_COLLECTION } from '../shared/collections';
import { conflict, forbidden, invalidArgument } from '../shared/errors';
import { exists, readRecord } from '../shared/ledger';
import { party } from '../shared/notices';
import {
  AdmissionAttempt,
  AdmissionDecision,
  type AdmissionRefusal,
  type AdmissionRequest,
  AdmissionRequestInput,
  type Child,
  id,
  OpenAdmission,
  Reason,
} from '@pediledger/domain';
import { toBytes, toJson } from '../shared/serialization';
import { txLatestDate, txTime } from '../shared/time';
import { WriteBatch } from '../shared/writeBatch';
import { reportKeys } from './keys';
import { isGuardianOn } from './access';
import { childOnMedical } from './medicalLink';
import { loadAdmission } from './records';
import { change, indexForParties, partyPage } from './common';

/**
 * Rejects a request whose child details differ from the child's record on `medical`, or that names a guardian the
 * child does not have there: the school must see the real child, and the report's guardians are the child's.
 */
function checkAgainstChild(input: AdmissionRequestInput, child: Child): void {
  const named = { childGivenName: child.givenName, childFamilyName: child.familyName, childBirthDate: child.birthDate };
  for (const [field, value] of Object.entries(named)) {
    if (input[field as keyof typeof named] !== value) {
      throw invalidArgument(`requestJson.${field}: differs from the child's record on the medical channel`);
    }
  }
  const stranger = (input.guardianUids ?? []).find((uid) => !child.guardianUids.includes(uid));
  if (stranger !== undefined) {
    throw invalidArgument(
      `requestJson.guardianUids: ${stranger} is not a guardian of the child on the medical channel`,
    );
  }
}

/**
 * Frees the child and school of a request that stops being open. Only when the key names this request: one opened
 * before the key existed never had it, and must not remove the key of the request opened after it.
 */
async function closeOpenAdmission(ctx: Context, batch: WriteBatch, request: AdmissionRequest): Promise<void> {
  const key = reportKeys.openAdmission(ctx, request.childId, request.schoolId);
  const open = await readRecord(ctx, key, OpenAdmission);
  if (open?.requestId === request.requestId) batch.delete(key);
}

/**
 * A parent asks a school to admit their child. The child is read on `medical` with the caller's own proposal
 * (`medicalLink.ts`): the request's guardians are the child's guardians there, and its names and birth date must be
 * the child's. A parent who is not a guardian of the child there (or names no child) is refused without a request
 * being made: the transaction records the attempt privately for the child's guardians (ListMyNotices tells them)
 * and returns an {@link AdmissionRefusal}, the same whether or not the child exists. Endorse on Hospital + Parents,
 * the peers that hold `medical`.
 * One request per child and school may be open (submitted or accepted) at a time, whichever guardian opened it: the
 * open-request key of the pair says which (checked after the guardian check, so a non-guardian learns nothing).
 */
export async function CreateAdmissionRequest(ctx: PediLedgerContext, requestJson: string): Promise<string> {
  const input = parseJsonArg(AdmissionRequestInput, requestJson, 'requestJson');
  const parent = requireRole(ctx, 'parent');
  if (input.childBirthDate > txLatestDate(ctx)) throw invalidArgument('requestJson.childBirthDate: is in the future');
  if (await exists(ctx, reportKeys.admission(ctx, input.requestId))) {
    throw conflict(`admission request ${input.requestId} already exists`);
  }
  const child = await childOnMedical(ctx, input.childId);
  if (child === null) return refuseAdmission(ctx, parent, input);
  checkAgainstChild(input, child);
  const openKey = reportKeys.openAdmission(ctx, input.childId, input.schoolId);
  if (await exists(ctx, openKey)) {
    throw conflict(`an admission request for child ${input.childId} and school ${input.schoolId} is already open`);
  }
  const request: AdmissionRequest = {
    requestId: input.requestId,
    childId: input.childId,
    childGivenName: child.givenName,
    childFamilyName: child.familyName,
    childBirthDate: child.birthDate,
    schoolId: input.schoolId,
    guardianUids: child.guardianUids,
    status: 'submitted',
    changes: [change(ctx, 'submitted', parent.uid)],
  };
  const school = party.school(request.schoolId);
  const batch = new WriteBatch(ctx)
    .put(reportKeys.admission(ctx, request.requestId), request)
    .put(openKey, { requestId: request.requestId } satisfies OpenAdmission);
  await indexForParties(
    ctx,
    batch,
    [...request.guardianUids.map(party.guardian), school],
    'admission',
    request.requestId,
  )
    .notify({ kind: 'admission-requested', parties: [school], refs: { requestId: request.requestId } })
    .commit();
  return toJson(request);
}

/** An admin of the requested school accepts or rejects a submitted request (a reason is required to reject). */
export async function DecideAdmissionRequest(
  ctx: PediLedgerContext,
  requestId: string,
  decision: string,
  reason: string,
): Promise<string> {
  const requestIdValue = parseArg(id, requestId, 'requestId');
  const verdict = parseArg(AdmissionDecision, decision, 'decision');
  const why = reason === '' && verdict === 'accept' ? undefined : parseArg(Reason, reason, 'reason');
  const admin = requireRole(ctx, 'school-admin');
  const request = await loadAdmissionOfSchool(ctx, admin, requestIdValue);
  if (request.status !== 'submitted')
    throw conflict(`admission request ${requestIdValue} is already ${request.status}`);
  const status = verdict === 'accept' ? 'accepted' : 'rejected';
  const decided: AdmissionRequest = {
    ...request,
    status,
    changes: [...request.changes, change(ctx, status, admin.uid, why)],
  };
  const batch = new WriteBatch(ctx).put(reportKeys.admission(ctx, requestIdValue), decided);
  if (status === 'rejected') await closeOpenAdmission(ctx, batch, request);
  await batch
    .notify({
      kind: 'admission-decided',
      parties: request.guardianUids.map(party.guardian),
      refs: { requestId: requestIdValue, status },
    })
    .commit();
  return toJson(decided);
}

/** The admission request `requestId`, if it is made to the school admin's own school (FORBIDDEN otherwise). */
export async function loadAdmissionOfSchool(
  ctx: Context,
  admin: Extract<Actor, { role: 'school-admin' }>,
  requestId: string,
): Promise<AdmissionRequest> {
  const request = await loadAdmission(ctx, requestId);
  if (request.schoolId !== admin.schoolId) throw forbidden(`admission request ${requestId} is for another school`);
  return request;
}

/** A guardian withdraws a submitted or accepted admission request. */
export async function WithdrawAdmissionRequest(ctx: PediLedgerContext, requestId: string): Promise<string> {
  const requestIdValue = parseArg(id, requestId, 'requestId');
  const parent = requireRole(ctx, 'parent');
  const request = await loadAdmission(ctx, requestIdValue);
  if (!isGuardianOn(parent, request)) {
    throw forbidden(`the caller is not a guardian on admission request ${requestIdValue}`);
  }
  if (request.status !== 'submitted' && request.status !== 'accepted') {
    throw conflict(`admission request ${requestIdValue} is ${request.status} and cannot be withdrawn`);
  }
  const withdrawn: AdmissionRequest = {
    ...request,
    status: 'withdrawn',
    changes: [...request.changes, change(ctx, 'withdrawn', parent.uid)],
  };
  const batch = new WriteBatch(ctx).put(reportKeys.admission(ctx, requestIdValue), withdrawn);
  await closeOpenAdmission(ctx, batch, request);
  await batch.commit();
  return toJson(withdrawn);
}

/**
 * Admission requests of the caller (a guardian's, a school's, or those a pediatrician was asked to report on), by
 * request id, one page at a time: `{items, bookmark}`, at most `pageSize` (1–100) and 256 KiB; pass `bookmark` back
 * for the next page ('' for the first; '' in the answer on the last).
 */
export async function ListMyAdmissionRequests(
  ctx: PediLedgerContext,
  pageSize: string,
  bookmark: string,
): Promise<string> {
  const actor = requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
  return partyPage(ctx, actor, 'admission', pageSize, bookmark, (requestId) => loadAdmission(ctx, requestId));
}

/**
 * Records a refused admission request for the child's guardians and returns the refusal. Only what the applicant
 * stated goes into the record, so the transaction (which the applicant sees in full) is the same whether or not
 * the child exists and whoever its guardians are.
 */
async function refuseAdmission(ctx: Context, parent: Actor, input: AdmissionRequestInput): Promise<string> {
  const attempt: AdmissionAttempt = {
    requestId: input.requestId,
    childId: input.childId,
    schoolId: input.schoolId,
    applicantUid: parent.uid,
    at: txTime(ctx),
  };
  await new WriteBatch(ctx)
    .putPrivate(REPORT_BODIES_COLLECTION, reportKeys.admissionAttempt(ctx, ctx.stub.getTxID()), toBytes(attempt))
    .commit();
  const refusal: AdmissionRefusal = {
    refused: 'FORBIDDEN',
    message:
      `only a guardian of child ${input.childId} on the medical channel may apply for it; ` +
      "the attempt is recorded for the child's guardians",
  };
  return toJson(refusal);
}
