import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINES } from '../../electron/main/fabric/deadlines.ts';
import { newGrpcConnection } from '../../electron/main/fabric/grpcConnection.ts';
import { ordererProcess } from './orderer.ts';
import { peerProcess } from './peer.ts';
import { orderers, peerOrgKeys, peers } from './topology.ts';

/** Go's time.ParseDuration for the forms the network writes (`15s`, `2m`, `500ms`), in milliseconds. */
function durationMs(value: string | undefined): number {
  const match = /^(\d+)(ms|s|m)$/.exec(value ?? '');
  if (match === null) throw new Error(`not a duration: ${String(value)}`);
  const unit = { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
  return Number(match[1]) * unit;
}

/** The keepalive options the app's gRPC client really gets, read back from the channel options it was built with. */
async function appClientOptions(): Promise<Record<string, unknown>> {
  const client = await newGrpcConnection({
    peer: { endpoint: '127.0.0.1:1', hostAlias: 'localhost', tlsCaCertPath: '' },
    tlsRootPem: Buffer.alloc(0),
  });
  try {
    // grpc-js keeps the options it was given on the internal channel; read them instead of trusting the constants.
    const channel = client.getChannel() as unknown as { internalChannel?: { options?: Record<string, unknown> } };
    const options = channel.internalChannel?.options;
    if (options === undefined) throw new Error('grpc-js no longer exposes the channel options');
    return options;
  } finally {
    client.close();
  }
}

describe('keepalive: the app and every node agree (a faster ping than a server allows is GOAWAY too_many_pings)', () => {
  it('the app pings no more often than any peer or orderer permits, with room for jitter', async () => {
    const options = await appClientOptions();
    const appPingMs = options['grpc.keepalive_time_ms'] as number;
    const minIntervals = [
      ...peerOrgKeys.map((org) => durationMs(peerProcess(peers[org]).env['CORE_PEER_KEEPALIVE_MININTERVAL'])),
      ...orderers.map((o) => durationMs(ordererProcess(o).env['ORDERER_GENERAL_KEEPALIVE_SERVERMININTERVAL'])),
    ];
    expect(minIntervals.length).toBe(peerOrgKeys.length + orderers.length);
    for (const minInterval of minIntervals) expect(appPingMs).toBeGreaterThanOrEqual(2 * minInterval);
  });

  it("the peers' own client pings (gossip, endorsement, block delivery) respect the other nodes' minimum", () => {
    for (const org of peerOrgKeys) {
      const env = peerProcess(peers[org]).env;
      const allowed = Math.max(
        ...peerOrgKeys.map((other) => durationMs(peerProcess(peers[other]).env['CORE_PEER_KEEPALIVE_MININTERVAL'])),
      );
      expect(durationMs(env['CORE_PEER_KEEPALIVE_CLIENT_INTERVAL'])).toBeGreaterThanOrEqual(allowed);
      const ordererAllowed = Math.max(
        ...orderers.map((o) => durationMs(ordererProcess(o).env['ORDERER_GENERAL_KEEPALIVE_SERVERMININTERVAL'])),
      );
      expect(durationMs(env['CORE_PEER_KEEPALIVE_DELIVERYCLIENT_INTERVAL'])).toBeGreaterThanOrEqual(ordererAllowed);
    }
  });

  it("the gateway gives up on a silent orderer before the app's submit deadline", () => {
    for (const org of peerOrgKeys) {
      const broadcast = durationMs(peerProcess(peers[org]).env['CORE_PEER_GATEWAY_BROADCASTTIMEOUT']);
      expect(broadcast).toBeLessThan(DEFAULT_DEADLINES.submitMs);
    }
  });
});
