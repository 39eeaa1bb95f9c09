// The order record lists show: the record whose last change is newest first (ISO timestamps compare as strings).

interface Changed {
  readonly changes: readonly { readonly at: string }[];
}

/** Comparator for `toSorted`: newest last change first; a record without changes sorts last. */
export function latestChangeFirst(a: Changed, b: Changed): number {
  return (b.changes.at(-1)?.at ?? '').localeCompare(a.changes.at(-1)?.at ?? '');
}
