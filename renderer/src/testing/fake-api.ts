// A scripted `window.api` for component and store tests: each entry answers what the test set, events can be emitted.
import type { Api, EventPayload } from '../../../shared/ipc/api.ts';
import type { EventChannel, InvokeChannel } from '../../../shared/ipc/channels.ts';
import { invokeChannels } from '../../../shared/ipc/channels.ts';
import type { IpcErrorDto } from '../../../shared/ipc/errors.ts';

type Reply = { ok: true; value: unknown } | { ok: false; error: IpcErrorDto };

export interface FakeApi {
  readonly api: Api;
  /** Calls per entry, with their argument. */
  readonly calls: { channel: InvokeChannel; args: unknown }[];
  /** Sets what an entry answers (a function gets the argument). */
  answer: (channel: InvokeChannel, value: unknown) => void;
  fail: (channel: InvokeChannel, error: IpcErrorDto) => void;
  emit: <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;
}

/** Installs a fake `window.api` (every entry answers NOT_IMPLEMENTED until told otherwise). */
export function installFakeApi(): FakeApi {
  const replies = new Map<InvokeChannel, (args: unknown) => Reply>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  const api: Record<string, unknown> = {};
  for (const channel of invokeChannels) {
    api[channel] = (args: unknown) => {
      calls.push({ channel, args });
      const reply = replies.get(channel);
      return Promise.resolve(
        reply?.(args) ?? { ok: false, error: { code: 'NOT_IMPLEMENTED', message: `${channel} is not scripted` } },
      );
    };
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  Object.defineProperty(window, 'api', { value: api, configurable: true });
  return {
    api: api as unknown as Api,
    calls,
    answer: (channel, value) => {
      replies.set(channel, (args) => ({
        ok: true,
        value: typeof value === 'function' ? (value as (a: unknown) => unknown)(args) : value,
      }));
    },
    fail: (channel, error) => {
      replies.set(channel, () => ({ ok: false, error }));
    },
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

export const connectedState = {
  status: 'connected',
  identityId: '00000000-0000-4000-8000-000000000001',
  org: 'hospital',
  since: '2026-01-01T00:00:00.000Z',
  endpoint: '127.0.0.1:7051',
} as const;

const tx = (n: number): string => n.toString(16).padStart(64, '0');

/** A medical card as the chaincode returns it. */
export function cardRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    childId: 'child-1',
    allergies: [],
    conditions: [],
    immunizations: [],
    measurements: [],
    visitNotes: [],
    version: 1,
    updatedBy: 'ped-alice',
    updatedAt: '2026-01-02T10:00:00.000Z',
    txId: tx(1),
    format: 2,
    created: { by: 'ped-alice', at: '2026-01-02T10:00:00.000Z', txId: tx(1) },
    counts: { allergies: 0, conditions: 0, immunizations: 0, measurements: 0, visitNotes: 0 },
    ...overrides,
  };
}

/** A card entry record as the chaincode stores it (entry `n`, recorded by ped-alice in transaction `n`). */
export function cardEntryRecord(
  kind: string,
  fields: Record<string, unknown>,
  n: number,
  recordedAt = '2026-01-02T10:00:00.000Z',
): Record<string, unknown> {
  return {
    kind,
    entryId: `entry-${n}`,
    childId: 'child-1',
    recordedBy: 'ped-alice',
    recordedAt,
    txId: tx(n),
    ...fields,
  };
}

export { tx };
