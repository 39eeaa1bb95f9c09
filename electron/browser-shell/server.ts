import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Unsubscribe } from '../../shared/ipc/define.ts';
import type { EventSink } from '../main/ipc/event-hub.ts';
import type { IpcRouter } from '../main/ipc/router.ts';
import { contentTypeOf, resolveAssetPath } from '../main/security/asset-path.ts';
import { contentSecurityPolicyHeader } from '../main/security/csp.ts';
import { injectBridge } from './inject-bridge.ts';
import { checkRequest } from './request-guard.ts';
import { ShellAuth } from './shell-auth.ts';

/** The loopback address the shell binds to; never a public interface. */
export const shellHost = '127.0.0.1';

const invokePrefix = '/api/invoke/';
const eventsPath = '/api/events';
const maxBodyBytes = 1_048_576;

/** Anything events can be subscribed to (the app's EventHub). */
export interface EventSource {
  subscribe(sink: EventSink): Unsubscribe;
}

/** What the browser shell serves. */
export interface BrowserShellOptions {
  /** The same router the Electron shell uses. */
  readonly router: IpcRouter;
  /** Main → renderer events, pushed to every connected page. */
  readonly events: EventSource;
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Where refused requests and failed ones are reported. */
  readonly log?: (message: string, error?: unknown) => void;
}

/** A running browser shell. */
export interface BrowserShell {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The one-time URL that starts a session; open it in the browser (it stops working after the first use). */
  readonly launchUrl: string;
  /** Stops the server and drops every open connection. */
  close(): Promise<void>;
}

const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicyHeader,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  res.writeHead(status, { ...securityHeaders, 'content-type': contentType });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Starts the browser shell: a loopback-only HTTP server that serves the built renderer (with the bridge script that
 * implements `window.api`), answers contract calls on `POST /api/invoke/<channel>` through the same router as
 * Electron, and pushes events over a WebSocket on `/api/events`. Every request needs the session cookie from the
 * one-time launch URL, our own Host, and (for API calls and the socket) our own Origin.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const { router, events, rendererDir } = options;
  const log = options.log ?? (() => undefined);
  const auth = new ShellAuth();
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1_024 });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, shellHost, () => {
      resolve();
    });
  });
  const origin = `http://${shellHost}:${(server.address() as AddressInfo).port}`;

  function refuse(res: ServerResponse, req: IncomingMessage, verdict: string): void {
    log(`refused ${req.method ?? '?'} ${req.url ?? '?'}: ${verdict}`);
    send(res, verdict === 'no-session' ? 401 : 403, 'Forbidden', 'text/plain; charset=utf-8');
  }

  function launch(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.headers.host !== new URL(origin).host || !auth.redeemLaunchCode(url.searchParams.get('code'))) {
      refuse(res, req, 'bad launch code');
      return;
    }
    res.writeHead(303, { ...securityHeaders, 'set-cookie': auth.sessionCookie(), location: '/' });
    res.end();
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
      send(res, 405, 'Use POST with a JSON body', 'text/plain; charset=utf-8');
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch {
      send(res, 400, 'Malformed request body', 'text/plain; charset=utf-8');
      return;
    }
    const args = typeof body === 'object' && body !== null && 'args' in body ? body.args : undefined;
    sendJson(res, 200, await router.call(channel, args, { transport: 'browser', origin }));
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
      return;
    }
    const file = resolveAssetPath(rendererDir, url.pathname);
    const content = file === null ? null : await readFile(file).catch(() => null);
    if (file === null || content === null) {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return;
    }
    const isIndex = file === resolveAssetPath(rendererDir, '/');
    send(res, 200, isIndex ? injectBridge(content.toString('utf8')) : content, contentTypeOf(file));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/launch') {
      launch(req, res, url);
      return;
    }
    const isApi = url.pathname.startsWith(invokePrefix);
    const verdict = checkRequest(req.headers, auth, { origin, requireOrigin: isApi });
    if (verdict !== 'ok') refuse(res, req, verdict);
    else if (isApi) await invoke(req, res, decodeURIComponent(url.pathname.slice(invokePrefix.length)));
    else await serveStatic(req, res, url);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      log('request failed', error);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain; charset=utf-8');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkRequest(req.headers, auth, { origin, requireOrigin: true });
    if (new URL(req.url ?? '/', origin).pathname !== eventsPath || verdict !== 'ok') {
      log(`refused WebSocket ${req.url ?? '?'}: ${verdict}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (client: WebSocket) => {
      const unsubscribe = events.subscribe((event, payload) => {
        client.send(JSON.stringify({ event, payload }));
      });
      client.on('close', unsubscribe);
      // The page only listens; anything it sends is ignored (maxPayload bounds it).
    });
  });

  return {
    origin,
    launchUrl: `${origin}/launch?code=${auth.launchCode}`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
