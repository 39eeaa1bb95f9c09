// Test-only: the app's IPC router over one connected workflow, for the cases that go through main's edge, where the
// arguments are parsed once with the domain schemas (a form breaking the domain's rules answers INVALID_INPUT).
import { ipcContract } from '../../shared/ipc/contract.ts';
import type { IpcResult } from '../../shared/ipc/result.ts';
import { createAppInfo } from '../main/app-info.ts';
import { createIpcRouter, noAppLock } from '../main/ipc/router.ts';
import { partialAppHandlers } from '../main/testing/partialHandlers.ts';
import type { Workflow } from '../main/workflow/workflow.ts';
import { createWorkflowHandlers } from '../main/workflow/workflowHandlers.ts';

const context = { transport: 'electron', origin: 'app://pediledger' } as const;

/** Calls `channel` with `args` through the app's router, as `workflow`'s identity. */
export function callAs(workflow: Workflow, channel: string, args: unknown): Promise<IpcResult<unknown>> {
  const handlers = createWorkflowHandlers({ current: () => workflow });
  const router = createIpcRouter(
    ipcContract,
    partialAppHandlers(createAppInfo('electron', '0.1.0', 'test'), handlers),
    {
      lock: noAppLock,
    },
  );
  return router.call(channel, args, context);
}
