import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that carries the browser shell's session token. */
export const sessionCookieName = 'pediledger_session';

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads one cookie from a Cookie header (the first occurrence wins, as browsers send the most specific first). */
export function readCookie(cookieHeader: string | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/**
 * The browser shell's per-launch secrets. A one-time launch code goes into the URL that opens the browser (and so
 * may show up in a process list); redeeming it sets an HttpOnly, SameSite=Strict session cookie with a second random
 * token, which every later request and WebSocket upgrade must carry. Once redeemed, the launch code is worthless.
 */
export class ShellAuth {
  readonly #launchCode = randomToken();
  readonly #sessionToken = randomToken();
  #launchCodeUsed = false;

  /** The launch code, for the URL the shell opens or prints. */
  get launchCode(): string {
    return this.#launchCode;
  }

  /** Redeems the launch code: true exactly once, for the right code. */
  redeemLaunchCode(code: string | null): boolean {
    if (this.#launchCodeUsed || code === null || !sameSecret(code, this.#launchCode)) return false;
    this.#launchCodeUsed = true;
    return true;
  }

  /** The Set-Cookie header value that starts the session. */
  sessionCookie(): string {
    return `${sessionCookieName}=${this.#sessionToken}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** Whether a request's Cookie header carries this launch's session token. */
  hasSession(cookieHeader: string | undefined): boolean {
    const token = readCookie(cookieHeader, sessionCookieName);
    return token !== null && sameSecret(token, this.#sessionToken);
  }
}
