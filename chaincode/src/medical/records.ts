import type { Context } from 'fabric-contract-api';
import { notFound } from '../shared/errors';
import { listIndex, readRecord } from '../shared/ledger';
import { Agreement, Child } from '@pediledger/domain';
import { MEDICAL_TYPES, medicalKeys } from './keys';

// Typed reads of medical records. Each returns the validated record or throws NOT_FOUND.

/** The child, or `NOT_FOUND:`. */
export async function loadChild(ctx: Context, childId: string): Promise<Child> {
  const child = await readRecord(ctx, medicalKeys.child(ctx, childId), Child);
  if (!child) throw notFound(`child ${childId} does not exist`);
  return child;
}

/** The agreement, or `NOT_FOUND:`. */
export async function loadAgreement(ctx: Context, agreementId: string): Promise<Agreement> {
  const agreement = await readRecord(ctx, medicalKeys.agreement(ctx, agreementId), Agreement);
  if (!agreement) throw notFound(`agreement ${agreementId} does not exist`);
  return agreement;
}

/** Loads every record named by an index, skipping none (an index entry without its record is a bug). */
async function loadAll(ctx: Context, agreementIds: string[]): Promise<Agreement[]> {
  return Promise.all(agreementIds.map((id) => loadAgreement(ctx, id)));
}

/** Every agreement of a child, in key order. */
export async function agreementsOfChild(ctx: Context, childId: string): Promise<Agreement[]> {
  return loadAll(ctx, await listIndex(ctx, MEDICAL_TYPES.childAgreement, [childId]));
}

/** The ids of a guardian's children, in key order. */
export async function childIdsOfGuardian(ctx: Context, uid: string): Promise<string[]> {
  return listIndex(ctx, MEDICAL_TYPES.guardianChild, [uid]);
}
