import { z } from 'zod';

// Arguments of the directory entries. The chaincode's schemas (DirectoryKind, DirectoryDisplayName) check them again
// in main before anything is signed; these only bound what may cross IPC. Results are ledger records (see workflow.ts).

/** Which list: pediatricians (Hospital) or schools. */
export const directoryKindSchema = z.enum(['pediatrician', 'school']);

/** `directory:list`: one kind. */
export const directoryListArgsSchema = z.strictObject({ kind: directoryKindSchema });

/** `directory:publish`: the name parents will pick from (1–80 characters, checked in main). */
export const directoryPublishArgsSchema = z.strictObject({ displayName: z.string().max(200) });
