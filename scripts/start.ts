/**
 * `npm start [-- --data-dir <folder>]`: brings up the embedded local Fabric network (building Fabric the first time,
 * with progress), then launches the desktop app against it: Electron when its binary is installed, else the browser
 * shell (same services, profiles from the network's data folder) in Chromium or as a printed URL.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { up } from '../fabric-network/src/network.ts';
import { collectStatus, formatStatus } from '../fabric-network/src/status.ts';
import { launchApp } from './app-launcher.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
const dataDir = values['data-dir'];

await up();
console.log('\n' + formatStatus(await collectStatus()));

const app = await launchApp(dataDir === undefined ? {} : { dataDir: path.resolve(dataDir) });
console.log('Stop the app with Ctrl-C; the network keeps running (stop it with `npm run network:down`).');
const stop = (): void => {
  void app.stop();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
process.exitCode = await app.exited;
