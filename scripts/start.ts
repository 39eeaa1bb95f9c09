/**
 * `npm start`: brings up the embedded local Fabric network (building Fabric the first time, with progress), then
 * launches the desktop app against it. While the app is being built, only the network starts and we say so.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { up } from '../fabric-network/src/network.ts';
import { collectStatus, formatStatus } from '../fabric-network/src/status.ts';

interface AppLauncher {
  launchApp(): Promise<void>;
}

await up();
console.log('\n' + formatStatus(await collectStatus()));

const launcherPath = path.join(import.meta.dirname, 'app-launcher.ts');
if (existsSync(launcherPath)) {
  const launcher = (await import(launcherPath)) as AppLauncher;
  await launcher.launchApp();
} else {
  console.log('\nThe network is up. The desktop app is not part of this build yet, so nothing else starts.');
  console.log('Stop the network with `npm run network:down`.');
}
