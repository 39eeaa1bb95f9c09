// The IPC handlers of the workflow entries, combined from each aggregate's module: each handler receives the arguments
// the router parsed with the domain schemas, hands them to the active identity's workflow and returns its typed answer,
// which the router checks against the entry's result schema before it leaves main.
import { NotConnectedError } from '../fabric/errors.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { admissionHandlers, type AdmissionChannel } from './admissions.ts';
import { agreementHandlers, type AgreementChannel } from './agreements.ts';
import { cardHandlers, type CardChannel } from './cards.ts';
import { childHandlers, type ChildChannel } from './children.ts';
import { directoryHandlers, type DirectoryChannel } from './directory.ts';
import { reportRequestHandlers, type ReportRequestChannel } from './reportRequests.ts';
import { reportHandlers, type ReportChannel } from './reports.ts';
import type { Workflow } from './workflow.ts';

/** The workflow entries of the contract (saving a report as PDF is the window's job, see `print/pdfExport.ts`). */
export type WorkflowChannel =
  | AgreementChannel
  | ChildChannel
  | CardChannel
  | AdmissionChannel
  | ReportRequestChannel
  | ReportChannel
  | DirectoryChannel;

/** Options for {@link createWorkflowHandlers}. */
export interface WorkflowHandlersOptions {
  /** The workflow of the active identity, or null when none is connected. */
  current: () => Workflow | null;
}

/** Handlers for every workflow entry, over the active identity's workflow. */
export function createWorkflowHandlers(options: Readonly<WorkflowHandlersOptions>): Pick<Handlers, WorkflowChannel> {
  const workflow = (): Workflow => {
    const current = options.current();
    if (current === null) throw new NotConnectedError();
    return current;
  };
  return {
    ...agreementHandlers(workflow),
    ...childHandlers(workflow),
    ...cardHandlers(workflow),
    ...admissionHandlers(workflow),
    ...reportRequestHandlers(workflow),
    ...reportHandlers(workflow),
    ...directoryHandlers(workflow),
  };
}
