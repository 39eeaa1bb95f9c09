// Test-only child process: runs identity-store steps against whatever keychain this process can reach, and prints
// one JSON line per step ({ step, ok, value?, error? }). Used by the fail-closed tests, which start it without a
// D-Bus session, or inside a private D-Bus session whose keyring gets locked halfway.
import { execFileSync } from 'node:child_process';
import { toSerializableError } from '../../../../shared/errors.ts';
import { IdentityService } from '../identityService.ts';
import { KeytarSecretStore } from '../keytarSecretStore.ts';
import { makeTestCredentials } from './testCredentials.ts';

const [scenario, dataDir, keychainService] = process.argv.slice(2);
if (scenario === undefined || dataDir === undefined || keychainService === undefined) {
  throw new Error('usage: keychainScenario.ts <no-keychain|lock-midway> <dataDir> <keychainService>');
}

const identities = new IdentityService({ secrets: new KeytarSecretStore(), dataDir, keychainService });

async function step(name: string, fn: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await fn();
    console.log(JSON.stringify({ step: name, ok: true, value: value ?? null }));
    return value;
  } catch (error) {
    console.log(JSON.stringify({ step: name, ok: false, error: toSerializableError(error) }));
    return undefined;
  }
}

function lockLoginCollection(): void {
  execFileSync('gdbus', [
    'call',
    '--session',
    '--dest',
    'org.freedesktop.secrets',
    '--object-path',
    '/org/freedesktop/secrets',
    '--method',
    'org.freedesktop.Secret.Service.Lock',
    '["/org/freedesktop/secrets/collection/login"]',
  ]);
}

const alice = await makeTestCredentials({ enrollmentId: 'alice', attrs: { uid: 'alice', role: 'parent' } });
const bob = await makeTestCredentials({ enrollmentId: 'bob', attrs: { uid: 'bob', role: 'parent' } });
const input = { label: 'Alice', org: 'parents', mspId: 'ParentsMSP' } as const;

if (scenario === 'lock-midway') {
  const added = (await step('add-unlocked', () => identities.add({ ...input, ...alice }))) as { id: string };
  lockLoginCollection();
  await step('add-locked', () => identities.add({ ...input, label: 'Bob', ...bob }));
  await step('sign-locked', async () => {
    const material = await identities.getSigningMaterial(added.id);
    return material.certificatePem.length;
  });
  await step('remove-locked', () => identities.remove(added.id));
  await step('list-locked', async () => (await identities.list()).map((identity) => identity.id));
} else {
  await step('check', () => identities.assertKeychainAvailable());
  await step('add', () => identities.add({ ...input, ...alice }));
  await step('list', async () => (await identities.list()).length);
}
