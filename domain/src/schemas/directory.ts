import { z } from 'zod';
import { id, isoDateTime, LIMITS, text } from './primitives.ts';

/** What a directory entry names: a pediatrician (by uid) or a school (by schoolId). */
export const DirectoryKind = z.enum(['pediatrician', 'school']);
export type DirectoryKind = z.infer<typeof DirectoryKind>;

/** PublishDirectoryEntry's argument: the name parents pick from, e.g. "Dr Alice Moreau" or "Oak Primary School". */
export const DirectoryDisplayName = text(LIMITS.directoryNameLength);

const entryFields = {
  id,
  displayName: DirectoryDisplayName,
  updatedAt: isoDateTime,
  /** The uid of the last publisher (for a school, one of its admins). */
  updatedBy: id,
};

/**
 * A public directory entry on the report channel. The `id` comes from the publisher's certificate (the
 * pediatrician's uid, the school admin's schoolId), never from an argument.
 */
export const DirectoryEntry = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pediatrician'), org: z.literal('hospital'), ...entryFields }),
  z.strictObject({ kind: z.literal('school'), org: z.literal('school'), ...entryFields }),
]);
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The directory's order: display name (case-insensitive, then exact), then id. Plain code-unit comparisons, not
 * `localeCompare`, so the order does not depend on the peer's (or the app's) ICU data.
 */
export function compareDirectoryEntries(a: DirectoryEntry, b: DirectoryEntry): number {
  return (
    order(a.displayName.toLowerCase(), b.displayName.toLowerCase()) ||
    order(a.displayName, b.displayName) ||
    order(a.id, b.id)
  );
}
