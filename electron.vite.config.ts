// Builds the three parts of the desktop app into out/: main (ESM), the sandboxed preload (one self-contained CommonJS
// file, as Electron's sandbox requires) and the Vue renderer, plus the browser shell's bridge script. No Electron
// binary is needed to build.
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import vuetify from 'vite-plugin-vuetify';
import type { Plugin } from 'vite';
import { contentSecurityPolicyMeta } from './electron/main/security/csp.ts';

function fromRoot(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

/** Writes the app's CSP into the built index.html, from the same module main and the browser shell send as header. */
function cspMetaTag(): Plugin {
  return {
    name: 'pediledger-csp-meta',
    // The dev server injects inline styles and a websocket client, which this policy would (rightly) block.
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyMeta },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: fromRoot('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but a few Electron modules, so everything is bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: fromRoot('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    // Vuetify components and directives are imported where used (tree-shaken); see renderer/src/plugins/vuetify.ts.
    plugins: [vue(), vuetify({ autoImport: true }), cspMetaTag()],
    build: {
      rollupOptions: {
        input: {
          index: fromRoot('renderer/index.html'),
          'browser-bridge': fromRoot('renderer/browser-bridge/index.ts'),
        },
        output: {
          // A fixed name, so the browser shell can add the bridge to index.html without reading a manifest.
          entryFileNames: (chunk) =>
            chunk.name === 'browser-bridge' ? 'shell/browser-bridge.js' : 'assets/[name]-[hash].js',
        },
      },
    },
  },
});
