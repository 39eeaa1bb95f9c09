import { DirectoryDisplayName, DirectoryKind } from '@pediledger/domain';
import { z } from 'zod';

// Arguments of the directory entries, with the domain's schemas.

/** `directory:list`: one kind, pediatricians (Hospital) or schools. */
export const directoryListArgsSchema = z.strictObject({ kind: DirectoryKind });

/** `directory:publish`: the name parents will pick from (the user's field: INVALID_INPUT when the rules refuse it). */
export const directoryPublishArgsSchema = z.strictObject({ displayName: DirectoryDisplayName });
