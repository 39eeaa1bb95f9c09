import type { Api } from '../../shared/ipc/api.ts';

declare global {
  interface Window {
    /** The app's only way to reach main: the IPC contract, exposed by the preload or the browser bridge. */
    readonly api: Api;
  }
}
