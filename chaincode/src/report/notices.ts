// The report channel's notices: which of the transactions the caller's app saw concern the caller.
import { parseJsonArg } from '../shared/args';
import { requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { REPORT_BODIES_COLLECTION } from '../shared/collections';
import { storedNoticesFor } from '../shared/notices';
import { AdmissionAttempt, type Notice, NoticeTxIds } from '@pediledger/domain';
import { fromBytes, toJson } from '../shared/serialization';
import { reportKeys } from './keys';
import { childOnMedical } from './medicalLink';

/**
 * The caller's notices among the transactions `txIdsJson` names (the ids of the chaincode events the caller's app
 * received), in the order asked. A transaction without a notice and one whose notice is for someone else give the
 * same answer: nothing. A guardian is also told of refused admission requests for their child: the attempt names
 * a child id, and `medical` decides (with the caller's proposal) whether the caller is its guardian.
 */
export async function ListMyNotices(ctx: PediLedgerContext, txIdsJson: string): Promise<string> {
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
