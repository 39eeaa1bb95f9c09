// People read names, not ids: a screen that shows a pediatrician or a school shows it as the directory lists it (the id
// stays beside it where the ledger's id matters). The directory loads once per identity; this asks for it when the
// screen mounts.
import { onMounted } from 'vue';
import { useDirectoryStore } from '../features/directory/directory-store.ts';

/** The directory store, loaded (once per identity) when the calling component mounts. */
export function useDirectory(): ReturnType<typeof useDirectoryStore> {
  const directory = useDirectoryStore();
  onMounted(() => {
    directory.ensureLoaded();
  });
  return directory;
}
