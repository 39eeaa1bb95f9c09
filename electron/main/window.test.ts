import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron binary cannot run here, so BrowserWindow is replaced by a recorder: the test checks exactly what
// createMainWindow asks Electron for.
const created: BrowserWindowConstructorOptions[] = [];
const loaded: string[] = [];

vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: BrowserWindowConstructorOptions) {
      created.push(options);
    }
    once(): void {
      // ready-to-show never fires in the test
    }
    loadURL(url: string): Promise<void> {
      loaded.push(url);
      return Promise.resolve();
    }
  },
}));

const { createMainWindow } = await import('./window.ts');

describe('createMainWindow', () => {
  beforeEach(() => {
    created.length = 0;
    loaded.length = 0;
  });

  it('isolates and sandboxes the renderer, with no Node.js anywhere', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', url: 'app://pediledger/index.html' });
    expect(created[0]?.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(created[0]?.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(created[0]?.show).toBe(false);
    expect(loaded).toEqual(['app://pediledger/index.html']);
  });
});
