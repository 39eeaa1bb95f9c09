// ListMyNotices, which both chaincodes answer the same way: the caller's notices among the transaction ids of the
// chaincode events the app received.
import { z } from 'zod';
import type { ChaincodeClient } from './ledgerClient.ts';
import { Notice, NoticeTxIds } from './schemas.ts';
import { validateInput } from '../util/validateInput.ts';

/**
 * The caller's notices among `txIds` (1–100 distinct transaction ids) on the chaincode's channel, in the order asked, evaluated on
 * the caller's own organisation's peer: it has committed every block whose events the app received from it, and it
 * holds the private records a guardian's notices may come from.
 */
export async function listMyNotices(chaincode: ChaincodeClient<string>, txIds: readonly string[]): Promise<Notice[]> {
  const checked = validateInput(NoticeTxIds, [...txIds], 'txIds');
  return chaincode.evaluate('ListMyNotices', [JSON.stringify(checked)], z.array(Notice), {
    targetOrganizations: [chaincode.mspId],
  });
}
