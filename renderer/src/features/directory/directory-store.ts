// The directory on the report channel: pediatricians and schools listed under a display name, so a parent can pick
// "Dr Alice Moreau (ped-alice)" instead of typing the id. Pediatricians and school admins publish their own entry.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed } from 'vue';
import { compareDirectoryEntries } from '@pediledger/domain';
import type { DirectoryEntryRecord, DirectoryKind } from '../../domain/records.ts';
import { request } from '../../lib/ipc.ts';
import { useLoadable } from '../../lib/loadable.ts';
import { submitWrite } from '../../lib/write.ts';

/** One choice of a picker: the id is the value, "Display name (id)" what the user reads. */
export interface DirectoryOption {
  value: string;
  title: string;
}

/** How an entry reads in a picker. */
export function directoryTitle(entry: Pick<DirectoryEntryRecord, 'displayName' | 'id'>): string {
  return `${entry.displayName} (${entry.id})`;
}

export const useDirectoryStore = defineStore('directory', () => {
  const lists: Record<DirectoryKind, ReturnType<typeof useLoadable<DirectoryEntryRecord[]>>> = {
    pediatrician: useLoadable<DirectoryEntryRecord[]>(() => []),
    school: useLoadable<DirectoryEntryRecord[]>(() => []),
  };

  /** The caller's own entry (null while none is published), from `loadMine`, `publish` and `withdraw`. */
  const own = useLoadable<DirectoryEntryRecord | null>(() => null);
  const mine = computed(() => own.data.value);

  const pediatricians = computed(() => lists.pediatrician.data.value);
  const schools = computed(() => lists.school.data.value);
  const loaded = computed(() => lists.pediatrician.loaded.value && lists.school.loaded.value);
  const loading = computed(() => lists.pediatrician.loading.value || lists.school.loading.value);
  const error = computed(() => lists.pediatrician.error.value ?? lists.school.error.value);

  /** Loads the entries of one kind. */
  async function loadKind(kind: DirectoryKind): Promise<void> {
    await lists[kind].run(() => request(() => window.api['directory:list']({ kind })));
  }

  /** Loads both kinds. */
  async function load(): Promise<void> {
    await Promise.all([loadKind('pediatrician'), loadKind('school')]);
  }

  /** Loads both kinds once, for screens that only show names (several may ask at the same time). */
  function ensureLoaded(): void {
    if (!loaded.value && !loading.value) void load();
  }

  function entries(kind: DirectoryKind): DirectoryEntryRecord[] {
    return lists[kind].data.value;
  }

  /** The entry of `kind` with `id`, if listed. */
  function entryOf(kind: DirectoryKind, id: string): DirectoryEntryRecord | undefined {
    return entries(kind).find((entry) => entry.id === id);
  }

  /** The picker choices of `kind`, in directory order. */
  function options(kind: DirectoryKind): DirectoryOption[] {
    return entries(kind).map((entry) => ({ value: entry.id, title: directoryTitle(entry) }));
  }

  /** "Display name (id)" for a listed id, the bare id otherwise. */
  function titleOf(kind: DirectoryKind, id: string): string {
    const entry = entryOf(kind, id);
    return entry === undefined ? id : directoryTitle(entry);
  }

  function replace(entry: DirectoryEntryRecord, keep: boolean): void {
    const others = entries(entry.kind).filter((known) => known.id !== entry.id);
    lists[entry.kind].data.value = (keep ? [...others, entry] : others).sort(compareDirectoryEntries);
  }

  /** Loads the caller's own entry (a pediatrician's, a school admin's school's) alone, without listing its kind. */
  async function loadMine(): Promise<void> {
    await own.run(() => request(() => window.api['directory:readMine']()));
  }

  /** Lists the caller (a pediatrician as themself, a school admin as their school); again to rename. */
  async function publish(displayName: string): Promise<DirectoryEntryRecord> {
    const { value: entry } = await submitWrite(() => window.api['directory:publish']({ displayName }));
    replace(entry, true);
    own.data.value = entry;
    return entry;
  }

  /** Removes the caller's own entry. */
  async function withdraw(): Promise<DirectoryEntryRecord> {
    const { value: entry } = await submitWrite(() => window.api['directory:withdraw']());
    replace(entry, false);
    own.data.value = null;
    return entry;
  }

  function reset(): void {
    lists.pediatrician.reset();
    lists.school.reset();
    own.reset();
  }

  return {
    pediatricians,
    schools,
    mine,
    loaded,
    loading,
    error,
    load,
    ensureLoaded,
    loadKind,
    loadMine,
    entryOf,
    options,
    titleOf,
    publish,
    withdraw,
    reset,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDirectoryStore, import.meta.hot));
