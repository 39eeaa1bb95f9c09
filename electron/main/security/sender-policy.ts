import { isAppUrl } from './url-policy.ts';

/** What main knows about the frame an IPC message came from (Electron's `event.senderFrame`, reduced). */
export interface SenderFrame {
  /** The frame's current URL. */
  readonly url: string;
  /** Whether it is the window's top frame (the renderer has no iframes; a subframe sending IPC is an attack). */
  readonly isTopFrame: boolean;
}

/**
 * Whether an IPC message may be served: it must come from a live top-level frame showing the app's own origin. Any
 * frame can send IPC, so this runs on every message before its arguments are even parsed.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, trustedOrigins: readonly string[]): boolean {
  if (frame === null || frame === undefined || !frame.isTopFrame) return false;
  return isAppUrl(frame.url, trustedOrigins);
}
