import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultNetworkProfilesDir, defaultUserDataDir } from './app-locations.ts';

describe('defaultUserDataDir', () => {
  it('follows XDG_CONFIG_HOME on Linux, with ~/.config as the fallback', () => {
    expect(defaultUserDataDir({ platform: 'linux', homeDir: '/home/u', env: { XDG_CONFIG_HOME: '/cfg' } })).toBe(
      '/cfg/PediLedger',
    );
    expect(defaultUserDataDir({ platform: 'linux', homeDir: '/home/u', env: { XDG_CONFIG_HOME: '' } })).toBe(
      '/home/u/.config/PediLedger',
    );
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultUserDataDir({ platform: 'darwin', homeDir: '/Users/u', env: {} })).toBe(
      '/Users/u/Library/Application Support/PediLedger',
    );
    expect(defaultUserDataDir({ platform: 'win32', homeDir: 'C:\\Users\\u', env: { APPDATA: 'D:\\Roaming' } })).toBe(
      'D:\\Roaming\\PediLedger',
    );
    expect(defaultUserDataDir({ platform: 'win32', homeDir: 'C:\\Users\\u', env: {} })).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\PediLedger',
    );
  });
});

describe('defaultNetworkProfilesDir', () => {
  it('prefers PEDILEDGER_PROFILES_DIR, then the network data folder, then the repository default', () => {
    expect(defaultNetworkProfilesDir({ PEDILEDGER_PROFILES_DIR: '/p', PEDILEDGER_NETWORK_DATA: '/n' }, '/repo')).toBe(
      path.resolve('/p'),
    );
    expect(defaultNetworkProfilesDir({ PEDILEDGER_NETWORK_DATA: '/n' }, '/repo')).toBe(path.resolve('/n/profiles'));
    expect(defaultNetworkProfilesDir({}, '/repo')).toBe(path.resolve('/repo/fabric-network/.data/profiles'));
  });
});
