import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type WebContents } from 'electron';
import { eventWireChannel, isEventChannel } from '../../../shared/ipc/channels.ts';
import type { ContractShape } from '../../../shared/ipc/define.ts';
import { ipcErrorCodes } from '../../../shared/ipc/errors.ts';
import { fail } from '../../../shared/ipc/result.ts';
import { isTrustedSender } from '../security/sender-policy.ts';
import { isAppUrl, originOf } from '../security/url-policy.ts';
import type { EventHub } from './event-hub.ts';
import type { WindowCapabilities } from './handlers.ts';
import type { IpcRouter } from './router.ts';

/** Where refused messages are reported. */
export type IpcLog = (message: string) => void;

/**
 * What a handler may do with the window that called it (see `CallContext.window`): render it as PDF and show a save
 * dialog on it. The dialog is main's, so the page never chooses where a file is written.
 */
function windowCapabilities(sender: WebContents): WindowCapabilities {
  return {
    printToPdf: () => sender.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }),
    chooseSavePath: async (suggestedFileName, filter = { name: 'PDF', extensions: ['pdf'] }) => {
      const options = {
        defaultPath: path.join(app.getPath('documents'), suggestedFileName),
        filters: [filter],
      };
      const owner = BrowserWindow.fromWebContents(sender);
      const chosen =
        owner === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(owner, options);
      return chosen.canceled || chosen.filePath === '' ? null : chosen.filePath;
    },
  };
}

/**
 * Serves every contract entry over `ipcMain.handle`. Each message's sender frame is checked first (top frame, app
 * origin); only then does the router parse its arguments.
 */
export function registerIpcHandlers(router: IpcRouter, trustedOrigins: readonly string[], log: IpcLog): void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, args: unknown) => {
      const frame = event.senderFrame;
      const sender = frame === null ? null : { url: frame.url, isTopFrame: frame.parent === null };
      if (sender === null || !isTrustedSender(sender, trustedOrigins)) {
        log(`refused ${channel} from ${sender?.url ?? 'a destroyed frame'}`);
        return fail({ code: ipcErrorCodes.forbiddenSender, message: 'This window may not call the app' });
      }
      return router.call(channel, args, {
        transport: 'electron',
        origin: originOf(sender.url) ?? '',
        window: windowCapabilities(event.sender),
      });
    });
  }
}

/** Sends every event from the hub to each window that is showing the app (never to a window that navigated away). */
export function forwardEventsToWindows<C extends ContractShape>(
  hub: EventHub<C>,
  trustedOrigins: readonly string[],
): void {
  hub.subscribe((event, payload) => {
    if (!isEventChannel(event)) return;
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (!contents.isDestroyed() && isAppUrl(contents.getURL(), trustedOrigins)) {
        contents.send(eventWireChannel(event), payload);
      }
    }
  });
}
