import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './web-preferences.ts';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node.js anywhere', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
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
    });
  });

  it('enables no Blink features', () => {
    expect(secureWebPreferences('/p')).not.toHaveProperty('enableBlinkFeatures');
  });
});
