// Children (chaincode `medical/children.ts`, IPC `child:*`, `children:listMine`): a child's registration, its
// guardians and gestational age, and the child's timeline across both channels. The workflow steps and their IPC
// handlers.
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { childTimeline, type ChildTimelineSources } from './childTimeline.ts';
import { ChaincodeAggregate } from './chaincodeAggregate.ts';
import { Child, type GestationalAge, type MedicalSubmission } from './schemas.ts';
import type { AggregateChannel, CurrentWorkflow, Workflow } from './workflow.ts';

/**
 * The child transactions of the `medical` chaincode (a child is registered by `ProposeAgreement`, see
 * `agreements.ts`). Writes are idempotent on retry: a re-read that finds the change already made counts as success.
 */
export class Children extends ChaincodeAggregate<MedicalSubmission> {
  /** A guardian adds the child's second guardian. */
  async addGuardian(childId: string, guardianUid: string): Promise<Committed<Child>> {
    const reconcile = async (): Promise<Child | null> => {
      const current = await this.readChild(childId);
      return current.guardianUids.includes(guardianUid) ? current : null;
    };
    return this.chaincode.submit('AddGuardian', [childId, guardianUid], Child, { reconcile });
  }

  /**
   * The pediatrician records (or corrects) the child's gestational age at birth after registration. A retry whose
   * first try landed finds the child with this value and counts as done.
   */
  async setGestationalAge(childId: string, value: GestationalAge): Promise<Committed<Child>> {
    const reconcile = async (): Promise<Child | null> => {
      const current = await this.readChild(childId);
      const same = current.gestationalAge?.weeks === value.weeks && current.gestationalAge.days === value.days;
      return same ? current : null;
    };
    return this.chaincode.submit('SetGestationalAge', [childId, JSON.stringify(value)], Child, { reconcile });
  }

  /** The child's registration record. */
  async readChild(childId: string): Promise<Child> {
    return this.chaincode.evaluate('ReadChild', [childId], Child);
  }

  /** A parent's children, or a pediatrician's children under active agreements (every page). */
  async listMyChildren(): Promise<Child[]> {
    return this.chaincode.evaluateAllPages('ListMyChildren', Child);
  }
}

/** What a child's timeline reads with, from `workflow`: grouped by channel, as a school's never reads `medical`. */
export function timelineSources(workflow: Workflow): ChildTimelineSources {
  const { children, agreements, cards, admissions, reportRequests, reports } = workflow;
  return {
    medical: {
      listMyChildren: () => children.listMyChildren(),
      listMyAgreements: () => agreements.listMyAgreements(),
      readMedicalCard: (childId) => cards.readMedicalCard(childId),
    },
    report: {
      listMyAdmissionRequests: () => admissions.listMyAdmissionRequests(),
      listMyReportRequests: () => reportRequests.listMyReportRequests(),
      listMyReports: () => reports.listMyReports(),
      getReadReceipts: (reportId) => reports.getReadReceipts(reportId),
    },
    mspId: workflow.connection.mspId,
  };
}

/** The IPC entries of children. */
export type ChildChannel = AggregateChannel<'child' | 'children'>;

/** The handlers of {@link ChildChannel}, over the active identity's workflow. */
export function childHandlers(workflow: CurrentWorkflow): Pick<Handlers, ChildChannel> {
  const children = (): Children => workflow().children;
  return {
    'child:addGuardian': ({ childId, guardianUid }) => children().addGuardian(childId, guardianUid),
    'child:setGestationalAge': ({ childId, gestationalAge }) => children().setGestationalAge(childId, gestationalAge),
    'child:timeline': ({ childId }) => childTimeline(timelineSources(workflow()), childId),
    'children:listMine': () => children().listMyChildren(),
  };
}
