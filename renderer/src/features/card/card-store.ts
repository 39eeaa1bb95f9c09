// One child's medical card and its ledger history, and the five kinds of entry a pediatrician records.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import {
  MedicalCard,
  MedicalCardVersion,
  parseRecord,
  parseRecords,
  type MedicalCardRecord,
} from '../../domain/records.ts';
import { request } from '../../lib/ipc.ts';
import { useLoadable } from '../../lib/loadable.ts';
import { submitWrite } from '../../lib/write.ts';
import { cardEntries, type CardEntryKind } from './card-entries.ts';

export const useCardStore = defineStore('card', () => {
  /** The child whose card is loaded. */
  const childId = ref<string | null>(null);
  const card = useLoadable<MedicalCardRecord | null>(() => null);
  const history = useLoadable<MedicalCardVersion[]>(() => []);

  /** Loads the card of `id` (and forgets another child's). */
  async function load(id: string): Promise<void> {
    if (childId.value !== id) {
      card.reset();
      history.reset();
      childId.value = id;
    }
    await card.run(async () =>
      parseRecord(MedicalCard, await request(() => window.api['card:read']({ childId: id })), 'medical card'),
    );
  }

  /** Loads every version of the card, oldest first. */
  async function loadHistory(id: string): Promise<void> {
    if (childId.value !== id) await load(id);
    await history.run(async () =>
      parseRecords(
        MedicalCardVersion,
        await request(() => window.api['card:history']({ childId: id })),
        'card version',
      ),
    );
  }

  /** Records one entry; the committed card replaces the shown one. Returns the transaction id. */
  async function record(kind: CardEntryKind, id: string, entry: Record<string, string | number>): Promise<string> {
    const { channel } = cardEntries[kind];
    const committed = await submitWrite(() => window.api[channel]({ childId: id, entry }));
    const updated = parseRecord(MedicalCard, committed.value, 'medical card');
    if (childId.value === id) card.data.value = updated;
    if (history.loaded.value && childId.value === id) void loadHistory(id);
    return committed.txId;
  }

  function reset(): void {
    childId.value = null;
    card.reset();
    history.reset();
  }

  return {
    childId,
    card: card.data,
    loading: card.loading,
    error: card.error,
    history: history.data,
    historyLoading: history.loading,
    historyError: history.error,
    load,
    loadHistory,
    record,
    reset,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useCardStore, import.meta.hot));
