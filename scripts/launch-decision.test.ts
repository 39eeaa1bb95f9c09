import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decideLaunch, findElectronBinary } from './launch-decision.ts';

describe('decideLaunch', () => {
  it('prefers Electron when its binary exists', () => {
    expect(
      decideLaunch({ electronPath: '/e/electron', chromiumPath: '/usr/bin/chromium', hasDisplay: true }),
    ).toMatchObject({ mode: 'electron', electronPath: '/e/electron' });
  });

  it('falls back to Chromium app mode, saying why', () => {
    const decision = decideLaunch({ electronPath: null, chromiumPath: '/usr/bin/chromium', hasDisplay: true });
    expect(decision).toMatchObject({ mode: 'browser-app', chromiumPath: '/usr/bin/chromium' });
    expect(decision.reason).toMatch(/Electron binary is not installed/);
  });

  it('prints the URL without Chromium or without a display', () => {
    expect(decideLaunch({ electronPath: null, chromiumPath: null, hasDisplay: true })).toMatchObject({
      mode: 'browser-url',
      reason: expect.stringMatching(/no Chromium/) as unknown,
    });
    expect(decideLaunch({ electronPath: null, chromiumPath: '/usr/bin/chromium', hasDisplay: false })).toMatchObject({
      mode: 'browser-url',
      reason: expect.stringMatching(/no display/) as unknown,
    });
  });
});

describe('findElectronBinary', () => {
  let dir = '';
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function fakePackage(withBinary: boolean): string {
    dir = mkdtempSync(path.join(tmpdir(), 'pediledger-electron-'));
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    if (withBinary) {
      mkdirSync(path.join(dir, 'dist'));
      writeFileSync(path.join(dir, 'dist', 'electron'), '');
    }
    return dir;
  }

  it('finds dist/<path.txt> when the binary was downloaded', () => {
    const pkg = fakePackage(true);
    expect(findElectronBinary(pkg, undefined)).toBe(path.join(pkg, 'dist', 'electron'));
  });

  it('returns null when only the npm package is installed', () => {
    expect(findElectronBinary(fakePackage(false), undefined)).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const pkg = fakePackage(true);
    expect(findElectronBinary(pkg, path.join(pkg, 'dist'))).toBe(path.join(pkg, 'dist', 'electron'));
    expect(findElectronBinary(pkg, '/nonexistent')).toBeNull();
  });
});
