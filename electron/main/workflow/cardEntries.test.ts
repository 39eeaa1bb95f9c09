// One `card:recordEntry` entry for the five kinds of card entry: through the app's router, each kind's form is parsed
// with its domain schema and recorded by its own transaction (one handler, one workflow method, a table from kind to
// transaction), over a fake `medical` chaincode client that records what would be submitted.
import { describe, expect, it } from 'vitest';
import { ipcContract } from '../../../shared/ipc/contract.ts';
import { createAppInfo } from '../app-info.ts';
import { createIpcRouter, noAppLock } from '../ipc/router.ts';
import { partialAppHandlers } from '../testing/partialHandlers.ts';
import type { ChaincodeClient } from './ledgerClient.ts';
import { Cards } from './cards.ts';
import type { MedicalSubmission } from './schemas.ts';
import type { Workflow } from './workflow.ts';
import { createWorkflowHandlers } from './workflowHandlers.ts';

const TX = 'b'.repeat(64);
const context = { transport: 'electron', origin: 'app://pediledger' } as const;
const recorded = { childId: 'child-1', recordedBy: 'ped-alice', recordedAt: '2025-03-01T09:00:00.000Z', txId: TX };

/** A router over the cards workflow whose chaincode answers each submission with the entry it was sent. */
function routerOverFakeChaincode(): { call: (args: unknown) => Promise<unknown>; submitted: [string, string[]][] } {
  const submitted: [string, string[]][] = [];
  const chaincode = {
    mspId: 'HospitalMSP',
    submit: (transactionName: MedicalSubmission, args: readonly string[]) => {
      submitted.push([transactionName, [...args]]);
      const [childId, entryId, fields] = args;
      const kind = {
        RecordMeasurement: 'measurement',
        RecordImmunization: 'immunization',
        RecordAllergy: 'allergy',
        RecordCondition: 'condition',
        AddVisitNote: 'visitNote',
      }[transactionName as string];
      const entry: unknown = { kind, ...recorded, childId, entryId, ...(JSON.parse(fields ?? '{}') as object) };
      return Promise.resolve({ value: entry, txId: TX });
    },
  } as unknown as ChaincodeClient<MedicalSubmission>;
  const workflow = { cards: new Cards(chaincode) } as unknown as Workflow;
  const handlers = partialAppHandlers(
    createAppInfo('electron', '0.1.0', 'test'),
    createWorkflowHandlers({ current: () => workflow }),
  );
  const router = createIpcRouter(ipcContract, handlers, { lock: noAppLock });
  return { call: (args) => router.call('card:recordEntry', args, context), submitted };
}

describe('card:recordEntry', () => {
  it.each([
    ['measurement', 'RecordMeasurement', { date: '2025-01-01', weightKg: 12.5 }],
    ['immunization', 'RecordImmunization', { vaccine: 'MMR', dose: 2, date: '2024-06-01' }],
    ['allergy', 'RecordAllergy', { substance: 'Peanuts', reaction: 'Hives', severity: 'severe' }],
    ['condition', 'RecordCondition', { name: 'Asthma', icd10: 'J45.909' }],
    ['visitNote', 'AddVisitNote', { date: '2025-01-01', text: 'Routine check.' }],
  ])('records a %s with %s and answers the committed entry', async (kind, transaction, entry) => {
    const { call, submitted } = routerOverFakeChaincode();
    const result = await call({ kind, childId: 'child-1', entryId: 'entry-1', entry });
    expect(submitted).toEqual([[transaction, ['child-1', 'entry-1', JSON.stringify(entry)]]]);
    expect(result).toMatchObject({ ok: true, value: { txId: TX, value: { kind, entryId: 'entry-1', ...entry } } });
  });

  it('picks a fresh entry id when the renderer sends none', async () => {
    const { call, submitted } = routerOverFakeChaincode();
    await call({
      kind: 'allergy',
      childId: 'child-1',
      entry: { substance: 'Latex', reaction: 'Rash', severity: 'mild' },
    });
    expect(submitted[0]?.[1][1]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("checks the form against its own kind's schema: another kind's fields answer INVALID_INPUT, nothing is sent", async () => {
    const { call, submitted } = routerOverFakeChaincode();
    const wrongKind = { kind: 'measurement', childId: 'child-1', entry: { substance: 'Peanuts' } };
    expect(await call(wrongKind)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { field: 'entry' } },
    });
    expect(await call({ kind: 'vaccine', childId: 'child-1', entry: {} })).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_ARGS' },
    });
    expect(submitted).toEqual([]);
  });
});
