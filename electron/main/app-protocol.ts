import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeOf, resolveAssetPath } from './security/asset-path.ts';
import { contentSecurityPolicyHeader } from './security/csp.ts';
import { appHost, appScheme } from './security/url-policy.ts';

/**
 * Declares `app:` a standard, secure scheme. Must run before the app is ready. A standard scheme gives the renderer a
 * real origin (`app://pediledger`) for CSP `'self'` and the IPC sender check, which `file://` cannot.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
}

/**
 * Serves the built renderer from `rendererDir` on `app://pediledger/…`, refusing other hosts and any path that would
 * leave the folder, and sending the CSP with every response. Files are read with fs rather than `net.fetch`, so the
 * session's request filter never has to allow `file:`.
 */
export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === appHost ? resolveAssetPath(rendererDir, url.pathname) : null;
    if (file === null) return notFound();
    try {
      return new Response(await readFile(file), {
        headers: {
          'content-type': contentTypeOf(file),
          'content-security-policy': contentSecurityPolicyHeader,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return notFound();
    }
  });
}
