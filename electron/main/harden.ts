import { shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl, isAllowedRendererRequest, isAppUrl } from './security/url-policy.ts';

/**
 * Session-wide defences: every permission request and check is denied (the app needs no camera, location or
 * notifications) and requests outside the app's origins are cancelled (a second net behind navigation blocking).
 * The CSP is sent by the app:// protocol handler itself, so the dev server (which needs inline styles) is left alone.
 */
export function hardenSession(session: Session, trustedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRendererRequest(details.url, trustedOrigins) });
  });
}

/**
 * Per-webContents defences, applied to every webContents as it is created: navigation away from the app is blocked,
 * new windows are denied (allow-listed https links go to the user's browser instead), and `<webview>` can never
 * attach.
 */
export function hardenWebContents(contents: WebContents, trustedOrigins: readonly string[]): void {
  const blockForeignNavigation = (event: { preventDefault(): void; url: string }): void => {
    if (!isAppUrl(event.url, trustedOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeignNavigation);
  contents.on('will-redirect', blockForeignNavigation);
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}
