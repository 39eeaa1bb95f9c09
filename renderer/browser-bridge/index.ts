// The browser shell's `window.api`: the same contract as the Electron preload, carried over HTTP (calls) and a
// WebSocket (events) to the shell's loopback server. The shell adds this script to the page before the app's own
// script; the session cookie set at launch authenticates every request, so no secret is held here.
import { createApi } from '../../shared/ipc/api-factory.ts';
import { isEventChannel } from '../../shared/ipc/channels.ts';
import { ipcErrorCodes } from '../../shared/ipc/errors.ts';
import { fail, isIpcResult, type IpcResult } from '../../shared/ipc/result.ts';

const reconnectDelayMs = 1_000;
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let socket: WebSocket | null = null;

async function invoke(channel: string, args: unknown): Promise<IpcResult<unknown>> {
  const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ args }),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const body: unknown = await response.json().catch(() => null);
  if (isIpcResult(body)) return body;
  return fail({ code: ipcErrorCodes.transport, message: `The app answered HTTP ${response.status} for ${channel}` });
}

function hasListeners(): boolean {
  return [...listeners.values()].some((set) => set.size > 0);
}

function deliver(message: MessageEvent): void {
  if (typeof message.data !== 'string') return;
  const parsed: unknown = JSON.parse(message.data);
  if (typeof parsed !== 'object' || parsed === null || !('event' in parsed) || !('payload' in parsed)) return;
  if (!isEventChannel(parsed.event)) return;
  for (const listener of listeners.get(parsed.event) ?? []) listener(parsed.payload);
}

function ensureSocket(): void {
  if (socket !== null) return;
  const url = new URL('/api/events', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const opened = new WebSocket(url);
  opened.addEventListener('message', deliver);
  opened.addEventListener('close', () => {
    socket = null;
    // Keep events flowing across a restart of the shell, but only while someone is listening.
    if (hasListeners()) setTimeout(ensureSocket, reconnectDelayMs);
  });
  socket = opened;
}

function subscribe(event: string, listener: (payload: unknown) => void): () => void {
  let set = listeners.get(event);
  if (set === undefined) {
    set = new Set();
    listeners.set(event, set);
  }
  set.add(listener);
  ensureSocket();
  return () => {
    set.delete(listener);
    if (!hasListeners()) socket?.close();
  };
}

Object.defineProperty(window, 'api', { value: createApi({ invoke, subscribe }), enumerable: true });
