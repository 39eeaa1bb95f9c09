// The public directory (report channel): pediatricians and schools list themselves so parents can pick them. The
// transactions of ReportContract (reportContract.ts) with these names run these functions.
import { parseArg } from '../shared/args';
import { type Actor, requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { DirectoryDisplayName, type DirectoryEntry, DirectoryKind } from '@pediledger/domain';
import { toJson } from '../shared/serialization';
import { txTime } from '../shared/time';
import { WriteBatch } from '../shared/writeBatch';
import { reportKeys } from './keys';
import { directoryOf, findDirectoryEntry } from './records';

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
 * A pediatrician lists themself (id = their uid), a school admin lists their school (id = their schoolId), under
 * `displayName`, so parents can pick them instead of typing ids. Publishing again updates the entry; the admins of
 * one school share its entry (last write wins). Parents have nothing to publish.
 */
export async function PublishDirectoryEntry(ctx: PediLedgerContext, displayName: string): Promise<string> {
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
export async function WithdrawDirectoryEntry(ctx: PediLedgerContext): Promise<string> {
  const subject = directorySubjectOf(requireRole(ctx, 'pediatrician', 'school-admin'));
  const entry = await findDirectoryEntry(ctx, subject.kind, subject.id);
  if (entry === undefined) throw notFound(`there is no directory entry for ${subject.kind} ${subject.id}`);
  await new WriteBatch(ctx).delete(reportKeys.directoryEntry(ctx, entry.kind, entry.id)).commit();
  return toJson(entry);
}

/**
 * The caller's own entry (a school admin's: their school's), or `null` while none is published: what the caller's
 * directory card shows, without listing every entry of its kind. Parents have no entry (`FORBIDDEN`).
 */
export async function ReadMyDirectoryEntry(ctx: PediLedgerContext): Promise<string> {
  const subject = directorySubjectOf(requireRole(ctx, 'pediatrician', 'school-admin'));
  const entry = await findDirectoryEntry(ctx, subject.kind, subject.id);
  return entry === undefined ? 'null' : toJson(entry);
}

/** Every directory entry of `kind` (`pediatrician` or `school`), by display name then id, for any PediLedger user. */
export async function ListDirectory(ctx: PediLedgerContext, kind: string): Promise<string> {
  const kindValue = parseArg(DirectoryKind, kind, 'kind');
  requireRole(ctx, 'parent', 'pediatrician', 'school-admin');
  return toJson(await directoryOf(ctx, kindValue));
}
