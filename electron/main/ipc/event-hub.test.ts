import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { EventHub } from './event-hub.ts';

const contract = { invoke: {}, events: { ping: z.strictObject({ n: z.number() }) } } as const;

describe('EventHub', () => {
  it('delivers validated payloads to every sink until unsubscribed', () => {
    const hub = new EventHub(contract);
    const a = vi.fn();
    const b = vi.fn();
    const stopA = hub.subscribe(a);
    hub.subscribe(b);
    expect(hub.emit('ping', { n: 1 })).toBe(true);
    stopA();
    hub.emit('ping', { n: 2 });
    expect(a.mock.calls).toEqual([['ping', { n: 1 }]]);
    expect(b.mock.calls).toEqual([
      ['ping', { n: 1 }],
      ['ping', { n: 2 }],
    ]);
  });

  it('drops payloads that fail the schema', () => {
    const log = vi.fn();
    const hub = new EventHub(contract, log);
    const sink = vi.fn();
    hub.subscribe(sink);
    // @ts-expect-error -- wrong payload type
    expect(hub.emit('ping', { n: 'x' })).toBe(false);
    expect(sink).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledOnce();
  });

  it('keeps delivering when one sink throws', () => {
    const hub = new EventHub(contract, () => undefined);
    const good = vi.fn();
    hub.subscribe(() => {
      throw new Error('window closed');
    });
    hub.subscribe(good);
    hub.emit('ping', { n: 3 });
    expect(good).toHaveBeenCalledOnce();
  });
});
