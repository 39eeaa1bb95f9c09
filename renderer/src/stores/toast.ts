// Short confirmations ("Measurement recorded") shown in one snackbar.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly color: 'success' | 'info' | 'warning' | 'error';
}

export const useToastStore = defineStore('toast', () => {
  const current = ref<Toast | null>(null);
  let next = 1;

  function show(text: string, color: Toast['color'] = 'info'): void {
    current.value = { id: next++, text, color };
  }

  function dismiss(): void {
    current.value = null;
  }

  return { current, show, dismiss };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useToastStore, import.meta.hot));
