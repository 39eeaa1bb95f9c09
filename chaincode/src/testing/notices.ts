import { Notice } from '@pediledger/domain';
import type { DemoUid, TestIdentity } from './identities';
import type { ChaincodeHarness } from './harness';

/** The transaction id of the last committed transaction (the one that emitted the last event). */
export function lastTxId(h: ChaincodeHarness): string {
  const last = h.ledger.events.at(-1);
  if (last === undefined) throw new Error('no transaction has committed yet');
  return last.txId;
}

/**
 * What ListMyNotices tells `who` about `txIds` (default: every committed transaction), as the app asks it: the ids
 * of the events it received, in batches.
 */
export async function noticesOf(
  h: ChaincodeHarness,
  who: DemoUid | TestIdentity,
  txIds: readonly string[] = h.ledger.events.map((e) => e.txId),
): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (let start = 0; start < txIds.length; start += 100) {
    const batch = JSON.stringify(txIds.slice(start, start + 100));
    notices.push(...Notice.array().parse(await h.evaluateJson(who, 'ListMyNotices', [batch])));
  }
  return notices;
}
