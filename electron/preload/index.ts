// Sandboxed preload: exposes exactly the IPC contract as `window.api` (one function per entry, plus `on` for events)
// and nothing else. The renderer never sees ipcRenderer or an IPC event object.
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../../shared/ipc/api-factory.ts';
import { eventWireChannel, isEventChannel } from '../../shared/ipc/channels.ts';
import { ipcErrorCodes } from '../../shared/ipc/errors.ts';
import { fail, isIpcResult, type IpcResult } from '../../shared/ipc/result.ts';

async function invoke(channel: string, args: unknown): Promise<IpcResult<unknown>> {
  const reply: unknown = await ipcRenderer.invoke(channel, args);
  return isIpcResult(reply)
    ? reply
    : fail({ code: ipcErrorCodes.transport, message: `Malformed reply for ${channel}` });
}

function subscribe(event: string, listener: (payload: unknown) => void): () => void {
  if (!isEventChannel(event)) throw new TypeError('Unknown event');
  const wireChannel = eventWireChannel(event);
  const onMessage = (_event: Electron.IpcRendererEvent, payload: unknown): void => {
    listener(payload);
  };
  ipcRenderer.on(wireChannel, onMessage);
  return () => {
    ipcRenderer.removeListener(wireChannel, onMessage);
  };
}

contextBridge.exposeInMainWorld('api', createApi({ invoke, subscribe }));
