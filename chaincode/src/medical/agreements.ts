// Care agreements (medical channel): a parent proposes one with a pediatrician (registering a new child), the
// pediatrician accepts or declines, either side terminates. The transactions of MedicalContract (medicalContract.ts)
// with these names run these functions.
import { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { parseArg, parseBookmark, parseJsonArg, parsePageSize } from '../shared/args';
import { type Actor, requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { conflict, forbidden, invalidArgument } from '../shared/errors';
import { exists, indexPage, type Page, type PageCandidate, pageFrom, readRecord, recordPage } from '../shared/ledger';
import { type NoticeDraft, party } from '../shared/notices';
import {
  type Agreement,
  type AgreementStatus,
  type CardRecord,
  Child,
  id,
  ProposeAgreementInput,
  Reason,
} from '@pediledger/domain';
import { toJson } from '../shared/serialization';
import { txLatestDate, txTime } from '../shared/time';
import { WriteBatch } from '../shared/writeBatch';
import { isGuardian, isInForce } from './access';
import { MEDICAL_TYPES, medicalKeys } from './keys';
import { agreementsOfChild, childIdsOfGuardian, loadAgreement, loadChild } from './records';

/** Appends a status change (who, when, which transaction) to an agreement. */
function changeAgreement(
  ctx: Context,
  agreement: Agreement,
  status: AgreementStatus,
  by: string,
  reason?: string,
): Agreement {
  const change = { status, by, at: txTime(ctx), txId: ctx.stub.getTxID(), ...(reason === undefined ? {} : { reason }) };
  return { ...agreement, status, changes: [...agreement.changes, change] };
}

/** A notice to the child's current guardians that the agreement's pediatrician answered its proposal. */
async function guardiansNotice(
  ctx: Context,
  kind: 'agreement-accepted' | 'agreement-declined',
  agreement: Agreement,
): Promise<NoticeDraft> {
  const child = await loadChild(ctx, agreement.childId);
  return {
    kind,
    parties: child.guardianUids.map(party.guardian),
    refs: {
      agreementId: agreement.agreementId,
      childId: agreement.childId,
      pediatricianUid: agreement.pediatricianUid,
    },
  };
}

/** The child a proposal is about: the existing one (caller must be its guardian) or a new one the caller registers. */
async function childForProposal(
  ctx: Context,
  parent: Actor,
  input: ProposeAgreementInput,
): Promise<{ child: Child; isNew: boolean }> {
  const existing = await readRecord(ctx, medicalKeys.child(ctx, input.childId), Child);
  if (existing) {
    if (!isGuardian(parent, existing)) throw forbidden(`the caller is not a guardian of child ${input.childId}`);
    if (input.child) throw conflict(`child ${input.childId} already exists: leave out the child details`);
    return { child: existing, isNew: false };
  }
  if (!input.child) throw invalidArgument(`agreementJson.child: is required to register new child ${input.childId}`);
  if (input.child.birthDate > txLatestDate(ctx))
    throw invalidArgument('agreementJson.child.birthDate: is in the future');
  const now = txTime(ctx);
  const child: Child = {
    childId: input.childId,
    ...input.child,
    guardianUids: [parent.uid],
    createdBy: parent.uid,
    createdAt: now,
    changes: [{ status: 'registered', by: parent.uid, at: now, txId: ctx.stub.getTxID() }],
  };
  return { child, isNew: true };
}

/** The second part of a parent's agreement bookmark: an agreement id, or empty for the child's first agreement. */
const AGREEMENT_OR_START = z.union([id, z.literal('')]);

/**
 * One page of a parent's agreements: their children in id order, each child's agreements in id order. The bookmark
 * is `childId~agreementId`, or `childId~` to start at that child's first agreement. A parent has a handful of children,
 * so the children are read whole; their agreements, which accumulate over the years, are paged.
 */
async function guardianAgreementsPage(
  ctx: Context,
  uid: string,
  pageSize: number,
  start: string[] | null,
): Promise<Page<Agreement>> {
  const [startChild, startAgreement] = start ?? [];
  const candidates: PageCandidate<Agreement>[] = [];
  let after: string[] | null = null;
  for (const childId of await childIdsOfGuardian(ctx, uid)) {
    if (startChild !== undefined && childId < startChild) continue;
    if (candidates.length === pageSize) {
      after = [childId, ''];
      break;
    }
    const from = childId === startChild && startAgreement ? [startAgreement] : null;
    const { rows, next } = await indexPage(
      ctx,
      MEDICAL_TYPES.childAgreement,
      [childId],
      pageSize - candidates.length,
      from,
    );
    for (const row of rows) {
      const agreement = await loadAgreement(ctx, row.attributes[0] ?? '');
      const bytes = Buffer.byteLength(toJson(agreement));
      candidates.push({ item: agreement, position: [childId, agreement.agreementId], bytes });
    }
    if (next !== null) {
      after = [childId, next[0] ?? ''];
      break;
    }
  }
  return pageFrom(candidates, after);
}

/**
 * A parent proposes a care agreement with a pediatrician. A new child is registered with the caller as its guardian;
 * for an existing child the caller must already be a guardian. Returns the agreement.
 */
export async function ProposeAgreement(ctx: PediLedgerContext, agreementJson: string): Promise<string> {
  const input = parseJsonArg(ProposeAgreementInput, agreementJson, 'agreementJson');
  const parent = requireRole(ctx, 'parent');
  const now = txTime(ctx);
  if (Date.parse(input.validUntil) <= Date.parse(now)) {
    throw invalidArgument('agreementJson.validUntil: must be in the future');
  }
  if (await exists(ctx, medicalKeys.agreement(ctx, input.agreementId))) {
    throw conflict(`agreement ${input.agreementId} already exists`);
  }
  const { child, isNew } = await childForProposal(ctx, parent, input);
  const open = isNew ? [] : await agreementsOfChild(ctx, input.childId);
  const pending = open.find(
    (a) => a.pediatricianUid === input.pediatricianUid && (a.status === 'proposed' || isInForce(a, now)),
  );
  if (pending) throw conflict(`agreement ${pending.agreementId} with this pediatrician is already ${pending.status}`);

  const agreement: Agreement = {
    agreementId: input.agreementId,
    childId: input.childId,
    pediatricianUid: input.pediatricianUid,
    guardianUids: child.guardianUids,
    purpose: input.purpose,
    validUntil: input.validUntil,
    status: 'proposed',
    changes: [{ status: 'proposed', by: parent.uid, at: now, txId: ctx.stub.getTxID() }],
  };
  const batch = new WriteBatch(ctx);
  if (isNew)
    batch
      .put(medicalKeys.child(ctx, child.childId), child)
      .putIndex(medicalKeys.guardianChild(ctx, parent.uid, child.childId));
  await batch
    .put(medicalKeys.agreement(ctx, agreement.agreementId), agreement)
    .putIndex(medicalKeys.childAgreement(ctx, agreement.childId, agreement.agreementId))
    .putIndex(medicalKeys.pediatricianAgreement(ctx, agreement.pediatricianUid, agreement.agreementId))
    .notify({
      kind: 'agreement-proposed',
      parties: [party.pediatrician(agreement.pediatricianUid)],
      refs: { agreementId: agreement.agreementId, childId: agreement.childId },
    })
    .commit();
  return toJson(agreement);
}

/** The named pediatrician accepts a proposed, unexpired agreement; the child's card (its own record) is created if absent. */
export async function AcceptAgreement(ctx: PediLedgerContext, agreementId: string): Promise<string> {
  const agreement = await proposedAgreementOfCaller(ctx, agreementId);
  if (Date.parse(agreement.validUntil) <= Date.parse(txTime(ctx))) {
    throw conflict(`agreement ${agreement.agreementId} has expired`);
  }
  const accepted = changeAgreement(ctx, agreement, 'active', agreement.pediatricianUid);
  const batch = new WriteBatch(ctx).put(medicalKeys.agreement(ctx, agreement.agreementId), accepted);
  if (!(await exists(ctx, medicalKeys.card(ctx, agreement.childId)))) {
    const created = { by: agreement.pediatricianUid, at: txTime(ctx), txId: ctx.stub.getTxID() };
    const card: CardRecord = { childId: agreement.childId, format: 2, created };
    batch.put(medicalKeys.card(ctx, agreement.childId), card);
  }
  await batch.notify(await guardiansNotice(ctx, 'agreement-accepted', agreement)).commit();
  return toJson(accepted);
}

/** The named pediatrician declines a proposed agreement, giving a reason. */
export async function DeclineAgreement(ctx: PediLedgerContext, agreementId: string, reason: string): Promise<string> {
  const why = parseArg(Reason, reason, 'reason');
  const agreement = await proposedAgreementOfCaller(ctx, agreementId);
  const declined = changeAgreement(ctx, agreement, 'declined', agreement.pediatricianUid, why);
  await new WriteBatch(ctx)
    .put(medicalKeys.agreement(ctx, agreement.agreementId), declined)
    .notify(await guardiansNotice(ctx, 'agreement-declined', agreement))
    .commit();
  return toJson(declined);
}

/** A guardian of the child or the agreement's pediatrician ends a proposed or active agreement; access ends at once. */
export async function TerminateAgreement(ctx: PediLedgerContext, agreementId: string): Promise<string> {
  const agreementIdValue = parseArg(id, agreementId, 'agreementId');
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  const agreement = await loadAgreement(ctx, agreementIdValue);
  const child = await loadChild(ctx, agreement.childId);
  const isItsPediatrician = actor.role === 'pediatrician' && actor.uid === agreement.pediatricianUid;
  if (!isItsPediatrician && !isGuardian(actor, child)) {
    throw forbidden(`only a guardian of the child or the agreement's pediatrician may terminate ${agreementIdValue}`);
  }
  if (agreement.status !== 'proposed' && agreement.status !== 'active') {
    throw conflict(`agreement ${agreementIdValue} is ${agreement.status} and cannot be terminated`);
  }
  const terminated = changeAgreement(ctx, agreement, 'terminated', actor.uid);
  await new WriteBatch(ctx).put(medicalKeys.agreement(ctx, agreementIdValue), terminated).commit();
  return toJson(terminated);
}

/** One agreement, for the child's guardians and the named pediatrician (whatever its status). */
export async function ReadAgreement(ctx: PediLedgerContext, agreementId: string): Promise<string> {
  const agreementIdValue = parseArg(id, agreementId, 'agreementId');
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  const agreement = await loadAgreement(ctx, agreementIdValue);
  if (actor.role === 'pediatrician' && actor.uid === agreement.pediatricianUid) return toJson(agreement);
  if (isGuardian(actor, await loadChild(ctx, agreement.childId))) return toJson(agreement);
  throw forbidden(`the caller is not a party to agreement ${agreementIdValue}`);
}

/**
 * The caller's agreements, any status, one page at a time: a pediatrician's by agreement id; a parent's child by
 * child (by child id), then by agreement id (the bookmark names both).
 */
export async function ListMyAgreements(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
  const size = parsePageSize(pageSize);
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  if (actor.role === 'pediatrician') {
    const start = parseBookmark(bookmark, [id]);
    return toJson(
      await recordPage(ctx, MEDICAL_TYPES.pediatricianAgreement, [actor.uid], size, start, (row) =>
        loadAgreement(ctx, row.attributes[0] ?? ''),
      ),
    );
  }
  const start = parseBookmark(bookmark, [id, AGREEMENT_OR_START]);
  return toJson(await guardianAgreementsPage(ctx, actor.uid, size, start));
}

/** The proposed agreement `agreementIdArg`, if the caller is the pediatrician it names. */
async function proposedAgreementOfCaller(ctx: Context, agreementIdArg: unknown): Promise<Agreement> {
  const agreementId = parseArg(id, agreementIdArg, 'agreementId');
  const pediatrician = requireRole(ctx, 'pediatrician');
  const agreement = await loadAgreement(ctx, agreementId);
  if (agreement.pediatricianUid !== pediatrician.uid) {
    throw forbidden(`only the pediatrician named in agreement ${agreementId} may do this`);
  }
  if (agreement.status !== 'proposed') throw conflict(`agreement ${agreementId} is ${agreement.status}, not proposed`);
  return agreement;
}
