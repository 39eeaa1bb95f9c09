// The gateway connection (`connection:state` entry and event). Writes are allowed only while connected.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EventPayload } from '../../../shared/ipc/api.ts';
import { AppError, request } from '../lib/ipc.ts';
import { errorCodes } from '@pediledger/domain';

export type ConnectionState = EventPayload<'connection:state'>;

export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>({ status: 'disconnected' });
  let unsubscribe: (() => void) | null = null;

  const status = computed(() => state.value.status);
  /** Writes need a peer that answers. */
  const writable = computed(() => state.value.status === 'connected');

  /** Reads the current state and follows its changes. */
  async function start(): Promise<void> {
    unsubscribe ??= window.api.on('connection:state', (payload) => {
      state.value = payload;
    });
    try {
      state.value = await request(() => window.api['connection:state']());
    } catch {
      // Not wired yet (NOT_IMPLEMENTED) or no bridge: the indicator keeps "disconnected".
    }
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  /** Throws an `OFFLINE` error (which the UI explains) unless a write can be sent now. */
  function assertWritable(): void {
    if (!writable.value) {
      throw new AppError({
        code: errorCodes.offline,
        message: 'Not connected to the network: nothing was sent. Try again when the connection is back.',
      });
    }
  }

  return { state, status, writable, start, stop, assertWritable };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useConnectionStore, import.meta.hot));
