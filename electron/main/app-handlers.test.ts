// The shipped app's handler set is complete: every contract entry has a handler and a lock policy, checked at run
// time as well as by the compiler (a contract entry added without either fails here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { invokeChannels } from '../../shared/ipc/channels.ts';
import { createTestAppDataDir } from '../test/testAppData.ts';
import { createAppHandlers } from './app-handlers.ts';
import { createAppInfo } from './app-info.ts';
import { createAppServices, type AppServices } from './app-services.ts';
import { createIpcRouter } from './ipc/router.ts';
import { createPrintHandlers } from './print/pdfExport.ts';

let services: AppServices;

beforeAll(async () => {
  const dataDir = await createTestAppDataDir('app-handlers');
  services = createAppServices({ dataDir, networkProfilesDir: dataDir, keychainService: 'PediLedger-unused' });
});

afterAll(async () => {
  await services.close();
});

describe('createAppHandlers', () => {
  it('serves every contract entry with a handler of its own, and nothing else', () => {
    const handlers = createAppHandlers(
      createAppInfo('electron', '0.1.0', 'test'),
      services.handlers,
      createPrintHandlers(),
    );
    expect(Object.keys(handlers).sort()).toEqual([...invokeChannels].sort());
    for (const channel of invokeChannels) expect(typeof handlers[channel], channel).toBe('function');
  });

  it('gives every contract entry a lock policy, which the router applies', () => {
    for (const channel of invokeChannels)
      expect(['serve', 'refuse'], channel).toContain(ipcContract.invoke[channel].whileLocked);
    const handlers = createAppHandlers(
      createAppInfo('electron', '0.1.0', 'test'),
      services.handlers,
      createPrintHandlers(),
    );
    expect(createIpcRouter(ipcContract, handlers, { lock: services.lock }).channels).toHaveLength(
      invokeChannels.length,
    );
  });

  it('refuses to build a router when an entry has no handler', () => {
    const handlers = createAppHandlers(
      createAppInfo('electron', '0.1.0', 'test'),
      services.handlers,
      createPrintHandlers(),
    );
    const incomplete: Partial<Record<string, unknown>> = { ...handlers };
    delete incomplete['report:savePdf'];
    // @ts-expect-error -- an incomplete set does not compile; at run time the router refuses it too.
    expect(() => createIpcRouter(ipcContract, incomplete, { lock: services.lock })).toThrow(
      /No handler for report:savePdf/,
    );
  });
});
