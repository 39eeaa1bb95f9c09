import type { IncomingHttpHeaders } from 'node:http';
import type { ShellAuth } from './shell-auth.ts';

/** Why a request was refused, or `ok`. */
export type GuardVerdict = 'ok' | 'bad-host' | 'bad-origin' | 'cross-site' | 'no-session';

/** What the guard needs to know about the request. */
export interface GuardOptions {
  /** The shell's own origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /**
   * Whether the request must carry an Origin header (API calls and WebSocket upgrades: browsers always send one for
   * those, so a missing Origin means the caller is not our page).
   */
  readonly requireOrigin: boolean;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Decides whether the browser shell serves a request. Checks, in order: the Host header is the loopback address and
 * port we listen on (defeats DNS rebinding), the Origin (when present, or when required) is our own, the browser's
 * Sec-Fetch-Site does not say cross-site, and the session cookie is valid.
 */
export function checkRequest(headers: IncomingHttpHeaders, auth: ShellAuth, options: GuardOptions): GuardVerdict {
  if (headers.host !== new URL(options.origin).host) return 'bad-host';
  const origin = single(headers.origin);
  if (origin === undefined ? options.requireOrigin : origin !== options.origin) return 'bad-origin';
  const fetchSite = single(headers['sec-fetch-site']);
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return 'cross-site';
  return auth.hasSession(headers.cookie) ? 'ok' : 'no-session';
}
