import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readyBatches } from './batches.ts';

/** Yields `groups`, each group's items back to back, with a real wait (like the network) between groups. */
async function* arriving<T>(groups: T[][], failAfter = false): AsyncGenerator<T> {
  for (const group of groups) {
    await sleep(5);
    for (const item of group) yield item;
  }
  if (failAfter) throw new Error('stream broke');
}

async function collect<T>(source: AsyncIterable<T[]>): Promise<T[][]> {
  const batches: T[][] = [];
  for await (const batch of source) batches.push(batch);
  return batches;
}

describe('readyBatches', () => {
  it('batches what arrives together, in order, and splits full batches', async () => {
    const groups = [[1, 2, 3], [4], [5, 6, 7, 8, 9]];
    expect(await collect(readyBatches(arriving(groups), 100))).toEqual(groups);
    expect(await collect(readyBatches(arriving(groups), 2))).toEqual([[1, 2], [3], [4], [5, 6], [7, 8], [9]]);
  });

  it('yields the batch before a failure, then throws it', async () => {
    const seen: number[][] = [];
    await expect(
      (async () => {
        for await (const batch of readyBatches(arriving([[1, 2]], true), 100)) seen.push(batch);
      })(),
    ).rejects.toThrow('stream broke');
    expect(seen.flat()).toEqual([1, 2]);
  });

  it('stops when the consumer stops, without waiting for the read that is out, and closes the source after it', async () => {
    let closed = false;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* source(): AsyncGenerator<number> {
      try {
        yield 1;
        await sleep(5);
        yield 2;
        await gate; // the network, which has nothing more yet
        yield 3;
      } finally {
        closed = true;
      }
    }
    for await (const batch of readyBatches(source(), 10)) {
      if (batch.includes(2)) break;
    }
    // Reaching this line at all is the point: waiting for the gate would never end.
    expect(closed).toBe(false);
    release();
    await expect.poll(() => closed, { timeout: 10_000, interval: 10 }).toBe(true);
  });
});
