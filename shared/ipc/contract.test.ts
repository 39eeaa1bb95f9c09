import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Api, ArgsOf, ResultOf } from './api.ts';
import { eventChannels, invokeChannels, isEventChannel, isInvokeChannel } from './channels.ts';
import { ipcContract } from './contract.ts';
import type { IpcResult } from './result.ts';

const uuid = '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f';

describe('ipcContract', () => {
  it('defines exactly the channels and events the preload exposes', () => {
    expect(Object.keys(ipcContract.invoke).sort()).toEqual([...invokeChannels].sort());
    expect(Object.keys(ipcContract.events).sort()).toEqual([...eventChannels].sort());
  });

  it('serves only the lock screen’s entries while the app is locked: the allow-list is exactly these', () => {
    const served = Object.entries(ipcContract.invoke)
      .filter(([, entry]) => entry.whileLocked === 'serve')
      .map(([channel]) => channel)
      .sort();
    expect(served).toEqual(
      [
        'app:info',
        'connection:state',
        'demo:list',
        'demo:use',
        'enrollment:caInfo',
        'enrollment:enroll',
        'enrollment:importPem',
        'identity:list',
        'identity:setActive',
        'lock:lock',
        'lock:state',
        'lock:unlock',
        'profiles:import',
        'profiles:list',
      ].sort(),
    );
    for (const entry of Object.values(ipcContract.invoke)) expect(['serve', 'refuse']).toContain(entry.whileLocked);
  });

  it('names as the user’s (`form`) only argument fields the entry has', () => {
    const fieldsOf = (schema: unknown): string[] => {
      const def = (schema as { def: { shape?: object; options?: unknown[] } }).def;
      return def.options !== undefined ? def.options.flatMap(fieldsOf) : Object.keys(def.shape ?? {});
    };
    const entries: [string, { args: unknown; form?: readonly string[] }][] = Object.entries(ipcContract.invoke);
    for (const [channel, entry] of entries) {
      for (const field of entry.form ?? []) expect(fieldsOf(entry.args), channel).toContain(field);
    }
    expect(ipcContract.invoke['card:recordEntry'].form).toEqual(['entry']);
  });

  it('recognises only contract names, never prototype keys', () => {
    expect(isInvokeChannel('app:info')).toBe(true);
    expect(isInvokeChannel('__proto__')).toBe(false);
    expect(isInvokeChannel('constructor')).toBe(false);
    expect(isInvokeChannel(42)).toBe(false);
    expect(isEventChannel('notification')).toBe(true);
    expect(isEventChannel('app:info')).toBe(false);
  });

  it('accepts well-formed arguments', () => {
    const { invoke } = ipcContract;
    expect(invoke['app:info'].args.safeParse(undefined).success).toBe(true);
    expect(invoke['identity:setActive'].args.safeParse({ id: uuid }).success).toBe(true);
    expect(
      invoke['enrollment:enroll'].args.safeParse({
        org: 'hospital',
        enrollmentId: 'ped-alice',
        secret: 'pw with spaces!',
        label: 'Dr Alice',
      }).success,
    ).toBe(true);
  });

  it.each([
    ['a path as identity id', 'identity:remove', { id: '../keys' }],
    ['an extra key', 'identity:remove', { id: uuid, force: true }],
    ['an unknown organisation', 'enrollment:caInfo', { org: 'orderer' }],
    [
      'a NUL in the enrollment id',
      'enrollment:enroll',
      { org: 'parents', enrollmentId: 'a\u0000b', secret: 's', label: 'x' },
    ],
    [
      'an over-long secret',
      'enrollment:enroll',
      { org: 'parents', enrollmentId: 'a', secret: 'x'.repeat(257), label: 'x' },
    ],
    [
      'a control character in a label',
      'enrollment:enroll',
      { org: 'parents', enrollmentId: 'a', secret: 's', label: 'a\nb' },
    ],
    [
      'a non-PEM certificate',
      'enrollment:importPem',
      { org: 'school', label: 'x', certificatePem: 'hello', privateKeyPem: 'k' },
    ],
    ['an argument for an entry without one', 'app:info', { any: 1 }],
  ] as const)('rejects %s', (_name, channel, args) => {
    expect(ipcContract.invoke[channel].args.safeParse(args).success).toBe(false);
  });

  it('validates event payloads', () => {
    expect(ipcContract.events['connection:state'].safeParse({ status: 'disconnected' }).success).toBe(true);
    expect(ipcContract.events['connection:state'].safeParse({ status: 'connected' }).success).toBe(false);
    expect(
      ipcContract.events['tx:progress'].safeParse({ txId: 'a'.repeat(64), channel: 'ph', stage: 'committed' }).success,
    ).toBe(true);
  });

  it('derives the renderer API types from the schemas', () => {
    expectTypeOf<Parameters<Api['app:info']>>().toEqualTypeOf<[]>();
    expectTypeOf<ArgsOf<'identity:remove'>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<ReturnType<Api['identity:remove']>>().toEqualTypeOf<Promise<IpcResult<null>>>();
    expectTypeOf<ResultOf<'app:info'>['shell']>().toEqualTypeOf<'electron' | 'browser'>();
  });
});
