/** The custom scheme the packaged renderer is served from (registered as standard and secure in main). */
export const appScheme = 'app';

/** The single host of {@link appScheme}; every renderer URL is `app://pediledger/…`. */
export const appHost = 'pediledger';

/** The origin of the packaged renderer. */
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Hosts the app may open in the user's browser with `shell.openExternal`. Empty until the UI links out; add exact
 * host names only (no wildcards), and only for https.
 */
export const externalLinkHosts: readonly string[] = [];

/** Parses an untrusted URL, or returns null. */
function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The origin of a URL as `scheme://host[:port]`. WHATWG URL reports `"null"` as the origin of non-special schemes such
 * as `app:`, so the origin is rebuilt from protocol and host, which is what Chromium uses for a standard scheme.
 */
export function originOf(url: string): string | null {
  const parsed = parse(url);
  if (parsed === null || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * Whether a URL belongs to the app itself: its origin must equal one of `trustedOrigins` exactly. Comparing parsed
 * origins (never `startsWith`) is what stops `app://pediledger.evil` or `http://127.0.0.1:80@evil.example`.
 */
export function isAppUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const parsed = parse(url);
  if (parsed === null || parsed.username !== '' || parsed.password !== '') return false;
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}

/**
 * Whether `shell.openExternal` may open a URL: https only, no credentials, default port, and a host on the
 * allow-list. `file:`, `javascript:`, `smb:` and custom protocol handlers can run code on the user's machine.
 */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[] = externalLinkHosts): boolean {
  const parsed = parse(url);
  if (parsed === null) return false;
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') {
    return false;
  }
  return allowedHosts.includes(parsed.hostname);
}

/**
 * Whether the renderer's session may load a URL at all (second net behind navigation blocking): only the app's own
 * origins, WebSockets back to a trusted http(s) origin (the dev server's HMR socket), and `devtools:` so the
 * developer tools keep working.
 */
export function isAllowedRendererRequest(url: string, trustedOrigins: readonly string[]): boolean {
  if (isAppUrl(url, trustedOrigins) || url.startsWith('devtools://')) return true;
  const parsed = parse(url);
  if (parsed === null || (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:')) return false;
  parsed.protocol = parsed.protocol === 'ws:' ? 'http:' : 'https:';
  return isAppUrl(parsed.href, trustedOrigins);
}
