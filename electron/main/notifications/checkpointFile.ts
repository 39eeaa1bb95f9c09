// Where a channel's notification listening resumes, kept in a file that a crash cannot tear. fabric-gateway's own
// file checkpointer rewrites its file in place (truncate, then write): an app killed in between leaves an empty file,
// which it reads as "no checkpoint" (listening starts from now, and what happened while the app was closed is never
// notified), or half a JSON text, which it cannot read at all. This one keeps fabric-gateway's checkpoint logic
// (its in-memory checkpointer) and file format, and replaces the file atomically.
import { checkpointers, type ChaincodeEvent, type Checkpointer } from '@hyperledger/fabric-gateway';
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomically } from '../util/atomicWrite.ts';

/** The file's content, as fabric-gateway's file checkpointer writes it (so files it wrote are read as they were). */
const CheckpointState = z.object({
  blockNumber: z.string().regex(/^\d+$/).optional(),
  transactionId: z.string().optional(),
});

/** A file that held no readable checkpoint: it is moved aside to `movedTo`, and listening starts from now. */
export class UnreadableCheckpointError extends Error {
  override name = 'UnreadableCheckpointError';
  /** The checkpoint file that could not be read. */
  readonly file: string;
  /** Where its content was moved, kept for support. */
  readonly movedTo: string;

  constructor(file: string, movedTo: string, options: { cause: unknown }) {
    super(`The notification checkpoint ${file} could not be read; it was moved to ${movedTo}`, options);
    this.file = file;
    this.movedTo = movedTo;
  }
}

/**
 * A checkpointer persisted in `file` (created on the first checkpoint; owner-only). A file that cannot be read as a
 * checkpoint is moved aside and reported through `onUnreadable`; the checkpointer then starts empty (from now).
 * @throws the file system's error when the file exists but cannot be read or moved at all.
 */
export async function openCheckpointFile(
  file: string,
  onUnreadable: (error: UnreadableCheckpointError) => void,
): Promise<Checkpointer> {
  const memory = checkpointers.inMemory();
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    try {
      const state = CheckpointState.parse(JSON.parse(text));
      if (state.blockNumber !== undefined) {
        if (state.transactionId === undefined) await memory.checkpointBlock(BigInt(state.blockNumber) - 1n);
        else await memory.checkpointTransaction(BigInt(state.blockNumber), state.transactionId);
      }
    } catch (cause) {
      const movedTo = `${file}.unreadable-${Date.now().toString()}`;
      await rename(file, movedTo);
      onUnreadable(new UnreadableCheckpointError(file, movedTo, { cause }));
    }
  }
  const save = (): Promise<void> =>
    writeFileAtomically(
      file,
      JSON.stringify({ blockNumber: memory.getBlockNumber()?.toString(), transactionId: memory.getTransactionId() }),
    );
  return {
    getBlockNumber: () => memory.getBlockNumber(),
    getTransactionId: () => memory.getTransactionId(),
    async checkpointBlock(blockNumber: bigint): Promise<void> {
      await memory.checkpointBlock(blockNumber);
      await save();
    },
    async checkpointTransaction(blockNumber: bigint, transactionId: string): Promise<void> {
      await memory.checkpointTransaction(blockNumber, transactionId);
      await save();
    },
    async checkpointChaincodeEvent(event: ChaincodeEvent): Promise<void> {
      await memory.checkpointChaincodeEvent(event);
      await save();
    },
  };
}
