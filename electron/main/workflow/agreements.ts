// Agreements (chaincode `medical/agreements.ts`, IPC `agreement:*`): a parent proposes care by a pediatrician, who
// accepts or declines it; a guardian or the pediatrician ends it. The workflow steps and their IPC handlers.
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { ChaincodeAggregate } from './chaincodeAggregate.ts';
import { Agreement, type MedicalSubmission, type ProposeAgreementInput } from './schemas.ts';
import type { AggregateChannel, CurrentWorkflow } from './workflow.ts';

/** The agreement transactions of the `medical` chaincode; every write reconciles (a change already made counts). */
export class Agreements extends ChaincodeAggregate<MedicalSubmission> {
  /** A parent proposes a care agreement (registering the child when `child` is given). */
  async proposeAgreement(checked: ProposeAgreementInput): Promise<Committed<Agreement>> {
    const reconcile = async (): Promise<Agreement | null> => {
      const existing = await this.readAgreement(checked.agreementId);
      const same =
        existing.childId === checked.childId &&
        existing.pediatricianUid === checked.pediatricianUid &&
        existing.purpose === checked.purpose &&
        existing.validUntil === checked.validUntil;
      return same ? existing : null;
    };
    return this.chaincode.submit('ProposeAgreement', [JSON.stringify(checked)], Agreement, { reconcile });
  }

  /** The named pediatrician accepts a proposed agreement (the card is created on first acceptance). */
  async acceptAgreement(agreementId: string): Promise<Committed<Agreement>> {
    return this.changeStatus('AcceptAgreement', [agreementId], Agreement, 'active', this.#read);
  }

  /** The named pediatrician declines a proposed agreement. */
  async declineAgreement(agreementId: string, reason: string): Promise<Committed<Agreement>> {
    return this.changeStatus('DeclineAgreement', [agreementId, reason], Agreement, 'declined', this.#read);
  }

  /** A guardian or the agreement's pediatrician ends it; card access ends at once. */
  async terminateAgreement(agreementId: string): Promise<Committed<Agreement>> {
    return this.changeStatus('TerminateAgreement', [agreementId], Agreement, 'terminated', this.#read);
  }

  /** One agreement the caller is a party to. */
  async readAgreement(agreementId: string): Promise<Agreement> {
    return this.chaincode.evaluate('ReadAgreement', [agreementId], Agreement);
  }

  /** The caller's agreements, any status (every page). */
  async listMyAgreements(): Promise<Agreement[]> {
    return this.chaincode.evaluateAllPages('ListMyAgreements', Agreement);
  }

  readonly #read = (agreementId: string): Promise<Agreement> => this.readAgreement(agreementId);
}

/** The IPC entries of agreements. */
export type AgreementChannel = AggregateChannel<'agreement' | 'agreements'>;

/** The handlers of {@link AgreementChannel}, over the active identity's workflow. */
export function agreementHandlers(workflow: CurrentWorkflow): Pick<Handlers, AgreementChannel> {
  const agreements = (): Agreements => workflow().agreements;
  return {
    'agreement:propose': ({ input }) => agreements().proposeAgreement(input),
    'agreement:accept': ({ agreementId }) => agreements().acceptAgreement(agreementId),
    'agreement:decline': ({ agreementId, reason }) => agreements().declineAgreement(agreementId, reason),
    'agreement:terminate': ({ agreementId }) => agreements().terminateAgreement(agreementId),
    'agreements:listMine': () => agreements().listMyAgreements(),
  };
}
