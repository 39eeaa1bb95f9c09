// The medical channel's notices: which of the transactions the caller's app saw concern the caller.
import { parseJsonArg } from '../shared/args';
import { requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { storedNoticesFor } from '../shared/notices';
import { NoticeTxIds } from '@pediledger/domain';
import { toJson } from '../shared/serialization';

/**
 * The caller's notices among the transactions `txIdsJson` names (the ids of the chaincode events the caller's app
 * received), in the order asked. A transaction without a notice and one whose notice is for someone else give the
 * same answer: nothing.
 */
export async function ListMyNotices(ctx: PediLedgerContext, txIdsJson: string): Promise<string> {
  const txIds = parseJsonArg(NoticeTxIds, txIdsJson, 'txIdsJson');
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  return toJson(await storedNoticesFor(ctx, actor, txIds));
}
