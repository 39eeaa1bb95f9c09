import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import packageJson from '../../package.json' with { type: 'json' };
import { startBrowserShellApp, type BrowserShellApp } from './app.ts';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

// node:http rather than fetch: the tests must set Host, Origin and Cookie exactly as an attacker could.
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let rendererDir: string;
let shell: BrowserShellApp;
let cookie: string;
const refusals: string[] = [];

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(tmpdir(), 'pediledger-shell-'));
  await mkdir(path.join(rendererDir, 'assets'));
  await writeFile(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  shell = await startBrowserShellApp({
    rendererDir,
    log: (message) => {
      refusals.push(message);
    },
  });
  const launched = await send(shell.launchUrl);
  expect(launched.status).toBe(303);
  const setCookie = launched.headers['set-cookie']?.[0] ?? '';
  expect(setCookie).toMatch(/HttpOnly; SameSite=Strict/);
  cookie = setCookie.split(';')[0] ?? '';
});

afterAll(async () => {
  await shell.close();
  await rm(rendererDir, { recursive: true, force: true });
});

function invoke(channel: string, args: unknown, headers: Record<string, string>): Promise<Reply> {
  return send(`${shell.origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ args }),
  });
}

describe('browser shell', () => {
  it('listens on loopback only', () => {
    expect(shell.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('accepts the launch code only once', async () => {
    expect((await send(shell.launchUrl)).status).toBe(403);
    expect((await send(`${shell.origin}/launch?code=guess`)).status).toBe(403);
  });

  it('refuses a request without the session cookie', async () => {
    expect((await send(`${shell.origin}/`)).status).toBe(401);
    expect((await send(`${shell.origin}/assets/app.js`)).status).toBe(401);
    expect((await invoke('app:info', undefined, { origin: shell.origin })).status).toBe(401);
    expect(
      (await invoke('app:info', undefined, { origin: shell.origin, cookie: 'pediledger_session=forged' })).status,
    ).toBe(401);
  });

  it('refuses API calls from another origin or with no origin', async () => {
    expect((await invoke('app:info', undefined, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke('app:info', undefined, { cookie, origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await invoke('app:info', undefined, { cookie })).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) and cross-site fetches', async () => {
    expect((await send(`${shell.origin}/`, { headers: { cookie, host: 'evil.example' } })).status).toBe(403);
    expect((await send(`${shell.origin}/`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect(refusals).toEqual(
      expect.arrayContaining([expect.stringContaining('bad-host'), expect.stringContaining('cross-site')]),
    );
  });

  it('serves the renderer with the bridge and the CSP to a session', async () => {
    const page = await send(`${shell.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(
      /<script type="module" src="\/shell\/browser-bridge.js"><\/script>\s*<script type="module" src=".\/assets\/app.js">/,
    );
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send(`${shell.origin}/assets/app.js`, { headers: { cookie } })).headers['content-type']).toMatch(
      /javascript/,
    );
    expect((await send(`${shell.origin}/%2e%2e/%2e%2e/etc/passwd`, { headers: { cookie } })).status).toBe(404);
  });

  it('round-trips a contract call with the session and our origin', async () => {
    const reply = await invoke('app:info', undefined, { cookie, origin: shell.origin });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({
      ok: true,
      value: {
        name: 'PediLedger',
        version: packageJson.version,
        shell: 'browser',
        runtime: `Node ${process.versions.node}`,
      },
    });
  });

  it('returns contract errors as envelopes', async () => {
    const invalid = await invoke('identity:remove', { id: '../x' }, { cookie, origin: shell.origin });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_ARGS' } });
    const unknown = await invoke('shell:exec', undefined, { cookie, origin: shell.origin });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
  });
});

function openSocket(headers: Record<string, string>, origin?: string): Promise<WebSocket> {
  const socket = new WebSocket(`${shell.origin.replace('http', 'ws')}/api/events`, {
    headers,
    ...(origin === undefined ? {} : { origin }),
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

describe('browser shell events', () => {
  it('refuses a socket without the session or from another origin', async () => {
    await expect(openSocket({}, shell.origin)).rejects.toThrow(/403/);
    await expect(openSocket({ cookie }, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(openSocket({ cookie })).rejects.toThrow(/403/);
  });

  it('pushes validated events to a session socket', async () => {
    const socket = await openSocket({ cookie }, shell.origin);
    const message = new Promise<unknown>((resolve) => {
      socket.once('message', (data: Buffer) => {
        resolve(JSON.parse(data.toString('utf8')));
      });
    });
    shell.events.emit('connection:state', { status: 'disconnected' });
    expect(await message).toEqual({ event: 'connection:state', payload: { status: 'disconnected' } });
    socket.close();
  });
});
