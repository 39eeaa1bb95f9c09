// Locked means locked, through the browser shell's own wiring: with the app's services behind it (an in-memory
// keychain stands in for the OS one; the lock logic is the app's), every contract entry the contract declares
// `whileLocked: 'refuse'` answers APP_LOCKED over HTTP once the app is locked, whatever its arguments, and the lock
// screen's entries are still served. The Electron shell's wiring is walked the same way in
// electron/test/electron-bundle.test.ts.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannels } from '../../shared/ipc/channels.ts';
import { ipcContract } from '../../shared/ipc/contract.ts';
import type { SecretStore } from '../main/identity/secretStore.ts';
import { startBrowserShellApp, type BrowserShellApp } from './app.ts';

/** A keychain in memory: the lock keeps PINs there; nothing else is needed for this walk. */
function memorySecrets(): SecretStore {
  const entries = new Map<string, string>();
  const key = (service: string, account: string): string => `${service}\u0000${account}`;
  return {
    get: (service, account) => Promise.resolve(entries.get(key(service, account)) ?? null),
    set: (service, account, secret) => {
      entries.set(key(service, account), secret);
      return Promise.resolve();
    },
    delete: (service, account) => Promise.resolve(entries.delete(key(service, account))),
    list: (service) =>
      Promise.resolve(
        [...entries.keys()].filter((k) => k.startsWith(`${service}\u0000`)).map((k) => k.split('\u0000')[1] ?? ''),
      ),
    assertAvailable: () => Promise.resolve(),
  };
}

function post(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

let root: string;
let shell: BrowserShellApp;
let cookie: string;

async function invoke(channel: string, args?: unknown): Promise<unknown> {
  const reply = await post(`${shell.origin}/api/invoke/${channel}`, { cookie, origin: shell.origin }, { args });
  expect(reply.status).toBe(200);
  return reply.json;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pediledger-shell-lock-'));
  const rendererDir = path.join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><html><body></body></html>');
  shell = await startBrowserShellApp({
    rendererDir,
    services: {
      dataDir: path.join(root, 'data'),
      networkProfilesDir: path.join(root, 'profiles'),
      secrets: memorySecrets(),
    },
    log: () => undefined,
  });
  const launched = await new Promise<string>((resolve, reject) => {
    request(shell.launchUrl, (res) => {
      res.resume();
      resolve(res.headers['set-cookie']?.[0] ?? '');
    })
      .on('error', reject)
      .end();
  });
  cookie = launched.split(';')[0] ?? '';
});

afterAll(async () => {
  await shell.close();
  await rm(root, { recursive: true, force: true });
});

describe('the browser shell while the app is locked', () => {
  it('refuses every entry the contract does not serve while locked, and serves the lock screen', async () => {
    expect(await invoke('lock:lock')).toMatchObject({ ok: true, value: { locked: true } });
    const outcomes = await Promise.all(
      invokeChannels.map(async (channel) => [channel, await invoke(channel)] as const),
    );
    for (const [channel, outcome] of outcomes) {
      const code = (outcome as { error?: { code?: string } }).error?.code;
      if (ipcContract.invoke[channel].whileLocked === 'refuse') expect(code, channel).toBe('APP_LOCKED');
      else expect(code, channel).not.toBe('APP_LOCKED');
    }
    // report:savePdf was served outside the lock before the lock became part of the contract.
    expect(outcomes.find(([channel]) => channel === 'report:savePdf')?.[1]).toMatchObject({
      error: { code: 'APP_LOCKED' },
    });
    expect(await invoke('lock:unlock', {})).toMatchObject({ ok: true, value: { locked: false } });
    expect(await invoke('report:savePdf', { suggestedFileName: 'Report.pdf' })).toMatchObject({
      error: { code: 'PDF_EXPORT_UNAVAILABLE' },
    });
  });
});
