// One child's medical card and its ledger history, and the five kinds of entry a pediatrician records.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { ArgsOf } from '../../../../shared/ipc/api.ts';
import type { CardEntryRecord, MedicalCardRecord } from '../../domain/records.ts';
import { request } from '../../lib/ipc.ts';
import { useLoadable } from '../../lib/loadable.ts';
import { submitWrite } from '../../lib/write.ts';
import { newEntryId, withEntry, type CardEntryKind } from './card-entries.ts';

export const useCardStore = defineStore('card', () => {
  /** The child whose card is loaded. */
  const childId = ref<string | null>(null);
  const card = useLoadable<MedicalCardRecord | null>(() => null);
  /** The card's entries loaded so far, newest first (the history comes a page at a time). */
  const history = useLoadable<CardEntryRecord[]>(() => []);
  /** Where the next history page starts: null before the first page, '' once the oldest entry is loaded. */
  const historyBookmark = ref<string | null>(null);

  /** Loads the card of `id` (and forgets another child's). */
  async function load(id: string): Promise<void> {
    if (childId.value !== id) {
      card.reset();
      history.reset();
      historyBookmark.value = null;
      childId.value = id;
    }
    // The card and its entries come typed by the contract (the domain's schemas, parsed once in main).
    await card.run(() => request(() => window.api['card:read']({ childId: id })));
  }

  async function historyPage(id: string, bookmark: string | null): Promise<CardEntryRecord[]> {
    const page = await request(() =>
      window.api['card:history']({ childId: id, ...(bookmark === null ? {} : { bookmark }) }),
    );
    historyBookmark.value = page.bookmark;
    return page.items;
  }

  /** Loads the newest page of the card's history (again, if it was loaded). */
  async function loadHistory(id: string): Promise<void> {
    if (childId.value !== id) await load(id);
    await history.run(() => historyPage(id, null));
  }

  /** Appends the next (older) page of the history; nothing once the oldest entry is loaded. */
  async function loadMoreHistory(): Promise<void> {
    const id = childId.value;
    const bookmark = historyBookmark.value;
    if (id === null || bookmark === null || bookmark === '' || history.loading.value) return;
    const loaded = history.data.value;
    await history.run(async () => [...loaded, ...(await historyPage(id, bookmark))]);
  }

  /**
   * Records one entry under `entryId` (the form keeps one id while its content stays the same, so repeating a write
   * whose outcome was lost records it once). The committed entry joins the shown card and history. Returns the
   * transaction id.
   */
  async function record(
    kind: CardEntryKind,
    id: string,
    entry: Record<string, string | number>,
    entryId: string = newEntryId(),
  ): Promise<string> {
    // The form's fields are checked in main against the domain schema of `kind` (INVALID_INPUT naming the field), so
    // the pairing of kind and fields is left to that check rather than spelled out here.
    const args = { kind, childId: id, entryId, entry } as ArgsOf<'card:recordEntry'>;
    const committed = await submitWrite(() => window.api['card:recordEntry'](args));
    const written = committed.value;
    if (childId.value === id) {
      if (card.data.value !== null) card.data.value = withEntry(card.data.value, written);
      if (history.loaded.value) {
        history.data.value = [written, ...history.data.value.filter((e) => e.entryId !== written.entryId)];
      }
    }
    return committed.txId;
  }

  function reset(): void {
    childId.value = null;
    card.reset();
    history.reset();
    historyBookmark.value = null;
  }

  return {
    childId,
    card: card.data,
    loading: card.loading,
    error: card.error,
    history: history.data,
    historyLoading: history.loading,
    historyError: history.error,
    historyBookmark,
    load,
    loadHistory,
    loadMoreHistory,
    record,
    reset,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCardStore, import.meta.hot));
