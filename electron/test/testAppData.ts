// Test-only: every app data folder a test creates lives under one root, so the private key scan that runs after the
// tests (scripts/scan-for-private-keys.ts, from scripts/test-in-keyring-session.sh) knows where to look.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The root of the tests' app data folders: `PEDILEDGER_TEST_APP_ROOT` when the test runner set one (a fresh folder
 * per run, scanned and then deleted), else `$TMPDIR/pediledger-test-app`.
 */
export function testAppRoot(): string {
  const fromRunner = process.env['PEDILEDGER_TEST_APP_ROOT'];
  return fromRunner === undefined || fromRunner === '' ? path.join(tmpdir(), 'pediledger-test-app') : fromRunner;
}

/**
 * A new, empty app data folder under {@link testAppRoot}. Tests leave it in place (it holds only what the app
 * wrote) so the scan after the run can prove no key material was written there.
 */
export async function createTestAppDataDir(name: string): Promise<string> {
  const root = testAppRoot();
  await mkdir(root, { recursive: true, mode: 0o700 });
  return mkdtemp(path.join(root, `${name}-`));
}
