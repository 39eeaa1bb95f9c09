// The directory (chaincode `report/directory.ts`, IPC `directory:*`): pediatricians and schools publish the name
// others pick them by. The workflow steps and their IPC handlers.
import { z } from 'zod';
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { ChaincodeAggregate } from './chaincodeAggregate.ts';
import { DirectoryEntry, type DirectoryKind, type ReportSubmission } from './schemas.ts';
import type { AggregateChannel, CurrentWorkflow } from './workflow.ts';

/**
 * The directory transactions of the `report` chaincode. Publishing and withdrawing overwrite the caller's own entry,
 * so a retry after an MVCC conflict needs no reconciliation.
 */
export class Directory extends ChaincodeAggregate<ReportSubmission> {
  /**
   * Lists the caller in the directory: a pediatrician as themself, a school admin as their school (the chaincode
   * takes both from the certificate). Publishing again renames the entry.
   */
  async publishDirectoryEntry(displayName: string): Promise<Committed<DirectoryEntry>> {
    return this.chaincode.submit('PublishDirectoryEntry', [displayName], DirectoryEntry);
  }

  /** Removes the caller's own directory entry (a school admin removes their school's); returns the removed entry. */
  async withdrawDirectoryEntry(): Promise<Committed<DirectoryEntry>> {
    return this.chaincode.submit('WithdrawDirectoryEntry', [], DirectoryEntry);
  }

  /** The caller's own directory entry (a school admin's: their school's), or null while none is published. */
  async readMyDirectoryEntry(): Promise<DirectoryEntry | null> {
    return this.chaincode.evaluate('ReadMyDirectoryEntry', [], DirectoryEntry.nullable());
  }

  /** Every directory entry of `kind`, sorted by display name then id. */
  async listDirectory(kind: DirectoryKind): Promise<DirectoryEntry[]> {
    return this.chaincode.evaluate('ListDirectory', [kind], z.array(DirectoryEntry));
  }
}

/** The IPC entries of the directory. */
export type DirectoryChannel = AggregateChannel<'directory'>;

/** The handlers of {@link DirectoryChannel}, over the active identity's workflow. */
export function directoryHandlers(workflow: CurrentWorkflow): Pick<Handlers, DirectoryChannel> {
  const directory = (): Directory => workflow().directory;
  return {
    'directory:list': ({ kind }) => directory().listDirectory(kind),
    'directory:readMine': () => directory().readMyDirectoryEntry(),
    'directory:publish': ({ displayName }) => directory().publishDirectoryEntry(displayName),
    'directory:withdraw': () => directory().withdrawDirectoryEntry(),
  };
}
