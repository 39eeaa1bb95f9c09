import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Node folders live under the network data dir; point it at a scratch folder before the modules read it.
const scratch = mkdtempSync(path.join(tmpdir(), 'pediledger-processes-'));
process.env['PEDILEDGER_NETWORK_DATA'] = scratch;
const { isAlive, NodeStartError, readPid, startNode, stopNode, waitUntil } = await import('./processes.ts');

describe('node processes', () => {
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('names a node that dies during start-up and shows the tail of its log', async () => {
    await startNode({
      name: 'peer0.broken',
      command: 'bash',
      args: ['-c', 'echo "panic: cannot open ledger" >&2; exit 3'],
      env: {},
      ports: [],
    });
    const waiting = waitUntil(() => Promise.resolve(false), { name: 'peer0.broken', timeoutMs: 10_000 });
    await expect(waiting).rejects.toBeInstanceOf(NodeStartError);
    await expect(waiting).rejects.toThrow(/peer0\.broken exited during start-up[\s\S]*panic: cannot open ledger/);
  });

  it('stops a node by its pid, leaving no process behind', async () => {
    const pid = await startNode({ name: 'orderer.sleepy', command: 'sleep', args: ['60'], env: {}, ports: [] });
    expect(isAlive(pid)).toBe(true);
    expect(await stopNode('orderer.sleepy')).toBe(true);
    expect(isAlive(pid)).toBe(false);
    expect(readPid('orderer.sleepy')).toBeNull();
  });
});
