import { DirectoryKind } from '@pediledger/domain';
import { z } from 'zod';

// Arguments of the directory entries. The kind is the domain's; the display name is validated once in main with the
// domain's DirectoryDisplayName (INVALID_INPUT naming the field), and this only bounds what may cross IPC.

/** `directory:list`: one kind, pediatricians (Hospital) or schools. */
export const directoryListArgsSchema = z.strictObject({ kind: DirectoryKind });

/** `directory:publish`: the name parents will pick from (1–80 characters, checked in main). */
export const directoryPublishArgsSchema = z.strictObject({ displayName: z.string().max(200) });
