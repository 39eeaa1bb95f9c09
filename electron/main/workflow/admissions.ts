// Admission requests (chaincode `report/admissions.ts`, IPC `admission:*`, `admissions:listMine`): a guardian asks a
// school to admit their child; the school accepts or rejects; the guardian may withdraw. The workflow steps and their
// IPC handlers.
import type { z } from 'zod';
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import { EndorsementRefusedError } from '../fabric/errors.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { ChaincodeAggregate } from './chaincodeAggregate.ts';
import {
  type AdmissionDecision,
  AdmissionRequest,
  type AdmissionRequestInput,
  CreateAdmissionResult,
  Reason,
  type ReportSubmission,
} from './schemas.ts';
import { validateInput } from '../util/validateInput.ts';
import type { AggregateChannel, CurrentWorkflow } from './workflow.ts';

/** The admission-request transactions of the `report` chaincode; writes are idempotent on retry. */
export class Admissions extends ChaincodeAggregate<ReportSubmission> {
  /**
   * A guardian asks a school to admit their child. The chaincode checks the child on `medical`: a parent who is not
   * its guardian there gets `ENDORSEMENT_REFUSED` (`FORBIDDEN`) with the transaction id, because that refusal is a
   * committed transaction (it records the attempt for the child's guardians) and makes no request.
   */
  async createAdmissionRequest(checked: AdmissionRequestInput): Promise<Committed<AdmissionRequest>> {
    const reconcile = async (): Promise<AdmissionRequest | null> => {
      const existing = await this.#find(checked.requestId);
      return existing?.childId === checked.childId && existing.schoolId === checked.schoolId ? existing : null;
    };
    const args = [JSON.stringify(checked)];
    const committed = await this.chaincode.submit('CreateAdmissionRequest', args, CreateAdmissionResult, {
      reconcile,
    });
    const answer = committed.value;
    if ('refused' in answer) {
      throw new EndorsementRefusedError({
        chaincodeCode: answer.refused,
        reason: answer.message,
        transactionName: 'CreateAdmissionRequest',
        txId: committed.txId,
      });
    }
    return { value: answer, txId: committed.txId };
  }

  /** A school admin accepts or rejects an admission request (a reason is required to reject). */
  async decideAdmissionRequest(
    requestId: string,
    decision: z.output<typeof AdmissionDecision>,
    reason = '',
  ): Promise<Committed<AdmissionRequest>> {
    // A rejection needs a reason: '' passes the contract (an acceptance has none) but not the domain's Reason.
    const why = decision === 'accept' && reason === '' ? '' : validateInput(Reason, reason, 'reason');
    const status = decision === 'accept' ? 'accepted' : 'rejected';
    const args = [requestId, decision, why] as const;
    return this.changeStatus('DecideAdmissionRequest', args, AdmissionRequest, status, this.#find);
  }

  /** A guardian withdraws an admission request. */
  async withdrawAdmissionRequest(requestId: string): Promise<Committed<AdmissionRequest>> {
    return this.changeStatus('WithdrawAdmissionRequest', [requestId], AdmissionRequest, 'withdrawn', this.#find);
  }

  /** The caller's admission requests (every page). */
  async listMyAdmissionRequests(): Promise<AdmissionRequest[]> {
    return this.chaincode.evaluateAllPages('ListMyAdmissionRequests', AdmissionRequest);
  }

  /** One of the caller's admission requests (undefined when not among them). */
  readonly #find = async (requestId: string): Promise<AdmissionRequest | undefined> =>
    (await this.listMyAdmissionRequests()).find((r) => r.requestId === requestId);
}

/** The IPC entries of admission requests. */
export type AdmissionChannel = AggregateChannel<'admission' | 'admissions'>;

/** The handlers of {@link AdmissionChannel}, over the active identity's workflow. */
export function admissionHandlers(workflow: CurrentWorkflow): Pick<Handlers, AdmissionChannel> {
  const admissions = (): Admissions => workflow().admissions;
  return {
    'admission:create': ({ input }) => admissions().createAdmissionRequest(input),
    'admission:decide': ({ requestId, decision, reason }) =>
      admissions().decideAdmissionRequest(requestId, decision, reason),
    'admission:withdraw': ({ requestId }) => admissions().withdrawAdmissionRequest(requestId),
    'admissions:listMine': () => admissions().listMyAdmissionRequests(),
  };
}
