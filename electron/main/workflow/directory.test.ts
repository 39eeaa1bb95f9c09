// The directory workflow (`directory.ts`) and its IPC handlers (arguments validated by the app's router),
// over a fake ledger that records what would be
// sent and answers with chaincode JSON, decoded by the real `decodeJson` (so malformed answers fail the same way).
import { describe, expect, it } from 'vitest';
import { ipcContract } from '../../../shared/ipc/contract.ts';
import { UnexpectedResponseError } from '../fabric/errors.ts';
import { partialAppHandlers } from '../testing/partialHandlers.ts';
import { createAppInfo } from '../app-info.ts';
import { createIpcRouter, noAppLock, type IpcRouter } from '../ipc/router.ts';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { newChaincodeClient, type ChaincodeClient } from './ledgerClient.ts';
import { Directory } from './directory.ts';
import { REPORT_ENDORSERS, type ReportSubmission } from './schemas.ts';
import type { SubmitRequest } from './transactionSubmitter.ts';
import { INVALID_INPUT } from '../util/validateInput.ts';
import type { Workflow } from './workflow.ts';
import { createWorkflowHandlers } from './workflowHandlers.ts';

const TX = 'a'.repeat(64);
const alice = {
  kind: 'pediatrician',
  id: 'ped-alice',
  displayName: 'Dr Alice Moreau',
  org: 'hospital',
  updatedAt: '2025-03-01T09:00:00.000Z',
  updatedBy: 'ped-alice',
};
const oak = { ...alice, kind: 'school', id: 'oak-primary', displayName: 'Oak Primary', org: 'school' };
const encoder = new TextEncoder();

/** What an evaluation asked for. */
interface EvaluateRequest {
  channel: string;
  chaincode: string;
  transactionName: string;
  arguments: string[];
}

/**
 * The real `report` chaincode client over a gateway that answers every evaluation with `answer` and a submitter that
 * commits every request with it; both remember the requests.
 */
function fakeLedger(answer: unknown): {
  ledger: ChaincodeClient<ReportSubmission>;
  evaluated: EvaluateRequest[];
  submitted: SubmitRequest[];
} {
  const evaluated: EvaluateRequest[] = [];
  const submitted: SubmitRequest[] = [];
  const bytes = (): Uint8Array => encoder.encode(JSON.stringify(answer));
  const gateway = {
    getNetwork: (channel: string) => ({
      getContract: (chaincode: string) => ({
        evaluate: (transactionName: string, options: { arguments: string[] }) => {
          evaluated.push({ channel, chaincode, transactionName, arguments: options.arguments });
          return Promise.resolve(bytes());
        },
      }),
    }),
  } as unknown as Gateway;
  const ledger = newChaincodeClient<ReportSubmission>({
    connection: {
      withGateway: (fn) => fn(gateway),
      caller: { mspId: 'SchoolMSP', notAfter: '2099-01-01T00:00:00Z' },
      mspId: 'SchoolMSP',
    },
    submitter: {
      submit: (request) => {
        submitted.push(request);
        return Promise.resolve({ value: bytes(), txId: TX });
      },
    },
    channel: 'report',
    chaincode: 'report',
    endorsers: REPORT_ENDORSERS,
  });
  return { ledger, evaluated, submitted };
}

function workflowOver(chaincode: ChaincodeClient<ReportSubmission>): Directory {
  return new Directory(chaincode);
}

const context = { transport: 'electron', origin: 'app://pediledger' } as const;

/** The app's router over the workflow handlers of a directory workflow on `chaincode`: where arguments are validated. */
function routerOver(chaincode: ChaincodeClient<ReportSubmission>): IpcRouter {
  const workflow = { directory: workflowOver(chaincode) } as unknown as Workflow;
  const handlers = createWorkflowHandlers({ current: () => workflow });
  return createIpcRouter(ipcContract, partialAppHandlers(createAppInfo('electron', '0.1.0', 'test'), handlers), {
    lock: noAppLock,
  });
}

describe('Directory workflow', () => {
  it('lists one kind with ListDirectory and parses the entries with the chaincode schema', async () => {
    const { ledger, evaluated } = fakeLedger([alice]);
    expect(await workflowOver(ledger).listDirectory('pediatrician')).toEqual([alice]);
    expect(evaluated).toEqual([
      { channel: 'report', chaincode: 'report', transactionName: 'ListDirectory', arguments: ['pediatrician'] },
    ]);
  });

  it('refuses an answer that is not a directory entry', async () => {
    const { ledger } = fakeLedger([{ ...alice, org: 'school' }]);
    await expect(workflowOver(ledger).listDirectory('pediatrician')).rejects.toBeInstanceOf(UnexpectedResponseError);
  });

  it('publishes the trimmed name; the gateway picks the endorsers (public data, MAJORITY)', async () => {
    const { ledger, submitted } = fakeLedger(alice);
    expect(await routerOver(ledger).call('directory:publish', { displayName: '  Dr Alice Moreau ' }, context)).toEqual({
      ok: true,
      value: { value: alice, txId: TX },
    });
    expect(submitted).toEqual([
      {
        channel: 'report',
        chaincode: 'report',
        transactionName: 'PublishDirectoryEntry',
        arguments: ['Dr Alice Moreau'],
        endorsingOrganizations: null,
      },
    ]);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['over 80 characters', 'x'.repeat(81)],
    ['a control character', 'Dr\u0007Alice'],
    ['a newline', 'Dr\nAlice'],
  ])('validates the name before signing: %s', async (_, name) => {
    const { ledger, submitted } = fakeLedger(alice);
    expect(await routerOver(ledger).call('directory:publish', { displayName: name }, context)).toMatchObject({
      ok: false,
      error: { code: INVALID_INPUT, details: { field: 'displayName' } },
    });
    expect(submitted).toEqual([]);
  });

  it('refuses a bad kind before evaluating', async () => {
    const { ledger, evaluated } = fakeLedger([]);
    // The kind is the app's choice, not something the user typed: a malformed call.
    expect(await routerOver(ledger).call('directory:list', { kind: 'parent' }, context)).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_ARGS' },
    });
    expect(evaluated).toEqual([]);
  });

  it('withdraws the caller entry with no argument', async () => {
    const { ledger, submitted } = fakeLedger(oak);
    expect((await workflowOver(ledger).withdrawDirectoryEntry()).value).toEqual(oak);
    expect(submitted.map((r) => [r.transactionName, r.arguments])).toEqual([['WithdrawDirectoryEntry', []]]);
  });
});

describe('directory IPC handlers', () => {
  const handlersOver = (answer: unknown): ReturnType<typeof createWorkflowHandlers> => {
    const { ledger } = fakeLedger(answer);
    const workflow = { directory: workflowOver(ledger) } as unknown as Workflow;
    return createWorkflowHandlers({ current: () => workflow });
  };
  it('returns the records and committed results the contract accepts', async () => {
    const list = await handlersOver([alice, oak])['directory:list']({ kind: 'school' }, context);
    expect(ipcContract.invoke['directory:list'].result.parse(list)).toEqual([alice, oak]);
    const published = await handlersOver(oak)['directory:publish']({ displayName: 'Oak Primary' }, context);
    expect(ipcContract.invoke['directory:publish'].result.parse(published)).toEqual({ txId: TX, value: oak });
    const withdrawn = await handlersOver(oak)['directory:withdraw'](undefined, context);
    expect(ipcContract.invoke['directory:withdraw'].result.parse(withdrawn)).toEqual({ txId: TX, value: oak });
  });

  it('bounds the IPC arguments', () => {
    const { invoke } = ipcContract;
    expect(invoke['directory:list'].args.safeParse({ kind: 'school' }).success).toBe(true);
    expect(invoke['directory:list'].args.safeParse({ kind: 'parent' }).success).toBe(false);
    expect(invoke['directory:publish'].args.safeParse({ displayName: 'x'.repeat(201) }).success).toBe(false);
    expect(invoke['directory:publish'].args.safeParse({ displayName: 'A', kind: 'school' }).success).toBe(false);
    expect(invoke['directory:withdraw'].args.safeParse({ any: 1 }).success).toBe(false);
  });

  it('is refused while the app is locked, like every record entry', async () => {
    const router = createIpcRouter(
      ipcContract,
      partialAppHandlers(createAppInfo('electron', '0.1.0', 'test'), handlersOver([alice])),
      {
        lock: { isLocked: () => Promise.resolve(true) },
      },
    );
    for (const channel of ['directory:list', 'directory:publish', 'directory:withdraw'] as const) {
      expect(ipcContract.invoke[channel].whileLocked).toBe('refuse');
      expect(await router.call(channel, undefined, context)).toMatchObject({
        ok: false,
        error: { code: 'APP_LOCKED' },
      });
    }
  });
});
