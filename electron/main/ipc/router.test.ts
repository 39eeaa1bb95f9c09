import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import type { ContractShape } from '../../../shared/ipc/define.ts';
import type { HandlersOf } from './handlers.ts';
import { createIpcRouter, noAppLock } from './router.ts';

// A small contract of its own keeps these tests about the router, not about PediLedger's entries.
const testContract = {
  invoke: {
    'math:double': { args: z.strictObject({ n: z.number().int() }), result: z.number(), whileLocked: 'refuse' },
    'text:trim': { args: z.string().trim().max(10), result: z.string(), whileLocked: 'serve' },
    'bug:badResult': { args: z.undefined(), result: z.string(), whileLocked: 'refuse' },
    'fail:app': { args: z.undefined(), result: z.null(), whileLocked: 'refuse' },
    'fail:other': { args: z.undefined(), result: z.null(), whileLocked: 'refuse' },
    // An entry with a user's form (`entry`) beside an app-made reference (`ref`).
    'form:save': {
      args: z.strictObject({
        ref: z.string().regex(/^[a-z]+$/),
        entry: z.strictObject({ name: z.string().trim().min(1).max(5), age: z.number().int().optional() }),
      }),
      result: z.string(),
      whileLocked: 'refuse',
      form: ['entry'],
    },
  },
  events: {},
} as const satisfies ContractShape;

const context = { transport: 'electron', origin: 'app://pediledger' } as const;

function handlers(): HandlersOf<typeof testContract> {
  return {
    'math:double': ({ n }) => n * 2,
    'text:trim': (text) => Promise.resolve(text),
    // @ts-expect-error -- a handler returning outside its result schema is a type error; the router also checks
    'bug:badResult': () => 42,
    'fail:app': () => {
      throw new AppError('NOT_FOUND', 'No such record', { txId: 'tx1', details: { id: 'r1' } });
    },
    'fail:other': () => {
      throw new Error('ENOENT /home/someone/.secret');
    },
    'form:save': ({ ref, entry }) => `${ref}:${entry.name}`,
  };
}

describe('createIpcRouter', () => {
  it('runs the handler with parsed args and returns the value', async () => {
    const router = createIpcRouter(testContract, handlers(), { lock: noAppLock });
    expect(await router.call('math:double', { n: 21 }, context)).toEqual({ ok: true, value: 42 });
    expect(await router.call('text:trim', '  hi  ', context)).toEqual({ ok: true, value: 'hi' });
  });

  it('lists the contract channels', () => {
    expect(createIpcRouter(testContract, handlers(), { lock: noAppLock }).channels).toEqual(
      Object.keys(testContract.invoke),
    );
  });

  it.each(['nope:nope', '__proto__', 'constructor', 'toString'])('refuses the unknown channel %s', async (channel) => {
    const result = await createIpcRouter(testContract, handlers(), { lock: noAppLock }).call(
      channel,
      undefined,
      context,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
  });

  it('refuses invalid args without running the handler or echoing the input', async () => {
    const spy = vi.fn(() => 0);
    const router = createIpcRouter(testContract, { ...handlers(), 'math:double': spy }, { lock: noAppLock });
    const result = await router.call('math:double', { n: 'secret-value' }, context);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_ARGS', details: { issues: [{ path: 'n' }] } },
    });
    expect(JSON.stringify(result)).not.toContain('secret-value');
    expect(spy).not.toHaveBeenCalled();
  });

  it('hands the handler the form as the domain schema parsed it', async () => {
    const router = createIpcRouter(testContract, handlers(), { lock: noAppLock });
    const result = await router.call('form:save', { ref: 'abc', entry: { name: ' Ann ' } }, context);
    expect(result).toEqual({ ok: true, value: 'abc:Ann' });
  });

  it('answers INVALID_INPUT naming the field when only the user’s form breaks the rules, without echoing it', async () => {
    const spy = vi.fn(() => '');
    const router = createIpcRouter(testContract, { ...handlers(), 'form:save': spy }, { lock: noAppLock });
    for (const entry of [
      { name: 'secret-value' },
      { name: '' },
      { name: 'Ann', age: 1.5 },
      { name: 'Ann', extra: 1 },
    ]) {
      const result = await router.call('form:save', { ref: 'abc', entry }, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'entry' } } });
      expect(JSON.stringify(result)).not.toContain('secret-value');
    }
    const tooLong = await router.call('form:save', { ref: 'abc', entry: { name: 'secret-value' } }, context);
    expect(tooLong).toMatchObject({ error: { details: { issues: [{ path: 'entry.name' }] } } });
    expect(spy).not.toHaveBeenCalled();
  });

  it.each([
    ['a malformed reference beside a good form', { ref: '../etc', entry: { name: 'Ann' } }],
    ['a malformed reference beside a bad form', { ref: '../etc', entry: { name: '' } }],
    ['a form that is not an object', { ref: 'abc', entry: 'Ann' }],
    ['a form with a field name over 64 characters', { ref: 'abc', entry: { ['k'.repeat(65)]: 1 } }],
    [
      'a form with more than 32 fields',
      { ref: 'abc', entry: Object.fromEntries([...Array(33).keys()].map((k) => [`f${k}`, k])) },
    ],
    ['a missing form', { ref: 'abc' }],
    ['an argument that is no form field', { ref: 'abc', entry: { name: 'Ann' }, more: 1 }],
  ])('answers IPC_INVALID_ARGS for %s', async (_name, args) => {
    const spy = vi.fn(() => '');
    const router = createIpcRouter(testContract, { ...handlers(), 'form:save': spy }, { lock: noAppLock });
    expect(await router.call('form:save', args, context)).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_ARGS' },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('reports a result outside the contract as IPC_INVALID_RESULT and logs it', async () => {
    const log = vi.fn();
    const result = await createIpcRouter(testContract, handlers(), { lock: noAppLock, log }).call(
      'bug:badResult',
      undefined,
      context,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_RESULT' } });
    expect(log).toHaveBeenCalledOnce();
  });

  it('reports a record outside its result schema by fields and rules, never values or unknown field names', async () => {
    // Moved from the renderer's parseRecord test: records are parsed once, here, and the record is a child's data.
    const planted = 'Zq7PlantedInRenderer';
    const log = vi.fn();
    const contract = {
      invoke: {
        'card:read': {
          args: z.undefined(),
          result: z.strictObject({ childId: z.string().regex(/^[a-z]+$/), allergies: z.array(z.string()) }),
          whileLocked: 'refuse',
        },
      },
      events: {},
    } as const satisfies ContractShape;
    const card = { childId: `${planted}\u0000`, allergies: [1], [planted]: planted };
    // @ts-expect-error -- a handler returning outside its result schema is a type error; the router also checks
    const router = createIpcRouter(contract, { 'card:read': () => card }, { lock: noAppLock, log });
    const result = await router.call('card:read', undefined, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_RESULT' } });
    expect(JSON.stringify(result)).not.toContain(planted);
    const message = String(log.mock.calls[0]?.[0]);
    expect(message).toMatch(/childId: /);
    expect(message).not.toContain(planted);
  });

  it('passes AppError code, txId and details through', async () => {
    const result = await createIpcRouter(testContract, handlers(), { lock: noAppLock }).call(
      'fail:app',
      undefined,
      context,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such record', txId: 'tx1', details: { id: 'r1' } },
    });
  });

  it('turns other errors into INTERNAL DTOs that survive structured clone and JSON', async () => {
    const log = vi.fn();
    const result = await createIpcRouter(testContract, handlers(), { lock: noAppLock, log }).call(
      'fail:other',
      undefined,
      context,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(structuredClone(result)).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(log).toHaveBeenCalledOnce();
  });

  it("applies each entry's lock policy to every call, before parsing its arguments or running its handler", async () => {
    const locked = { value: true };
    const spy = vi.fn(() => 0);
    const router = createIpcRouter(
      testContract,
      { ...handlers(), 'math:double': spy },
      {
        lock: { isLocked: () => Promise.resolve(locked.value) },
      },
    );
    // Refused even with arguments that would not parse: a locked app says nothing about them.
    for (const args of [{ n: 21 }, { n: 'secret-value' }]) {
      const result = await router.call('math:double', args, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'APP_LOCKED' } });
      expect(JSON.stringify(result)).not.toContain('secret-value');
    }
    expect(spy).not.toHaveBeenCalled();
    expect(await router.call('text:trim', ' hi ', context)).toEqual({ ok: true, value: 'hi' });
    locked.value = false;
    expect(await router.call('math:double', { n: 21 }, context)).toEqual({ ok: true, value: 0 });
    expect(spy).toHaveBeenCalledOnce();
  });

  it('refuses to start without a handler for every entry', () => {
    const incomplete: Omit<HandlersOf<typeof testContract>, 'text:trim'> & { 'text:trim'?: unknown } = handlers();
    delete incomplete['text:trim'];
    // @ts-expect-error -- a missing handler is a type error; the router refuses it at runtime too
    expect(() => createIpcRouter(testContract, incomplete, { lock: noAppLock })).toThrow(/text:trim/);
  });
});
