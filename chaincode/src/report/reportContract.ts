import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { parseArg, parseBookmark, parseJsonArg, parsePageSize } from '../shared/args';
import { type Actor, callerOf, requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { REPORT_BODIES_COLLECTION, SCHOOL_COLLECTION } from '../shared/collections';
import { conflict, forbidden, invalidArgument, notFound, unknownTransaction } from '../shared/errors';
import { exists, type IndexRow, parseStored, readRecord, recordPage } from '../shared/ledger';
import { party, partyOf, storedNoticesFor } from '../shared/notices';
import {
  AdmissionAttempt,
  AdmissionDecision,
  type AdmissionRefusal,
  type AdmissionRequest,
  AdmissionRequestInput,
  type Child,
  DirectoryDisplayName,
  type DirectoryEntry,
  DirectoryKind,
  id,
  isoDateTime,
  type Notice,
  NoticeTxIds,
  OpenAdmission,
  type Permission,
  Reason,
  type ReadReceipt,
  type Report,
  ReportEnvelope,
  type ReportRequest,
  ReportRequestInput,
  SchoolIds,
} from '../shared/schemas';
import { fromBytes, toBytes, toJson } from '../shared/serialization';
import { txLatestDate, txTime } from '../shared/time';
import { checkProposal } from '../shared/proposalChecks';
import { WriteBatch } from '../shared/writeBatch';
import { hasOpenedSince, isReportGuardian, isReportPediatrician, permissionInForce, schoolView } from './access';
import { type IndexedType, REPORT_TYPES, reportKeys } from './keys';
import { childOnMedical } from './medicalLink';
import { directoryOf, findDirectoryEntry, loadAdmission, loadReport, loadReportRequest, receiptsOf } from './records';
import { envelopeFromTransient } from './reportBody';

/** A record's status change. */
interface StatusChange<S extends string> {
  status: S;
  by: string;
  at: string;
  txId: string;
  reason?: string;
}

/** The status change every record keeps: who, when (transaction time), which transaction, and why. */
function change<S extends string>(ctx: Context, status: S, by: string, reason?: string): StatusChange<S> {
  return { status, by, at: txTime(ctx), txId: ctx.stub.getTxID(), ...(reason ? { reason } : {}) };
}

/** Who a directory publisher is: a pediatrician lists themself, a school admin lists their school. */
function directorySubjectOf(actor: Extract<Actor, { role: 'pediatrician' | 'school-admin' }>): {
  kind: DirectoryKind;
  id: string;
} {
  return actor.role === 'pediatrician'
    ? { kind: 'pediatrician', id: actor.uid }
    : { kind: 'school', id: actor.schoolId };
}

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

/** Rejects an instant that is not after the transaction time. */
function requireFuture(ctx: Context, instant: string, name: string): void {
  if (Date.parse(instant) <= Date.parse(txTime(ctx))) throw invalidArgument(`${name}: must be in the future`);
}

/** The report, if the caller is one of its guardians. */
async function loadReportOfGuardian(ctx: Context, reportIdArg: unknown): Promise<{ report: Report; actor: Actor }> {
  const reportId = parseArg(id, reportIdArg, 'reportId');
  const actor = requireRole(ctx, 'parent');
  const report = await loadReport(ctx, reportId);
  if (!isReportGuardian(actor, report)) throw forbidden(`the caller is not a guardian on report ${reportId}`);
  return { report, actor };
}

/** Reads a stored envelope (empty bytes: this peer does not hold it). */
function parseStoredEnvelope(bytes: Uint8Array): ReportEnvelope | null {
  return bytes.length === 0 ? null : parseStored(ReportEnvelope, bytes, 'report envelope');
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

/** One page of the records of `type` listed under the actor's party key, loaded with `load` (null: left out). */
async function partyPage<T extends object>(
  ctx: Context,
  actor: Actor,
  type: IndexedType,
  pageSizeArg: unknown,
  bookmarkArg: unknown,
  load: (recordId: string) => Promise<T | null>,
): Promise<string> {
  const size = parsePageSize(pageSizeArg);
  const start = parseBookmark(bookmarkArg, [id]);
  const page = await recordPage(ctx, REPORT_TYPES.partyIndex, [partyOf(actor), type], size, start, (row: IndexRow) =>
    load(row.attributes[0] ?? ''),
  );
  return toJson(page);
}

/**
 * Admission requests, report requests and school-entry reports. Report bodies never enter public state: they live in
 * the Hospital + Parents collection, and a copy goes to School's implicit collection only when a guardian approves.
 */
@Info({ title: 'ReportContract', description: 'Admission requests, report requests and reports on the report channel' })
export class ReportContract extends Contract {
  constructor() {
    super('report');
  }

  /** Each transaction's context carries this endorser's clock reading, for {@link checkProposal}. */
  override createContext(): PediLedgerContext {
    return new PediLedgerContext();
  }

  /** Runs before every transaction, evaluations included: the proposal's time and the caller's certificate. */
  override beforeTransaction(ctx: PediLedgerContext): Promise<void> {
    checkProposal(ctx);
    return Promise.resolve();
  }

  /** Refuses an unknown function name without logging its arguments (see `unknownTransaction`). */
  public override unknownTransaction(): Promise<void> {
    return Promise.reject(unknownTransaction('report'));
  }

  /** Returns who the chaincode sees as the caller: a smoke test of identity plumbing. */
  @Transaction()
  @Returns('string')
  public async Ping(ctx: PediLedgerContext): Promise<string> {
    return Promise.resolve(JSON.stringify({ channel: ctx.stub.getChannelID(), caller: callerOf(ctx) }));
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
  @Transaction()
  @Returns('string')
  public async CreateAdmissionRequest(ctx: PediLedgerContext, requestJson: string): Promise<string> {
    const input = parseJsonArg(AdmissionRequestInput, requestJson, 'requestJson');
    const parent = requireRole(ctx, 'parent');
    if (input.childBirthDate > txLatestDate(ctx)) throw invalidArgument('requestJson.childBirthDate: is in the future');
    if (await exists(ctx, reportKeys.admission(ctx, input.requestId))) {
      throw conflict(`admission request ${input.requestId} already exists`);
    }
    const child = await childOnMedical(ctx, input.childId);
    if (child === null) return this.#refuseAdmission(ctx, parent, input);
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
    for (const partyKey of [...request.guardianUids.map(party.guardian), school]) {
      batch.putIndex(reportKeys.partyIndex(ctx, partyKey, 'admission', request.requestId));
    }
    await batch
      .notify({ kind: 'admission-requested', parties: [school], refs: { requestId: request.requestId } })
      .commit();
    return toJson(request);
  }

  /** An admin of the requested school accepts or rejects a submitted request (a reason is required to reject). */
  @Transaction()
  @Returns('string')
  public async DecideAdmissionRequest(
    ctx: PediLedgerContext,
    requestId: string,
    decision: string,
    reason: string,
  ): Promise<string> {
    const requestIdValue = parseArg(id, requestId, 'requestId');
    const verdict = parseArg(AdmissionDecision, decision, 'decision');
    const why = reason === '' && verdict === 'accept' ? undefined : parseArg(Reason, reason, 'reason');
    const admin = requireRole(ctx, 'school-admin');
    const request = await loadAdmission(ctx, requestIdValue);
    if (request.schoolId !== admin.schoolId)
      throw forbidden(`admission request ${requestIdValue} is for another school`);
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

  /** A guardian withdraws a submitted or accepted admission request. */
  @Transaction()
  @Returns('string')
  public async WithdrawAdmissionRequest(ctx: PediLedgerContext, requestId: string): Promise<string> {
    const requestIdValue = parseArg(id, requestId, 'requestId');
    const parent = requireRole(ctx, 'parent');
    const request = await loadAdmission(ctx, requestIdValue);
    if (!request.guardianUids.includes(parent.uid)) {
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

  /** An admin of the school asks the named pediatrician for a report on a child with an open admission request. */
  @Transaction()
  @Returns('string')
  public async CreateReportRequest(ctx: PediLedgerContext, requestJson: string): Promise<string> {
    const input = parseJsonArg(ReportRequestInput, requestJson, 'requestJson');
    const admin = requireRole(ctx, 'school-admin');
    const admission = await loadAdmission(ctx, input.admissionRequestId);
    if (admission.schoolId !== admin.schoolId) {
      throw forbidden(`admission request ${admission.requestId} is for another school`);
    }
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
    const batch = new WriteBatch(ctx)
      .put(reportKeys.reportRequest(ctx, request.reportRequestId), request)
      .putIndex(reportKeys.partyIndex(ctx, pediatrician, 'admission', admission.requestId));
    for (const partyKey of [
      ...admission.guardianUids.map(party.guardian),
      party.school(request.schoolId),
      pediatrician,
    ]) {
      batch.putIndex(reportKeys.partyIndex(ctx, partyKey, 'reportRequest', request.reportRequestId));
    }
    await batch
      .notify({
        kind: 'report-requested',
        parties: [pediatrician],
        refs: { reportRequestId: request.reportRequestId },
      })
      .commit();
    return toJson(request);
  }

  /** The requested pediatrician declines a report request, giving a reason. */
  @Transaction()
  @Returns('string')
  public async DeclineReportRequest(ctx: PediLedgerContext, reportRequestId: string, reason: string): Promise<string> {
    const request = await this.#openRequestOfCaller(ctx, reportRequestId);
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

  /**
   * The requested pediatrician issues the report. The envelope (salt + body) comes in transient data `report`; the
   * body goes to the Hospital + Parents collection, the public record keeps only its salted hash. Status `ready`.
   * Endorse on Hospital + Parents only: School's peer must not receive the transient body.
   */
  @Transaction()
  @Returns('string')
  public async CreateReport(ctx: PediLedgerContext, reportId: string, reportRequestId: string): Promise<string> {
    const reportIdValue = parseArg(id, reportId, 'reportId');
    const request = await this.#openRequestOfCaller(ctx, reportRequestId);
    const { envelope, bytes, hash } = envelopeFromTransient(ctx);
    if (envelope.body.childId !== request.record.childId) {
      throw invalidArgument(`transient report: body.childId must be ${request.record.childId}`);
    }
    // Issued today on the pediatrician's calendar, which may be tomorrow in UTC but is never past UTC+14's day.
    if (envelope.body.issuedOn > txLatestDate(ctx))
      throw invalidArgument('transient report: body.issuedOn is in the future');
    if (await exists(ctx, reportKeys.report(ctx, reportIdValue)))
      throw conflict(`report ${reportIdValue} already exists`);
    const admission = await loadAdmission(ctx, request.record.admissionRequestId);
    const report: Report = {
      reportId: reportIdValue,
      reportRequestId: request.record.reportRequestId,
      admissionRequestId: admission.requestId,
      childId: request.record.childId,
      pediatricianUid: request.uid,
      guardianUids: admission.guardianUids,
      status: 'ready',
      permissions: [],
      provenance: {
        sourceChannel: envelope.body.source.channel,
        cardVersion: envelope.body.source.cardVersion,
        cardTxId: envelope.body.source.cardTxId,
        bodyHash: hash,
      },
      changes: [change(ctx, 'ready', request.uid)],
    };
    const fulfilled: ReportRequest = {
      ...request.record,
      status: 'fulfilled',
      reportId: reportIdValue,
      changes: [...request.record.changes, change(ctx, 'fulfilled', request.uid)],
    };
    const batch = new WriteBatch(ctx)
      .put(reportKeys.report(ctx, reportIdValue), report)
      .put(reportKeys.reportRequest(ctx, fulfilled.reportRequestId), fulfilled)
      .putPrivate(REPORT_BODIES_COLLECTION, reportKeys.issuedBody(ctx, reportIdValue), bytes);
    for (const partyKey of [...report.guardianUids.map(party.guardian), party.pediatrician(report.pediatricianUid)]) {
      batch.putIndex(reportKeys.partyIndex(ctx, partyKey, 'report', reportIdValue));
    }
    await batch
      .notify({
        kind: 'report-ready',
        parties: report.guardianUids.map(party.guardian),
        refs: { reportId: reportIdValue },
      })
      .commit();
    return toJson(report);
  }

  /**
   * The issuing pediatrician replaces a report whose card has changed since (a new allergy): a new report `reportId`
   * for the same request, its envelope in transient data `report` as in CreateReport, built from a newer card version
   * than the old one's. The old report is marked `supersededBy` and keeps its permissions (purging a school's copy
   * needs School's endorsement, and School's peer must not receive the new body); the new one is `ready` with no
   * permission, so the guardians approve it for each school, as they approved the old body (see chaincode/README).
   * A revoked or already superseded report is `CONFLICT:`. Endorse on Hospital + Parents only.
   */
  @Transaction()
  @Returns('string')
  public async ReplaceReport(ctx: PediLedgerContext, reportId: string, replacedReportId: string): Promise<string> {
    const reportIdValue = parseArg(id, reportId, 'reportId');
    const replacedId = parseArg(id, replacedReportId, 'replacedReportId');
    const pediatrician = requireRole(ctx, 'pediatrician');
    const { envelope, bytes, hash } = envelopeFromTransient(ctx);
    const old = await loadReport(ctx, replacedId);
    if (old.pediatricianUid !== pediatrician.uid) {
      throw forbidden(`only the pediatrician who issued report ${replacedId} may replace it`);
    }
    if (old.supersededBy !== undefined) throw conflict(`report ${replacedId} is already replaced`);
    if (old.status === 'revoked') throw conflict(`report ${replacedId} is revoked`);
    if (envelope.body.childId !== old.childId) {
      throw invalidArgument(`transient report: body.childId must be ${old.childId}`);
    }
    if (envelope.body.issuedOn > txLatestDate(ctx))
      throw invalidArgument('transient report: body.issuedOn is in the future');
    if (envelope.body.source.cardVersion <= old.provenance.cardVersion) {
      throw conflict(`report ${replacedId} was built from card version ${old.provenance.cardVersion}: nothing newer`);
    }
    if (await exists(ctx, reportKeys.report(ctx, reportIdValue)))
      throw conflict(`report ${reportIdValue} already exists`);
    const request = await loadReportRequest(ctx, old.reportRequestId);
    const report: Report = {
      reportId: reportIdValue,
      reportRequestId: old.reportRequestId,
      admissionRequestId: old.admissionRequestId,
      childId: old.childId,
      pediatricianUid: old.pediatricianUid,
      guardianUids: old.guardianUids,
      status: 'ready',
      permissions: [],
      provenance: {
        sourceChannel: envelope.body.source.channel,
        cardVersion: envelope.body.source.cardVersion,
        cardTxId: envelope.body.source.cardTxId,
        bodyHash: hash,
      },
      replaces: replacedId,
      changes: [change(ctx, 'ready', pediatrician.uid, `replaces ${replacedId}`)],
    };
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
    const batch = new WriteBatch(ctx)
      .put(reportKeys.report(ctx, reportIdValue), report)
      .put(reportKeys.report(ctx, replacedId), superseded)
      .put(reportKeys.reportRequest(ctx, request.reportRequestId), refulfilled)
      .putPrivate(REPORT_BODIES_COLLECTION, reportKeys.issuedBody(ctx, reportIdValue), bytes);
    for (const partyKey of [...report.guardianUids.map(party.guardian), party.pediatrician(report.pediatricianUid)]) {
      batch.putIndex(reportKeys.partyIndex(ctx, partyKey, 'report', reportIdValue));
    }
    await batch
      .notify({
        kind: 'report-ready',
        parties: report.guardianUids.map(party.guardian),
        refs: { reportId: reportIdValue },
      })
      .commit();
    return toJson(report);
  }

  /**
   * A guardian approves a ready (or already approved) report for schools until `validUntil`. The guardian's client
   * passes the envelope it read (ReadReport) in transient data `report`; it must hash to the issued body's hash,
   * which `getPrivateDataHash` gives even on School's peer. The body is then copied into School's implicit collection.
   * Endorse on Parents + School.
   */
  @Transaction()
  @Returns('string')
  public async ApproveReport(
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
      changes: [
        ...report.changes,
        ...schoolIds.map((schoolId) => ({ ...change(ctx, 'approved', actor.uid), schoolId })),
      ],
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
  @Transaction()
  @Returns('string')
  public async RevokeReportPermission(ctx: PediLedgerContext, reportId: string, schoolId: string): Promise<string> {
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
  @Transaction()
  @Returns('string')
  public async OpenReport(ctx: PediLedgerContext, reportId: string): Promise<string> {
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
  @Transaction(false)
  @Returns('string')
  public async ReadReport(ctx: PediLedgerContext, reportId: string): Promise<string> {
    const reportIdValue = parseArg(id, reportId, 'reportId');
    const actor = requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
    const report = await loadReport(ctx, reportIdValue);
    if (isReportGuardian(actor, report) || isReportPediatrician(actor, report)) {
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
  @Transaction(false)
  @Returns('string')
  public async GetReadReceipts(ctx: PediLedgerContext, reportId: string): Promise<string> {
    const { report } = await loadReportOfGuardian(ctx, reportId);
    return toJson(await receiptsOf(ctx, report.reportId));
  }

  /**
   * Admission requests of the caller (a guardian's, a school's, or those a pediatrician was asked to report on), by
   * request id, one page at a time: `{items, bookmark}`, at most `pageSize` (1–100) and 256 KiB; pass `bookmark` back
   * for the next page ('' for the first; '' in the answer on the last).
   */
  @Transaction(false)
  @Returns('string')
  public async ListMyAdmissionRequests(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    const actor = requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
    return partyPage(ctx, actor, 'admission', pageSize, bookmark, (requestId) => loadAdmission(ctx, requestId));
  }

  /** Report requests of the caller (a guardian's children's, a school's, or a pediatrician's), paged as above. */
  @Transaction(false)
  @Returns('string')
  public async ListMyReportRequests(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    const actor = requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
    return partyPage(ctx, actor, 'reportRequest', pageSize, bookmark, (requestId) => loadReportRequest(ctx, requestId));
  }

  /**
   * Reports of the caller (public records, no bodies), paged as above; a school sees only reports it may read now, as
   * school views, so its page may hold fewer than `pageSize`.
   */
  @Transaction(false)
  @Returns('string')
  public async ListMyReports(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    const actor = requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
    const now = txTime(ctx);
    return partyPage(ctx, actor, 'report', pageSize, bookmark, async (reportId) => {
      const report = await loadReport(ctx, reportId);
      if (actor.role !== 'school-admin') return report;
      const permission = permissionInForce(actor, report, now);
      return permission ? schoolView(report, permission) : null;
    });
  }

  /**
   * A pediatrician lists themself (id = their uid), a school admin lists their school (id = their schoolId), under
   * `displayName`, so parents can pick them instead of typing ids. Publishing again updates the entry; the admins of
   * one school share its entry (last write wins). Parents have nothing to publish.
   */
  @Transaction()
  @Returns('string')
  public async PublishDirectoryEntry(ctx: PediLedgerContext, displayName: string): Promise<string> {
    const name = parseArg(DirectoryDisplayName, displayName, 'displayName');
    const publisher = requireRole(ctx, 'pediatrician', 'school-admin');
    const subject = directorySubjectOf(publisher);
    const fields = { id: subject.id, displayName: name, updatedAt: txTime(ctx), updatedBy: publisher.uid };
    const entry: DirectoryEntry =
      subject.kind === 'pediatrician'
        ? { kind: 'pediatrician', org: 'hospital', ...fields }
        : { kind: 'school', org: 'school', ...fields };
    await new WriteBatch(ctx).put(reportKeys.directoryEntry(ctx, entry.kind, entry.id), entry).commit();
    return toJson(entry);
  }

  /** Removes the caller's own entry (a school admin removes their school's). Returns the removed entry. */
  @Transaction()
  @Returns('string')
  public async WithdrawDirectoryEntry(ctx: PediLedgerContext): Promise<string> {
    const subject = directorySubjectOf(requireRole(ctx, 'pediatrician', 'school-admin'));
    const entry = await findDirectoryEntry(ctx, subject.kind, subject.id);
    if (entry === undefined) throw notFound(`there is no directory entry for ${subject.kind} ${subject.id}`);
    await new WriteBatch(ctx).delete(reportKeys.directoryEntry(ctx, entry.kind, entry.id)).commit();
    return toJson(entry);
  }

  /** Every directory entry of `kind` (`pediatrician` or `school`), by display name then id, for any PediLedger user. */
  @Transaction(false)
  @Returns('string')
  public async ListDirectory(ctx: PediLedgerContext, kind: string): Promise<string> {
    const kindValue = parseArg(DirectoryKind, kind, 'kind');
    requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
    return toJson(await directoryOf(ctx, kindValue));
  }

  /**
   * The caller's notices among the transactions `txIdsJson` names (the ids of the chaincode events the caller's app
   * received), in the order asked. A transaction without a notice and one whose notice is for someone else give the
   * same answer: nothing. A guardian is also told of refused admission requests for their child: the attempt names
   * a child id, and `medical` decides (with the caller's proposal) whether the caller is its guardian.
   */
  @Transaction(false)
  @Returns('string')
  public async ListMyNotices(ctx: PediLedgerContext, txIdsJson: string): Promise<string> {
    const txIds = parseJsonArg(NoticeTxIds, txIdsJson, 'txIdsJson');
    const actor = requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
    const notices = await storedNoticesFor(ctx, actor, txIds);
    // Attempts live in the Hospital + Parents collection, which only those organizations' clients may read.
    if (actor.role !== 'parent') return toJson(notices);
    const found = new Map(notices.map((notice) => [notice.txId, notice]));
    for (const txId of txIds) {
      if (found.has(txId)) continue;
      const bytes = await ctx.stub.getPrivateData(REPORT_BODIES_COLLECTION, reportKeys.admissionAttempt(ctx, txId));
      if (bytes.length === 0) continue;
      const attempt = AdmissionAttempt.parse(fromBytes(bytes));
      if ((await childOnMedical(ctx, attempt.childId)) === null) continue;
      found.set(txId, {
        txId,
        kind: 'admission-attempted',
        refs: { childId: attempt.childId, schoolId: attempt.schoolId, applicantUid: attempt.applicantUid },
      });
    }
    return toJson(
      txIds.flatMap((txId): Notice[] => {
        const notice = found.get(txId);
        return notice === undefined ? [] : [notice];
      }),
    );
  }

  /**
   * Records a refused admission request for the child's guardians and returns the refusal. Only what the applicant
   * stated goes into the record, so the transaction (which the applicant sees in full) is the same whether or not
   * the child exists and whoever its guardians are.
   */
  async #refuseAdmission(ctx: Context, parent: Actor, input: AdmissionRequestInput): Promise<string> {
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

  /** The report request `reportRequestIdArg`, if it is still requested and addressed to the calling pediatrician. */
  async #openRequestOfCaller(
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
}
