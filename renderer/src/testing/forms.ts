// What the dialog and form tests share: mounting a dialog open (teleported to the body, online, cleaned up after the
// test), typing into a field and picking an option by its data-testid, submitting a form and reading the validation
// messages Vuetify shows. Each waits with `settle()`, so Vuetify's awaited rules and transitions have run.
import type { VueWrapper } from '@vue/test-utils';
import { onTestFinished } from 'vitest';
import type { Component, Plugin } from 'vue';
import { useConnectionStore } from '../stores/connection.ts';
import { inBody, settle } from './dom.ts';
import { connectedState } from './fake-api.ts';
import { mountWithApp } from './mount.ts';

/** Options of {@link mountInBody} and {@link mountDialog}. */
export interface BodyMountOptions {
  /** The connection is up (writes allowed); off, the app is offline as it starts. */
  online?: boolean;
  /** More plugins, e.g. a memory router. */
  plugins?: Plugin[];
}

/**
 * Mounts `component` attached to the body, where Vuetify teleports dialogs, menus and overlays; online unless
 * `online: false`. It is unmounted and the body emptied when the test finishes.
 */
export async function mountInBody(
  component: Component,
  props: Record<string, unknown> = {},
  { online = true, plugins = [] }: BodyMountOptions = {},
): Promise<VueWrapper> {
  const wrapper = mountWithApp(component, props, { attach: true, plugins });
  onTestFinished(() => {
    wrapper.unmount();
    document.body.innerHTML = '';
  });
  if (online) useConnectionStore().state = connectedState;
  await settle();
  return wrapper;
}

/** {@link mountInBody} for a dialog: mounted open (`modelValue: true`). */
export function mountDialog(
  component: Component,
  props: Record<string, unknown> = {},
  options: BodyMountOptions = {},
): Promise<VueWrapper> {
  return mountInBody(component, { modelValue: true, ...props }, options);
}

/** Types `value` into the field marked `data-testid="<testid>"` (the visible input of a select or combobox). */
export async function typeInto(testid: string, value: string): Promise<void> {
  const input = inBody(`[data-testid="${testid}"] input:not([type="hidden"])`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
}

/** Opens the select or combobox marked `data-testid="<testid>"` and clicks the option that reads `text`. */
export async function pickOption(testid: string, text: string): Promise<void> {
  inBody(`[data-testid="${testid}"] input`).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  inBody(`[data-testid="${testid}"] .v-field`).click();
  await settle();
  const options = openOptions();
  const option = options.find((node) => node.textContent.trim() === text);
  if (option === undefined) throw new Error(`no option ${text} among ${options.map((o) => o.textContent).join(', ')}`);
  option.click();
  await settle();
}

/** The options of the open select or combobox menu. */
export function openOptions(): HTMLElement[] {
  return [...document.body.querySelectorAll<HTMLElement>('.v-overlay-container .v-list-item')];
}

/** Clicks the element marked `data-testid="<testid>"` (a dialog's submit button, say) and lets the form react. */
export async function clickTestid(testid: string): Promise<void> {
  inBody(`[data-testid="${testid}"]`).click();
  await settle();
}

/** The validation messages shown under the fields inside `scope` (a CSS selector; the whole document by default). */
export function fieldMessages(scope = 'body'): string[] {
  return [...document.body.querySelectorAll(`${scope} .v-messages__message`)].map((node) => node.textContent.trim());
}

/** Submits the form of a mounted (not teleported) form component; returns the validation messages it then shows. */
export async function submitForm(wrapper: VueWrapper): Promise<string[]> {
  await wrapper.find('form').trigger('submit');
  await settle();
  return wrapper.findAll('.v-messages__message').map((message) => message.text());
}
