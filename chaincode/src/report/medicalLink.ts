import type { Context } from 'fabric-contract-api';
import { Child } from '@pediledger/domain';
import { fromBytes } from '../shared/serialization';

// The report chaincode's one look across channels: the child's record on `medical`, read with the caller's own
// signed proposal, so `medical`'s access rules decide (a parent reads only a child it is a guardian of).
//
// Fabric 2.5 (core/chaincode/handler.go, HandleInvokeChaincode): a call into another channel's chaincode is allowed
// when the signed proposal's creator satisfies `peer/ChaincodeToChaincode` on the target channel (its Writers); it
// runs on the target channel's ledger in a simulator of its own, whose reads and writes are thrown away. So the read
// is not part of the report transaction's read set, is not validated at commit, and writes nothing on `medical`.
// Only peers that have joined `medical` (Hospital's and Parents') can run it: School's peer fails the call, so a
// transaction that uses it must be endorsed by Hospital + Parents (`REPORT_ENDORSERS`).

/** The channel and chaincode of the children's records. */
const MEDICAL = 'medical';

/** How `medical` answers a caller who may not read the child, and a child id that does not exist. */
const REFUSED = /^(FORBIDDEN|NOT_FOUND): /;

/**
 * The child `childId` as `medical`'s ReadChild returns it to the caller, or null when `medical` refuses (the caller
 * is neither a guardian nor a pediatrician with an agreement in force, or there is no such child: the two are
 * deliberately the same answer). Any other failure (the peer has no `medical` ledger) throws.
 */
export async function childOnMedical(ctx: Context, childId: string): Promise<Child | null> {
  const response = await ctx.stub.invokeChaincode(MEDICAL, ['ReadChild', childId], MEDICAL);
  if (response.status === 200) return Child.parse(fromBytes(response.payload ?? new Uint8Array(0)));
  if (REFUSED.test(response.message ?? '')) return null;
  throw new Error(`reading child ${childId} on ${MEDICAL} failed: ${response.message ?? `status ${response.status}`}`);
}
