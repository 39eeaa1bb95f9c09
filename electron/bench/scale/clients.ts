// The two clients bench:scale compares on the same network: a raw fabric-gateway client (what any Fabric application
// would do) and the app's main process (its services behind the IPC router, exactly as the renderer calls them).
import type { Contract, Gateway } from '@hyperledger/fabric-gateway';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { collectStatus, type UserStatus } from '../../../fabric-network/src/status.ts';
import { ipcContract } from '../../../shared/ipc/contract.ts';
import { MEDICAL_ENDORSERS } from '@pediledger/domain';
import { partialAppHandlers } from '../../main/testing/partialHandlers.ts';
import { createAppServices, type AppServices } from '../../main/app-services.ts';
import { createIpcRouter, type IpcRouter } from '../../main/ipc/router.ts';
import { tlsCaPath } from '../../../fabric-network/src/identities.ts';
import { peers } from '../../../fabric-network/src/topology.ts';
import { dialPeer } from '../../../fabric-network/test/fabric.ts';

const decoder = new TextDecoder();
const NETWORK_PROFILES_DIR = path.resolve(import.meta.dirname, '../../../fabric-network/.data/profiles');
const context = { transport: 'electron', origin: 'app://pediledger' } as const;

/** A measurement write; both clients record the same entries. */
export interface MeasurementWrite {
  childId: string;
  entryId: string;
  entry: { date: string; weightKg: number };
}

/** Where an app write spent its time, in ms: in main before the workflow, in the workflow (network), after it. */
export interface AppTimings {
  beforeWorkflow: number[];
  workflow: number[];
  afterWorkflow: number[];
}

/** What the bench asks of a client. */
export interface BenchClient {
  readonly name: 'raw' | 'app';
  /** Records one measurement and resolves once it is committed (rejects on any failure). */
  recordMeasurement(write: MeasurementWrite): Promise<void>;
  close(): Promise<void>;
}

export async function demoUser(uid: string): Promise<UserStatus> {
  const user = (await collectStatus()).users.find((u) => u.uid === uid);
  if (user === undefined) throw new Error(`no demo user ${uid}: is the network up (npm run network:up)?`);
  return user;
}

/** A fabric-gateway connection as `uid` through its own org's peer, with generous deadlines. */
export async function rawGateway(uid: string): Promise<{ gateway: Gateway; close: () => void }> {
  const user = await demoUser(uid);
  return dialPeer(
    { port: peers[user.org].port, tlsCaPem: await readFile(tlsCaPath(user.org)) },
    {
      mspId: user.mspId,
      certificatePem: await readFile(user.certPath, 'utf8'),
      keyPem: await readFile(user.keyPath, 'utf8'),
    },
  );
}

/** The raw client: `contract.submit` with the endorsing organizations the chaincode's table names, nothing else. */
export async function rawClient(uid: string): Promise<BenchClient & { medical: Contract }> {
  const { gateway, close } = await rawGateway(uid);
  const medical = gateway.getNetwork('medical').getContract('medical');
  return {
    name: 'raw',
    medical,
    async recordMeasurement({ childId, entryId, entry }) {
      await medical.submit('RecordMeasurement', {
        arguments: [childId, entryId, JSON.stringify(entry)],
        endorsingOrganizations: [...MEDICAL_ENDORSERS.RecordMeasurement],
      });
    },
    close: () => {
      close();
      return Promise.resolve();
    },
  };
}

/**
 * The app's main process: `createAppServices` (identity store on the real keychain, app lock, active session with
 * its notification streams, event hub) behind the IPC router, the demo user's PEM imported as the first-run screen
 * does. Events go to one sink that serializes them, as Electron's IPC would.
 */
export async function appClient(
  uid: string,
): Promise<BenchClient & { router: IpcRouter; services: AppServices; timings: AppTimings }> {
  const user = await demoUser(uid);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pediledger-bench-scale-'));
  const services = createAppServices({
    dataDir,
    networkProfilesDir: NETWORK_PROFILES_DIR,
    keychainService: `PediLedger-bench-${randomUUID()}`,
    log: () => undefined,
  });
  const unsubscribe = services.events.subscribe((event, payload) => {
    JSON.stringify({ event, payload });
  });
  const appInfo = { name: 'PediLedger', version: '0.0.0', shell: 'electron', runtime: 'bench' } as const;
  const router = createIpcRouter(ipcContract, partialAppHandlers(appInfo, services.handlers), { lock: services.lock });
  const imported = await router.call(
    'enrollment:importPem',
    {
      org: user.org,
      label: uid,
      certificatePem: await readFile(user.certPath, 'utf8'),
      privateKeyPem: await readFile(user.keyPath, 'utf8'),
    },
    context,
  );
  if (!imported.ok) throw new Error(`cannot import ${uid}: ${imported.error.message}`);
  // Where each write's time goes inside main: the workflow method is wrapped to note when the router hands over
  // and when it gets the result back, per entry id.
  const workflow = services.session.current();
  if (workflow === null) throw new Error(`no session opened for ${uid}`);
  const timings: AppTimings = { beforeWorkflow: [], workflow: [], afterWorkflow: [] };
  const called = new Map<string, number>();
  const returned = new Map<string, number>();
  const record = workflow.cards.recordEntry.bind(workflow.cards);
  workflow.cards.recordEntry = async (args) => {
    const started = performance.now();
    const key = args.entryId ?? '';
    timings.beforeWorkflow.push(started - (called.get(key) ?? started));
    try {
      return await record(args);
    } finally {
      timings.workflow.push(performance.now() - started);
      returned.set(key, performance.now());
    }
  };
  return {
    name: 'app',
    router,
    services,
    timings,
    async recordMeasurement({ childId, entryId, entry }) {
      called.set(entryId, performance.now());
      const result = await router.call('card:recordEntry', { kind: 'measurement', childId, entryId, entry }, context);
      timings.afterWorkflow.push(performance.now() - (returned.get(entryId) ?? performance.now()));
      called.delete(entryId);
      returned.delete(entryId);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    },
    async close() {
      unsubscribe();
      const identities = await services.identities.list();
      for (const identity of identities) await services.identities.remove(identity.id);
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Decodes a chaincode answer. */
export function json(bytes: Uint8Array): unknown {
  return JSON.parse(decoder.decode(bytes)) as unknown;
}
