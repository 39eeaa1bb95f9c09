// School-entry reports (report channel): issued by the pediatrician, approved for schools and revoked by a guardian,
// opened and read by a school. The transactions of ReportContract (reportContract.ts) with these names run these
// functions.
import { Context } from 'fabric-contract-api';
import { parseArg, parseJsonArg } from '../shared/args';
import { type Actor, requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { REPORT_BODIES_COLLECTION, SCHOOL_COLLECTION } from '../shared/collections';
import { conflict, forbidden, invalidArgument, notFound } from '../shared/errors';
import { exists, parseStored } from '../shared/ledger';
import { party } from '../shared/notices';
import {
  id,
  isoDateTime,
  type Permission,
  type ReadReceipt,
  type Report,
  ReportEnvelope,
  type ReportRequest,
  SchoolIds,
} from '@pediledger/domain';
import { toJson } from '../shared/serialization';
import { txLatestDate, txTime } from '../shared/time';
import { WriteBatch } from '../shared/writeBatch';
import { hasOpenedSince, isGuardianOn, isReportPediatrician, permissionInForce, schoolView } from './access';
import { reportKeys } from './keys';
import { loadAdmission, loadReport, loadReportRequest, receiptsOf } from './records';
import { type CanonicalEnvelope, envelopeFromTransient } from './reportBody';
import { change, indexForParties, partyPage } from './common';
import { openRequestOfCaller } from './reportRequests';

/** Rejects an instant that is not after the transaction time. */
function requireFuture(ctx: Context, instant: string, name: string): void {
  if (Date.parse(instant) <= Date.parse(txTime(ctx))) throw invalidArgument(`${name}: must be in the future`);
}

/** The report, if the caller is one of its guardians. */
async function loadReportOfGuardian(ctx: Context, reportIdArg: unknown): Promise<{ report: Report; actor: Actor }> {
  const reportId = parseArg(id, reportIdArg, 'reportId');
  const actor = requireRole(ctx, 'parent');
  const report = await loadReport(ctx, reportId);
  if (!isGuardianOn(actor, report)) throw forbidden(`the caller is not a guardian on report ${reportId}`);
  return { report, actor };
}

/**
 * Checks a body the pediatrician issues (CreateReport, ReplaceReport) against the report it is for: the same child,
 * and issued today on the pediatrician's calendar, which may be tomorrow in UTC but is never past UTC+14's day.
 */
function checkIssuedBody(ctx: Context, issued: CanonicalEnvelope, childId: string): void {
  const { body } = issued.envelope;
  if (body.childId !== childId) throw invalidArgument(`transient report: body.childId must be ${childId}`);
  if (body.issuedOn > txLatestDate(ctx)) throw invalidArgument('transient report: body.issuedOn is in the future');
}

/** Refuses a report id that is taken. */
async function requireNewReport(ctx: Context, reportId: string): Promise<void> {
  if (await exists(ctx, reportKeys.report(ctx, reportId))) throw conflict(`report ${reportId} already exists`);
}

/** Who and what a new report is about: the fields CreateReport takes from its request, ReplaceReport from the old one. */
type ReportParties = Pick<
  Report,
  'reportId' | 'reportRequestId' | 'admissionRequestId' | 'childId' | 'pediatricianUid' | 'guardianUids'
>;

/**
 * A newly issued report: `ready`, no permission yet, its provenance from the issued envelope (only the body's salted
 * hash, never the body). `replaces`: the report it replaces (ReplaceReport), also named in its first change.
 */
function readyReport(ctx: Context, issued: CanonicalEnvelope, parties: ReportParties, replaces?: string): Report {
  const { source } = issued.envelope.body;
  return {
    ...parties,
    status: 'ready',
    permissions: [],
    provenance: {
      sourceChannel: source.channel,
      cardVersion: source.cardVersion,
      cardTxId: source.cardTxId,
      bodyHash: issued.hash,
    },
    ...(replaces === undefined ? {} : { replaces }),
    changes: [
      change(ctx, 'ready', parties.pediatricianUid, replaces === undefined ? undefined : `replaces ${replaces}`),
    ],
  };
}

/**
 * Issues `report` in one write with the records it `updates`: the report, its body in the Hospital + Parents
 * collection, the party indexes of its guardians and pediatrician, and the notice to the guardians. Returns the report.
 */
async function issueReport(
  ctx: Context,
  report: Report,
  issued: CanonicalEnvelope,
  updates: { key: string; record: object }[],
): Promise<string> {
  const batch = new WriteBatch(ctx)
    .put(reportKeys.report(ctx, report.reportId), report)
    .putPrivate(REPORT_BODIES_COLLECTION, reportKeys.issuedBody(ctx, report.reportId), issued.bytes);
  const parties = [...report.guardianUids.map(party.guardian), party.pediatrician(report.pediatricianUid)];
  for (const { key, record } of updates) batch.put(key, record);
  await indexForParties(ctx, batch, parties, 'report', report.reportId)
    .notify({
      kind: 'report-ready',
      parties: report.guardianUids.map(party.guardian),
      refs: { reportId: report.reportId },
    })
    .commit();
  return toJson(report);
}

/** Reads a stored envelope (empty bytes: this peer does not hold it). */
function parseStoredEnvelope(bytes: Uint8Array): ReportEnvelope | null {
  return bytes.length === 0 ? null : parseStored(ReportEnvelope, bytes, 'report envelope');
}

/**
 * The requested pediatrician issues the report. The envelope (salt + body) comes in transient data `report`; the
 * body goes to the Hospital + Parents collection, the public record keeps only its salted hash. Status `ready`.
 * Endorse on Hospital + Parents only: School's peer must not receive the transient body.
 */
export async function CreateReport(ctx: PediLedgerContext, reportId: string, reportRequestId: string): Promise<string> {
  const reportIdValue = parseArg(id, reportId, 'reportId');
  const request = await openRequestOfCaller(ctx, reportRequestId);
  const issued = envelopeFromTransient(ctx);
  checkIssuedBody(ctx, issued, request.record.childId);
  await requireNewReport(ctx, reportIdValue);
  const admission = await loadAdmission(ctx, request.record.admissionRequestId);
  const report = readyReport(ctx, issued, {
    reportId: reportIdValue,
    reportRequestId: request.record.reportRequestId,
    admissionRequestId: admission.requestId,
    childId: request.record.childId,
    pediatricianUid: request.uid,
    guardianUids: admission.guardianUids,
  });
  const fulfilled: ReportRequest = {
    ...request.record,
    status: 'fulfilled',
    reportId: reportIdValue,
    changes: [...request.record.changes, change(ctx, 'fulfilled', request.uid)],
  };
  return issueReport(ctx, report, issued, [
    { key: reportKeys.reportRequest(ctx, fulfilled.reportRequestId), record: fulfilled },
  ]);
}

/**
 * The issuing pediatrician replaces a report whose card has changed since (a new allergy): a new report `reportId`
 * for the same request, its envelope in transient data `report` as in CreateReport, built from a newer card version
 * than the old one's. The old report is marked `supersededBy` and keeps its permissions (purging a school's copy
 * needs School's endorsement, and School's peer must not receive the new body); the new one is `ready` with no
 * permission, so the guardians approve it for each school, as they approved the old body (see chaincode/README).
 * A revoked or already superseded report is `CONFLICT:`. Endorse on Hospital + Parents only.
 */
export async function ReplaceReport(
  ctx: PediLedgerContext,
  reportId: string,
  replacedReportId: string,
): Promise<string> {
  const reportIdValue = parseArg(id, reportId, 'reportId');
  const replacedId = parseArg(id, replacedReportId, 'replacedReportId');
  const pediatrician = requireRole(ctx, 'pediatrician');
  const issued = envelopeFromTransient(ctx);
  const old = await loadReport(ctx, replacedId);
  if (old.pediatricianUid !== pediatrician.uid) {
    throw forbidden(`only the pediatrician who issued report ${replacedId} may replace it`);
  }
  if (old.supersededBy !== undefined) throw conflict(`report ${replacedId} is already replaced`);
  if (old.status === 'revoked') throw conflict(`report ${replacedId} is revoked`);
  checkIssuedBody(ctx, issued, old.childId);
  if (issued.envelope.body.source.cardVersion <= old.provenance.cardVersion) {
    throw conflict(`report ${replacedId} was built from card version ${old.provenance.cardVersion}: nothing newer`);
  }
  await requireNewReport(ctx, reportIdValue);
  const request = await loadReportRequest(ctx, old.reportRequestId);
  const report = readyReport(
    ctx,
    issued,
    {
      reportId: reportIdValue,
      reportRequestId: old.reportRequestId,
      admissionRequestId: old.admissionRequestId,
      childId: old.childId,
      pediatricianUid: old.pediatricianUid,
      guardianUids: old.guardianUids,
    },
    replacedId,
  );
  const superseded: Report = {
    ...old,
    supersededBy: reportIdValue,
    changes: [...old.changes, change(ctx, old.status, pediatrician.uid, `superseded by ${reportIdValue}`)],
  };
  const refulfilled: ReportRequest = {
    ...request,
    reportId: reportIdValue,
    changes: [
      ...request.changes,
      change(ctx, 'fulfilled', pediatrician.uid, `report ${reportIdValue} replaces ${replacedId}`),
    ],
  };
  return issueReport(ctx, report, issued, [
    { key: reportKeys.report(ctx, replacedId), record: superseded },
    { key: reportKeys.reportRequest(ctx, request.reportRequestId), record: refulfilled },
  ]);
}

/**
 * A guardian approves a ready (or already approved) report for schools until `validUntil`. The guardian's client
 * passes the envelope it read (ReadReport) in transient data `report`; it must hash to the issued body's hash,
 * which `getPrivateDataHash` gives even on School's peer. The body is then copied into School's implicit collection.
 * Endorse on Parents + School.
 */
export async function ApproveReport(
  ctx: PediLedgerContext,
  reportId: string,
  schoolIdsJson: string,
  validUntil: string,
): Promise<string> {
  const schoolIds = parseJsonArg(SchoolIds, schoolIdsJson, 'schoolIdsJson');
  const until = parseArg(isoDateTime, validUntil, 'validUntil');
  requireFuture(ctx, until, 'validUntil');
  const { report, actor } = await loadReportOfGuardian(ctx, reportId);
  if (report.status === 'revoked') throw conflict(`report ${report.reportId} is revoked`);
  if (report.supersededBy !== undefined) {
    throw conflict(`report ${report.reportId} is replaced by ${report.supersededBy}: approve that one`);
  }
  const { bytes, hash } = envelopeFromTransient(ctx);
  const stored = await ctx.stub.getPrivateDataHash(
    REPORT_BODIES_COLLECTION,
    reportKeys.issuedBody(ctx, report.reportId),
  );
  if (stored.length === 0) throw notFound(`the issued body of report ${report.reportId} is missing`);
  if (hash !== report.provenance.bodyHash || hash !== Buffer.from(stored).toString('hex')) {
    throw invalidArgument('transient report: does not match the issued report (hash differs)');
  }
  const now = txTime(ctx);
  const granted: Permission[] = schoolIds.map((schoolId) => ({
    schoolId,
    validUntil: until,
    grantedBy: actor.uid,
    grantedAt: now,
  }));
  const approved: Report = {
    ...report,
    status: 'approved',
    permissions: [...report.permissions.filter((p) => !schoolIds.includes(p.schoolId)), ...granted],
    changes: [...report.changes, ...schoolIds.map((schoolId) => ({ ...change(ctx, 'approved', actor.uid), schoolId }))],
  };
  const batch = new WriteBatch(ctx).put(reportKeys.report(ctx, report.reportId), approved);
  for (const schoolId of schoolIds) {
    batch
      .putPrivate(SCHOOL_COLLECTION, reportKeys.schoolBody(ctx, report.reportId, schoolId), bytes)
      .putIndex(reportKeys.partyIndex(ctx, party.school(schoolId), 'report', report.reportId));
  }
  await batch
    .notify({ kind: 'report-approved', parties: schoolIds.map(party.school), refs: { reportId: report.reportId } })
    .commit();
  return toJson(approved);
}

/**
 * A guardian takes a school's permission away: its copy of the body is deleted and purged from School's peer at once
 * (PurgePrivateData, Application capability V2_5). When no school is left the report is revoked for good.
 * Endorse on Parents + School.
 */
export async function RevokeReportPermission(
  ctx: PediLedgerContext,
  reportId: string,
  schoolId: string,
): Promise<string> {
  const schoolIdValue = parseArg(id, schoolId, 'schoolId');
  const { report, actor } = await loadReportOfGuardian(ctx, reportId);
  if (report.status !== 'approved') throw conflict(`report ${report.reportId} is ${report.status}, not approved`);
  if (!report.permissions.some((p) => p.schoolId === schoolIdValue)) {
    throw conflict(`school ${schoolIdValue} has no permission on report ${report.reportId}`);
  }
  const permissions = report.permissions.filter((p) => p.schoolId !== schoolIdValue);
  const status = permissions.length === 0 ? 'revoked' : 'approved';
  const revoked: Report = {
    ...report,
    status,
    permissions,
    changes: [
      ...report.changes,
      // The change names the school; while other schools remain the status stays `approved`.
      { ...change(ctx, status, actor.uid, 'permission revoked'), schoolId: schoolIdValue },
    ],
  };
  await new WriteBatch(ctx)
    .put(reportKeys.report(ctx, report.reportId), revoked)
    .purgePrivate(SCHOOL_COLLECTION, reportKeys.schoolBody(ctx, report.reportId, schoolIdValue))
    .delete(reportKeys.partyIndex(ctx, party.school(schoolIdValue), 'report', report.reportId))
    .notify({ kind: 'report-revoked', parties: [party.school(schoolIdValue)], refs: { reportId: report.reportId } })
    .commit();
  return toJson(revoked);
}

/**
 * A school admin whose school holds a permission in force records that they open the report (a read receipt with
 * school, uid and transaction time). Returns the receipt; the body is then read with ReadReport on School's peer.
 * (Returning the body here would write it into the block, where no purge can reach it.)
 */
export async function OpenReport(ctx: PediLedgerContext, reportId: string): Promise<string> {
  const reportIdValue = parseArg(id, reportId, 'reportId');
  const admin = requireRole(ctx, 'school-admin');
  const report = await loadReport(ctx, reportIdValue);
  if (!permissionInForce(admin, report, txTime(ctx))) {
    throw forbidden(`school ${admin.schoolId} has no permission in force on report ${reportIdValue}`);
  }
  const receipt: ReadReceipt = {
    reportId: reportIdValue,
    schoolId: admin.schoolId,
    uid: admin.uid,
    at: txTime(ctx),
    txId: ctx.stub.getTxID(),
  };
  await new WriteBatch(ctx)
    .put(reportKeys.receipt(ctx, reportIdValue, receipt.txId), receipt)
    .notify({
      kind: 'report-opened',
      parties: report.guardianUids.map(party.guardian),
      refs: { reportId: reportIdValue, schoolId: admin.schoolId },
    })
    .commit();
  return toJson(receipt);
}

/**
 * The report. Guardians and the issuing pediatrician always get the public record and the envelope (salt + body,
 * from the Hospital + Parents collection on their own org's peer). A school admin gets the school's view and the
 * body (from School's implicit collection) only while its permission is in force and after an OpenReport receipt.
 */
export async function ReadReport(ctx: PediLedgerContext, reportId: string): Promise<string> {
  const reportIdValue = parseArg(id, reportId, 'reportId');
  const actor = requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
  const report = await loadReport(ctx, reportIdValue);
  if (isGuardianOn(actor, report) || isReportPediatrician(actor, report)) {
    const key = reportKeys.issuedBody(ctx, reportIdValue);
    const envelope = parseStoredEnvelope(await ctx.stub.getPrivateData(REPORT_BODIES_COLLECTION, key));
    return toJson({ report, envelope });
  }
  const permission = permissionInForce(actor, report, txTime(ctx));
  if (!permission) throw forbidden(`the caller may not read report ${reportIdValue}`);
  if (!hasOpenedSince(actor, await receiptsOf(ctx, reportIdValue), permission)) {
    throw forbidden(`open report ${reportIdValue} with OpenReport first, so the read is recorded`);
  }
  const key = reportKeys.schoolBody(ctx, reportIdValue, permission.schoolId);
  const envelope = parseStoredEnvelope(await ctx.stub.getPrivateData(SCHOOL_COLLECTION, key));
  return toJson({ report: schoolView(report, permission), body: envelope?.body ?? null });
}

/** The report's read receipts, oldest first, for its guardians. */
export async function GetReadReceipts(ctx: PediLedgerContext, reportId: string): Promise<string> {
  const { report } = await loadReportOfGuardian(ctx, reportId);
  return toJson(await receiptsOf(ctx, report.reportId));
}

/**
 * Reports of the caller (public records, no bodies), paged as above; a school sees only reports it may read now, as
 * school views, so its page may hold fewer than `pageSize`.
 */
export async function ListMyReports(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
  const actor = requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
  const now = txTime(ctx);
  return partyPage(ctx, actor, 'report', pageSize, bookmark, async (reportId) => {
    const report = await loadReport(ctx, reportId);
    if (actor.role !== 'school-admin') return report;
    const permission = permissionInForce(actor, report, now);
    return permission ? schoolView(report, permission) : null;
  });
}
