// Children (medical channel): their records and guardians. The transactions of MedicalContract (medicalContract.ts)
// with these names run these functions.
import { Context } from 'fabric-contract-api';
import { parseArg, parseBookmark, parseJsonArg, parsePageSize } from '../shared/args';
import { type Actor, requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { conflict, forbidden } from '../shared/errors';
import { recordPage } from '../shared/ledger';
import { Child, GestationalAge, id, LIMITS } from '@pediledger/domain';
import { toJson } from '../shared/serialization';
import { txTime } from '../shared/time';
import { WriteBatch } from '../shared/writeBatch';
import { hasAgreementInForce, isGuardian, isInForce } from './access';
import { MEDICAL_TYPES, medicalKeys } from './keys';
import { agreementsOfChild, loadAgreement, loadChild } from './records';

/** The child, if the actor may read its card: a guardian, or a pediatrician with an agreement in force. */
export async function loadReadableChild(ctx: Context, actor: Actor, childId: string): Promise<Child> {
  const child = await loadChild(ctx, childId);
  if (isGuardian(actor, child)) return child;
  if (hasAgreementInForce(actor, await agreementsOfChild(ctx, childId), txTime(ctx))) return child;
  throw forbidden(
    `the caller is neither a guardian of child ${childId} nor its pediatrician under an active agreement`,
  );
}

/** A guardian adds the child's second guardian (a parent's uid). Returns the child. */
export async function AddGuardian(ctx: PediLedgerContext, childId: string, guardianUid: string): Promise<string> {
  const childIdValue = parseArg(id, childId, 'childId');
  const newGuardian = parseArg(id, guardianUid, 'guardianUid');
  const parent = requireRole(ctx, 'parent');
  const child = await loadChild(ctx, childIdValue);
  if (!isGuardian(parent, child)) throw forbidden(`the caller is not a guardian of child ${childIdValue}`);
  if (child.guardianUids.includes(newGuardian)) throw conflict(`${newGuardian} is already a guardian`);
  if (child.guardianUids.length >= LIMITS.guardians) {
    throw conflict(`child ${childIdValue} already has ${LIMITS.guardians} guardians`);
  }
  const change = { status: 'guardian-added' as const, by: parent.uid, at: txTime(ctx), txId: ctx.stub.getTxID() };
  const updated: Child = {
    ...child,
    guardianUids: [...child.guardianUids, newGuardian],
    changes: [...child.changes, change],
  };
  await new WriteBatch(ctx)
    .put(medicalKeys.child(ctx, childIdValue), updated)
    .putIndex(medicalKeys.guardianChild(ctx, newGuardian, childIdValue))
    .commit();
  return toJson(updated);
}

/** The child's registration record, for the same readers as the card. */
export async function ReadChild(ctx: PediLedgerContext, childId: string): Promise<string> {
  const childIdValue = parseArg(id, childId, 'childId');
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  return toJson(await loadReadableChild(ctx, actor, childIdValue));
}

/**
 * A parent's own children (by child id); a pediatrician's children under agreements in force (by agreement id), one
 * page at a time (`{items, bookmark}`, as GetMedicalCardHistory). A pediatrician's page may hold fewer children than
 * asked for: it covers `pageSize` of their agreements, in force or not.
 */
export async function ListMyChildren(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
  const size = parsePageSize(pageSize);
  const start = parseBookmark(bookmark, [id]);
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  if (actor.role === 'parent') {
    return toJson(
      await recordPage(ctx, MEDICAL_TYPES.guardianChild, [actor.uid], size, start, (row) =>
        loadChild(ctx, row.attributes[0] ?? ''),
      ),
    );
  }
  const now = txTime(ctx);
  const listed = new Set<string>();
  return toJson(
    await recordPage(ctx, MEDICAL_TYPES.pediatricianAgreement, [actor.uid], size, start, async (row) => {
      const agreement = await loadAgreement(ctx, row.attributes[0] ?? '');
      if (!isInForce(agreement, now) || listed.has(agreement.childId)) return null;
      listed.add(agreement.childId);
      return loadChild(ctx, agreement.childId);
    }),
  );
}

/**
 * A pediatrician with an active agreement records the child's gestational age at birth (`{weeks, days}`, 22+0 to
 * 44+6) after registration, or corrects it; the change (value, who, when, transaction) is appended to the child's
 * `changes`. Setting the value the child already has is `CONFLICT:`, so a retry never writes twice. Returns the child.
 */
export async function SetGestationalAge(
  ctx: PediLedgerContext,
  childId: string,
  gestationalAgeJson: string,
): Promise<string> {
  const childIdValue = parseArg(id, childId, 'childId');
  const gestationalAge = parseJsonArg(GestationalAge, gestationalAgeJson, 'gestationalAgeJson');
  const pediatrician = requireRole(ctx, 'pediatrician');
  const child = await loadChild(ctx, childIdValue);
  if (!hasAgreementInForce(pediatrician, await agreementsOfChild(ctx, childIdValue), txTime(ctx))) {
    throw forbidden(`pediatrician ${pediatrician.uid} has no active agreement for child ${childIdValue}`);
  }
  const current = child.gestationalAge;
  if (current?.weeks === gestationalAge.weeks && current.days === gestationalAge.days) {
    throw conflict(`child ${childIdValue} already has this gestational age`);
  }
  const change = {
    status: 'gestational-age-set' as const,
    gestationalAge,
    by: pediatrician.uid,
    at: txTime(ctx),
    txId: ctx.stub.getTxID(),
  };
  const updated: Child = { ...child, gestationalAge, changes: [...child.changes, change] };
  await new WriteBatch(ctx).put(medicalKeys.child(ctx, childIdValue), updated).commit();
  return toJson(updated);
}
