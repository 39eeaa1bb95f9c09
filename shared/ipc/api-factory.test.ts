import { describe, expect, it, vi } from 'vitest';
import { createApi, type ApiTransport } from './api-factory.ts';
import { invokeChannels } from './channels.ts';
import { isIpcResult, ok } from './result.ts';

function fakeTransport(overrides: Partial<ApiTransport> = {}): ApiTransport {
  return {
    invoke: vi.fn(() => Promise.resolve(ok('value'))),
    subscribe: vi.fn(() => () => undefined),
    ...overrides,
  };
}

describe('createApi', () => {
  it('exposes one function per contract entry plus on, and nothing else', () => {
    const api = createApi(fakeTransport());
    expect(Object.keys(api).sort()).toEqual([...invokeChannels, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards the channel and the single argument', async () => {
    const invoke = vi.fn(() => Promise.resolve(ok(null)));
    const api = createApi(fakeTransport({ invoke }));
    await api['identity:remove']({ id: 'x' });
    expect(invoke).toHaveBeenCalledWith('identity:remove', { id: 'x' });
  });

  it('turns a transport failure into an IPC_TRANSPORT error instead of rejecting', async () => {
    const api = createApi(fakeTransport({ invoke: () => Promise.reject(new Error('socket closed')) }));
    const result = await api['app:info']();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('IPC_TRANSPORT');
      expect(result.error.message).toContain('socket closed');
    }
  });

  it('subscribes only to contract events and forwards only the payload', () => {
    let deliver: (payload: unknown) => void = () => undefined;
    const unsubscribe = vi.fn();
    const api = createApi(
      fakeTransport({
        subscribe: (_event, listener) => {
          deliver = listener;
          return unsubscribe;
        },
      }),
    );
    const listener = vi.fn();
    const stop = api.on('notification', listener);
    deliver({ title: 'hi' });
    expect(listener).toHaveBeenCalledWith({ title: 'hi' });
    stop();
    expect(unsubscribe).toHaveBeenCalled();
    // @ts-expect-error -- not an event of the contract
    expect(() => api.on('ipc:raw', listener)).toThrow(TypeError);
  });
});

describe('isIpcResult', () => {
  it('recognises both envelope forms and nothing else', () => {
    expect(isIpcResult({ ok: true, value: null })).toBe(true);
    expect(isIpcResult({ ok: false, error: { code: 'X', message: 'm' } })).toBe(true);
    expect(isIpcResult({ ok: false, error: { code: 1, message: 'm' } })).toBe(false);
    expect(isIpcResult({ ok: true })).toBe(false);
    expect(isIpcResult('ok')).toBe(false);
    expect(isIpcResult(null)).toBe(false);
  });
});
