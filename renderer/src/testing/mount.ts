// Mounts a component with the app's plugins (Pinia, vue-i18n, Vuetify) in happy-dom.
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component, Plugin } from 'vue';
import { i18n } from '../plugins/i18n.ts';
import { vuetify } from '../plugins/vuetify.ts';

export interface MountOptions {
  /** Slot content as render functions (a scoped slot's function gets the slot's props). */
  slots?: Record<string, (scope: never) => unknown>;
  /** Attach to the document: needed for dialogs and menus, whose content Vuetify teleports to the body. */
  attach?: boolean;
  /** More plugins, e.g. a memory router for components that navigate. */
  plugins?: Plugin[];
  /** Components replaced by stubs, e.g. `{ Echarts: true }` (ECharts needs a real canvas, which happy-dom lacks). */
  stubs?: Record<string, boolean>;
}

/** Mounts `component` with `props`; the wrapper is typed loosely (tests query the DOM, not the instance). */
export function mountWithApp(
  // A generic `<script setup generic>` component is a function vue-tsc types apart from `Component`.
  component: Component | ((props: never, context: never) => unknown),
  props: Record<string, unknown> = {},
  { slots, attach = false, plugins = [], stubs = {} }: MountOptions = {},
): VueWrapper {
  // happy-dom has no `visualViewport`, which Vuetify's overlays (dialogs, menus) read as a bare global.
  if (attach && !('visualViewport' in globalThis)) {
    Object.defineProperty(globalThis, 'visualViewport', { value: null, configurable: true });
  }
  const pinia = createPinia();
  setActivePinia(pinia);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- test-utils types a generic component's wrapper as any
  const wrapper: VueWrapper = mount(component, {
    props,
    slots,
    ...(attach ? { attachTo: document.body } : {}),
    global: { plugins: [pinia, i18n, vuetify, ...plugins], stubs },
  });
  return wrapper;
}
