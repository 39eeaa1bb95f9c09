import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanForPrivateKeys } from './scan-for-private-keys.ts';

let root: string;
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pediledger-scan-test-'));
  await mkdir(path.join(root, 'app', 'nested'), { recursive: true });
  await mkdir(path.join(root, 'excluded'));
  await writeFile(path.join(root, 'app', 'identities.json'), '{"identities":[],"activeId":null}');
  await writeFile(path.join(root, 'app', 'nested', 'leak.der'), key.export({ type: 'pkcs8', format: 'der' }));
  await writeFile(path.join(root, 'excluded', 'key.pem'), key.export({ type: 'pkcs8', format: 'pem' }));
  await writeFile(path.join(root, 'tests.log'), `enrolled\n${key.export({ type: 'sec1', format: 'pem' }).toString()}`);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('scanForPrivateKeys', () => {
  it('finds keys in nested folders and in single files, and skips excluded folders and missing paths', async () => {
    const result = await scanForPrivateKeys(
      [path.join(root, 'app'), path.join(root, 'excluded'), path.join(root, 'tests.log'), path.join(root, 'gone')],
      [path.join(root, 'excluded')],
    );
    expect(result.scanned).toBe(3);
    expect(result.findings).toEqual([
      { file: path.join(root, 'app', 'nested', 'leak.der'), markers: ['pkcs8-der'] },
      { file: path.join(root, 'tests.log'), markers: ['pem'] },
    ]);
  });

  it("never scans the Fabric network's own data folder, which holds node and demo-user keys by design", async () => {
    const networkData = path.resolve(import.meta.dirname, '../fabric-network/.data');
    expect(await scanForPrivateKeys([networkData], [])).toEqual({ scanned: 0, findings: [] });
  });
});
