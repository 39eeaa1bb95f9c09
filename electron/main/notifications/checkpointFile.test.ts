// The notification checkpoint file: fabric-gateway's format and semantics, written so a crash cannot tear it, and a
// torn or foreign file reported and moved aside rather than read as "no checkpoint" or failing every start.
import { checkpointers, type ChaincodeEvent, type Checkpointer } from '@hyperledger/fabric-gateway';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCheckpointFile, type UnreadableCheckpointError } from './checkpointFile.ts';

const txId = 'f'.repeat(64);
const event: ChaincodeEvent = {
  blockNumber: 41n,
  transactionId: txId,
  chaincodeName: 'medical',
  eventName: 'Notice',
  payload: new Uint8Array(),
};

let dir: string;
let file: string;
let unreadable: UnreadableCheckpointError[];
const open = (): Promise<Checkpointer> => openCheckpointFile(file, (error) => unreadable.push(error));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pediledger-checkpoint-'));
  file = path.join(dir, 'carla-medical.json');
  unreadable = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openCheckpointFile', () => {
  it('starts empty without a file, and resumes where it was after a restart', async () => {
    const first = await open();
    expect([first.getBlockNumber(), first.getTransactionId()]).toEqual([undefined, undefined]);
    await first.checkpointChaincodeEvent(event);
    const again = await open();
    expect([again.getBlockNumber(), again.getTransactionId()]).toEqual([41n, txId]);
    await again.checkpointBlock(41n);
    const afterBlock = await open();
    expect([afterBlock.getBlockNumber(), afterBlock.getTransactionId()]).toEqual([42n, undefined]);
    expect(unreadable).toEqual([]);
    // Only the checkpoint itself is left: no temporary file.
    expect(await readdir(dir)).toEqual(['carla-medical.json']);
  });

  it('reads and writes what fabric-gateway’s own file checkpointer does', async () => {
    const theirs = await checkpointers.file(file);
    await theirs.checkpointChaincodeEvent(event);
    const ours = await open();
    expect([ours.getBlockNumber(), ours.getTransactionId()]).toEqual([41n, txId]);
    await ours.checkpointBlock(50n);
    const theirsAgain = await checkpointers.file(file);
    expect([theirsAgain.getBlockNumber(), theirsAgain.getTransactionId()]).toEqual([51n, undefined]);
    await theirsAgain.checkpointBlock(0n);
    const fromZero = await open();
    expect([fromZero.getBlockNumber(), fromZero.getTransactionId()]).toEqual([1n, undefined]);
  });

  it.each([
    ['an empty file (an in-place write cut short)', ''],
    ['half a JSON text', '{"blockNumber":"4'],
    ['a block number that is not one', '{"blockNumber":"four"}'],
    ['JSON of another shape', '[1,2]'],
  ])('reports %s, moves it aside and starts empty', async (_, content) => {
    await writeFile(file, content);
    const checkpointer = await open();
    expect([checkpointer.getBlockNumber(), checkpointer.getTransactionId()]).toEqual([undefined, undefined]);
    expect(unreadable).toHaveLength(1);
    const [report] = unreadable;
    expect(report?.file).toBe(file);
    expect(await readFile(report?.movedTo ?? '', 'utf8')).toBe(content);
    await checkpointer.checkpointChaincodeEvent(event);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ blockNumber: '41', transactionId: txId });
  });
});
