// DOM helpers for component tests whose content Vuetify teleports to the body (dialogs, menus, overlays).
import { flushPromises } from '@vue/test-utils';

/** Lets Vue, Vuetify's transitions and pending promises finish. */
export async function settle(): Promise<void> {
  await flushPromises();
  await new Promise((resolve) => setTimeout(resolve, 30));
  await flushPromises();
}

/** The one element in the document matching `selector`; throws (failing the test) when there is none. */
export function inBody(selector: string): HTMLElement {
  const element = document.body.querySelector<HTMLElement>(selector);
  if (element === null) throw new Error(`nothing matches ${selector}`);
  return element;
}
