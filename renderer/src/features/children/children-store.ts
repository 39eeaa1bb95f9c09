// A parent's children, or a pediatrician's patients (children under an active agreement).
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed } from 'vue';
import type { ChildRecord } from '../../domain/records.ts';
import { request } from '../../lib/ipc.ts';
import { useLoadable } from '../../lib/loadable.ts';
import { submitWrite } from '../../lib/write.ts';

/** "Given Family", for lists and headings. */
export function childName(child: Pick<ChildRecord, 'givenName' | 'familyName'>): string {
  return `${child.givenName} ${child.familyName}`;
}

export const useChildrenStore = defineStore('children', () => {
  const list = useLoadable<ChildRecord[]>(() => []);

  const byId = computed(() => new Map(list.data.value.map((child) => [child.childId, child])));

  /** The child's name, or its id while the list is loading or when the child is no longer among the user's. */
  function labelOf(childId: string): string {
    const child = byId.value.get(childId);
    return child === undefined ? childId : childName(child);
  }

  async function load(): Promise<void> {
    await list.run(() => request(() => window.api['children:listMine']()));
  }

  /** A guardian adds the child's second guardian. */
  async function addGuardian(childId: string, guardianUid: string): Promise<string> {
    const committed = await submitWrite(() => window.api['child:addGuardian']({ childId, guardianUid }));
    await load();
    return committed.txId;
  }

  /** The pediatrician records (or corrects) the child's gestational age at birth. */
  async function setGestationalAge(childId: string, gestationalAge: { weeks: number; days: number }): Promise<string> {
    const committed = await submitWrite(() => window.api['child:setGestationalAge']({ childId, gestationalAge }));
    await load();
    return committed.txId;
  }

  return {
    items: list.data,
    loading: list.loading,
    loaded: list.loaded,
    error: list.error,
    byId,
    labelOf,
    load,
    addGuardian,
    setGestationalAge,
    reset: list.reset,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useChildrenStore, import.meta.hot));
