// Mounts a component with the app's plugins (Pinia, vue-i18n, Vuetify) in happy-dom.
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import { i18n } from '../plugins/i18n.ts';
import { vuetify } from '../plugins/vuetify.ts';

/** Mounts `component` with `props`; the wrapper is typed loosely (tests query the DOM, not the instance). */
export function mountWithApp(component: Component, props: Record<string, unknown> = {}): VueWrapper {
  const pinia = createPinia();
  setActivePinia(pinia);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- test-utils types a generic component's wrapper as any
  const wrapper: VueWrapper = mount(component, { props, global: { plugins: [pinia, i18n, vuetify] } });
  return wrapper;
}
