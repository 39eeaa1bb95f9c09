/** Where the renderer build puts the browser bridge (see electron.vite.config.ts). */
export const bridgeScriptPath = '/shell/browser-bridge.js';

/**
 * Adds the bridge script to the built index.html, before the app's first script: module scripts run in document
 * order, so `window.api` exists before the app starts. The CSP meta tag stays first, so it covers the bridge too.
 */
export function injectBridge(html: string): string {
  const tag = `<script type="module" src="${bridgeScriptPath}"></script>`;
  const firstScript = html.indexOf('<script');
  if (firstScript >= 0) return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  return html.replace('</head>', `${tag}\n</head>`);
}
