import type { AppInfo } from '../../shared/ipc/dto/app-info.ts';

/** The product name shown to users (package.json's `name` is the lower-case npm name). */
export const productName = 'PediLedger';

/** What the shell reports about itself, the runtime and the app version. */
export function createAppInfo(shell: AppInfo['shell'], version: string, runtime: string): AppInfo {
  return { name: productName, version, shell, runtime };
}
