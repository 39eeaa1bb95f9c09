// Vuetify writes its theme (colours as CSS variables) into a <style> element, which the app's CSP (`style-src 'self'`)
// rightly blocks. Vuetify hands the stylesheet to a `usehead`-style object when the app provides one, so this adapter
// receives the CSS text and applies it as a constructable stylesheet (`document.adoptedStyleSheets`): CSSOM, which CSP
// does not govern, so the policy stays free of 'unsafe-inline' and of nonces.
import type { App } from 'vue';

interface HeadStyle {
  readonly textContent?: string;
}
type HeadInput = () => { style?: readonly HeadStyle[] };

function styleText(input: HeadInput): string {
  return (input().style ?? []).map((style) => style.textContent ?? '').join('\n');
}

/** What the adapter needs from the page; `document` in the app, a stub in tests. */
export interface StyleTarget {
  adoptedStyleSheets: CSSStyleSheet[];
}

/** Installs the adapter: Vuetify's theme CSS lands in one adopted stylesheet, replaced on every theme change. */
export function installConstructedThemeStyles(app: App, target: StyleTarget = document): void {
  const sheet = new CSSStyleSheet();
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  const apply = (input: HeadInput): void => {
    sheet.replaceSync(styleText(input));
  };
  app.provide('usehead', {
    push(input: HeadInput) {
      apply(input);
      return { patch: apply };
    },
  });
}
