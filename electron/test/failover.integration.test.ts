// Failover between gateway peers on the real network: a closed port first in the profile, a stalled peer (SIGSTOP,
// always resumed in `finally`), recovery back to the preferred peer, and a clear offline state.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peers } from '../../fabric-network/src/topology.ts';
import { loadNetworkStatus } from '../../fabric-network/test/fabric.ts';
import type { FabricConnectionState } from '../main/fabric/connectionState.ts';
import { OfflineError } from '../main/fabric/errors.ts';
import { closeAfterStallingAPeer, connectDemoUser, type DemoSession } from './demoSession.ts';

// From the port plan, so the test also runs on a network shifted by PEDILEDGER_PORT_OFFSET.
const parentsPeer = `127.0.0.1:${String(peers.parents.port)}`;
const hospitalPeer = `127.0.0.1:${String(peers.hospital.port)}`;

const run = Date.now().toString(36);
const CLOSED_PORT_PEER = { endpoint: '127.0.0.1:1', hostAlias: 'localhost' };
const fastFailover = { deadlines: { evaluateMs: 2_000 }, connectTimeoutMs: 1_000, probeIntervalMs: 500 };
let dataDir: string;
const opened: DemoSession[] = [];

async function session(options: Partial<Parameters<typeof connectDemoUser>[1]> = {}): Promise<DemoSession> {
  const created = await connectDemoUser('parent-emma', {
    dataDir,
    keychainService: `PediLedger-failover-${run}`,
    connection: fastFailover,
    ...options,
  });
  opened.push(created);
  return created;
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pediledger-failover-'));
});

afterAll(async () => {
  // This file stalls a shared peer: leave the network as the next test file expects it.
  expect(await closeAfterStallingAPeer(opened, dataDir)).toEqual([]);
});

describe('gateway failover', () => {
  it('skips a peer whose port is closed and uses the next one in the profile', async () => {
    const emma = await session({
      tweakProfile: (profile) => ({
        ...profile,
        gatewayPeers: [
          { ...CLOSED_PORT_PEER, tlsCaCertPath: profile.gatewayPeers[0]?.tlsCaCertPath ?? '' },
          ...profile.gatewayPeers,
        ],
      }),
    });
    expect(emma.connection.state).toMatchObject({ status: 'connected', endpoint: parentsPeer, failedOver: true });
    expect(Array.isArray(await emma.children.listMyChildren())).toBe(true);
  });

  it('fails over from a stalled parents peer to the hospital peer and returns when it recovers', async () => {
    const emma = await session();
    const states: FabricConnectionState[] = [];
    emma.connection.onStateChange((state) => states.push(state));
    expect(emma.connection.state).toMatchObject({ endpoint: parentsPeer, failedOver: false });
    await emma.children.listMyChildren();

    const parentsPeerNode = (await loadNetworkStatus()).nodes.find((node) => node.name === 'peer0.parents');
    const pid = parentsPeerNode?.pid;
    if (pid === null || pid === undefined) throw new Error('peer0.parents is not running');
    process.kill(pid, 'SIGSTOP');
    try {
      // The stalled peer never answers: the read hits its deadline, the connection moves on, the read is repeated.
      expect(Array.isArray(await emma.children.listMyChildren())).toBe(true);
      expect(emma.connection.state).toMatchObject({
        status: 'connected',
        endpoint: hospitalPeer,
        failedOver: true,
      });
      expect(states.map((s) => s.status)).toContain('reconnecting');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await until(
      () =>
        emma.connection.state.status === 'connected' &&
        !('failedOver' in emma.connection.state && emma.connection.state.failedOver),
      20_000,
    );
    expect(emma.connection.state).toMatchObject({ endpoint: parentsPeer, failedOver: false });
    expect(Array.isArray(await emma.children.listMyChildren())).toBe(true);
  });

  it('reports offline clearly when no peer answers', async () => {
    await expect(
      session({
        tweakProfile: (profile) => ({
          ...profile,
          gatewayPeers: [{ ...CLOSED_PORT_PEER, tlsCaCertPath: profile.gatewayPeers[0]?.tlsCaCertPath ?? '' }],
        }),
      }),
    ).rejects.toBeInstanceOf(OfflineError);
  });
});
