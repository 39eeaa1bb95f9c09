// Progress of the transactions this window submitted (`tx:progress` events): endorsed → submitted → committed.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EventPayload } from '../../../shared/ipc/api.ts';

export type TxProgress = EventPayload<'tx:progress'>;
export type TxStage = TxProgress['stage'];

/** One transaction as the indicator shows it. */
export interface TrackedTransaction {
  readonly txId: string;
  readonly channel: string;
  readonly transaction: string | undefined;
  stage: TxStage;
  attempt: number;
  error: TxProgress['error'];
  updatedAt: number;
}

/** The three steps the indicator shows, and how far each stage has come. */
export const txSteps = ['endorsed', 'submitted', 'committed'] as const;
const stageOrder: Record<TxStage, number> = {
  endorsing: 0,
  endorsed: 1,
  submitting: 1,
  submitted: 2,
  committing: 2,
  // Submitted, and no peer could confirm it yet: main keeps checking and sends `committed` or `failed` later.
  unconfirmed: 2,
  committed: 3,
  failed: -1,
};

/** How many of {@link txSteps} a stage has completed (0–3), or -1 when it failed. */
export function completedSteps(stage: TxStage): number {
  return stageOrder[stage];
}

/** Finished transactions stay listed this long. */
export const settledRetentionMs = 8_000;

export const useTransactionsStore = defineStore('transactions', () => {
  const byId = ref<Record<string, TrackedTransaction>>({});
  /** The last transaction whose outcome became known after it was shown as unconfirmed (for a notice and a reload). */
  const resolved = ref<TrackedTransaction | null>(null);
  let unsubscribe: (() => void) | null = null;

  const all = computed(() => Object.values(byId.value).sort((a, b) => b.updatedAt - a.updatedAt));
  const pending = computed(() => all.value.filter((tx) => tx.stage !== 'committed' && tx.stage !== 'failed'));
  /** The transaction the app bar shows: the newest one. */
  const current = computed(() => all.value[0] ?? null);

  function track(progress: TxProgress, now: number = Date.now()): void {
    const known = byId.value[progress.txId];
    // A late event for an earlier stage (events may interleave with a retry) never moves the indicator back.
    if (known !== undefined && progress.stage !== 'failed' && stageOrder[progress.stage] < stageOrder[known.stage]) {
      return;
    }
    byId.value[progress.txId] = {
      txId: progress.txId,
      channel: progress.channel,
      transaction: progress.transaction ?? known?.transaction,
      stage: progress.stage,
      attempt: progress.attempt ?? known?.attempt ?? 1,
      error: progress.error,
      updatedAt: now,
    };
    if (known?.stage === 'unconfirmed' && (progress.stage === 'committed' || progress.stage === 'failed')) {
      resolved.value = byId.value[progress.txId] ?? null;
    }
    prune(now);
  }

  /** Drops settled transactions older than {@link settledRetentionMs}. */
  function prune(now: number = Date.now()): void {
    const kept = Object.values(byId.value).filter(
      (tx) => !((tx.stage === 'committed' || tx.stage === 'failed') && now - tx.updatedAt > settledRetentionMs),
    );
    if (kept.length !== Object.keys(byId.value).length)
      byId.value = Object.fromEntries(kept.map((tx) => [tx.txId, tx]));
  }

  function start(): void {
    unsubscribe ??= window.api.on('tx:progress', (payload) => {
      track(payload);
    });
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  return { byId, all, pending, current, resolved, track, prune, start, stop };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useTransactionsStore, import.meta.hot));
