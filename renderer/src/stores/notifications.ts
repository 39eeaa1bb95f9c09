// The in-app notification center, fed by main's `notification` events.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EventPayload } from '../../../shared/ipc/api.ts';
import { request } from '../lib/ipc.ts';

export type AppNotification = EventPayload<'notification'> & { read: boolean };

/** At most this many notifications are kept (oldest dropped). */
export const notificationLimit = 200;

export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<AppNotification[]>([]);
  /** The newest notification, for the snackbar. */
  const latest = ref<AppNotification | null>(null);
  let unsubscribe: (() => void) | null = null;

  const unread = computed(() => items.value.filter((item) => !item.read).length);

  /** Unread notifications per `kind`, for navigation badges. */
  const unreadByKind = computed(() => {
    const counts: Record<string, number> = {};
    for (const item of items.value) {
      if (!item.read) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
    }
    return counts;
  });

  function add(payload: EventPayload<'notification'>, { announce = true } = {}): void {
    if (items.value.some((item) => item.id === payload.id)) return;
    const item = { ...payload, read: false };
    items.value = [item, ...items.value].slice(0, notificationLimit);
    // Catching up on missed notices fills the list and badges without a snackbar for each.
    if (announce) latest.value = item;
  }

  /** Follows main's notifications. */
  function start(): void {
    unsubscribe ??= window.api.on('notification', (payload) => {
      add(payload);
    });
  }

  /**
   * Adds the active identity's notifications that main sent before this page listened (the app started streaming
   * before the window loaded, the page was reloaded, the app was locked).
   */
  async function catchUp(): Promise<void> {
    try {
      for (const missed of await request(() => window.api['notifications:recent']())) add(missed, { announce: false });
    } catch {
      // Locked or not connected: live events still arrive, and the next catch-up (after unlocking) fills the gap.
    }
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  function markRead(id: string): void {
    const item = items.value.find((candidate) => candidate.id === id);
    if (item !== undefined) item.read = true;
  }

  function markAllRead(): void {
    for (const item of items.value) item.read = true;
  }

  function clear(): void {
    items.value = [];
  }

  return { items, latest, unread, unreadByKind, add, start, stop, catchUp, markRead, markAllRead, clear };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNotificationsStore, import.meta.hot));
