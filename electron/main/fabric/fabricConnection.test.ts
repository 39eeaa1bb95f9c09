// Failover, case by case, with fabric-gateway's own GatewayError and gRPC status codes: the peers are fakes behind
// the connection's PeerDialer seam; the real network's failover is covered by electron/test (a stopped peer).
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { GatewayError, type Gateway } from '@hyperledger/fabric-gateway';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../../shared/schemas/connectionProfile.ts';
import type { SigningMaterial } from '../identity/identityService.ts';
import { parsePrivateKeyPem } from '../identity/privateKey.ts';
import { makeTestCredentials } from '../identity/testing/testCredentials.ts';
import { OfflineError } from './errors.ts';
import { FabricConnection, type DialledGateway, type PeerDialer } from './fabricConnection.ts';

const endpoints = ['peer0:7051', 'peer1:7051', 'peer2:7051'];
const profile = {
  org: 'hospital',
  mspId: 'HospitalMSP',
  channels: ['medical', 'report'],
  gatewayPeers: endpoints.map((endpoint) => ({ endpoint, hostAlias: 'localhost', tlsCaCertPath: 'unused.pem' })),
  ca: { url: 'https://127.0.0.1:1', caName: 'ca-hospital', tlsCaCertPath: 'unused.pem' },
} as unknown as ConnectionProfile;

let signing: SigningMaterial;

beforeAll(async () => {
  const credentials = await makeTestCredentials({ enrollmentId: 'ped-alice' });
  signing = {
    identityId: 'alice',
    mspId: 'HospitalMSP',
    certificatePem: credentials.certificatePem,
    privateKey: parsePrivateKeyPem(credentials.privateKeyPem),
  };
});

/** A gateway error as fabric-gateway builds it from a gRPC status, with per-endorser details if any. */
function gatewayError(code: GrpcStatus, details: string[] = []): GatewayError {
  return new GatewayError({
    code,
    message: `${String(code)} ${GrpcStatus[code]}: failed`,
    details: details.map((message) => ({ address: 'peer9:7051', mspId: 'ParentsMSP', message })),
    cause: new Error('failed') as ServiceError,
  });
}

/** Fake peers: which answer a dial, and a log of dials and closes. */
function fakePeers(answering: Set<string>): { dialer: PeerDialer; log: string[]; gatewayOf: Map<Gateway, string> } {
  const log: string[] = [];
  const gatewayOf = new Map<Gateway, string>();
  const dialer: PeerDialer = (peer) => {
    log.push(`dial ${peer.endpoint}`);
    if (!answering.has(peer.endpoint)) return Promise.resolve(null);
    const gateway = { endpoint: peer.endpoint } as unknown as Gateway;
    gatewayOf.set(gateway, peer.endpoint);
    const dialled: DialledGateway = {
      gateway,
      close: () => log.push(`close ${peer.endpoint}`),
    };
    return Promise.resolve(dialled);
  };
  return { dialer, log, gatewayOf };
}

function connection(dialer: PeerDialer): FabricConnection {
  // A probe interval far beyond the test: probing back to a preferred peer is not what these cases look at.
  return new FabricConnection({ profile, signing, dialer, probeIntervalMs: 3_600_000 });
}

describe('FabricConnection failover', () => {
  it('connects to the first peer that answers and says so', async () => {
    const peers = fakePeers(new Set(['peer1:7051', 'peer2:7051']));
    const fabric = connection(peers.dialer);
    await fabric.open();
    expect(peers.log).toEqual(['dial peer0:7051', 'dial peer1:7051']);
    expect(fabric.state).toMatchObject({ status: 'connected', endpoint: 'peer1:7051', failedOver: true });
    fabric.close();
  });

  it('runs a repeatable call again on the next peer when the gateway peer is UNAVAILABLE, trying the failed one last', async () => {
    const peers = fakePeers(new Set(endpoints));
    const fabric = connection(peers.dialer);
    const seen: string[] = [];
    const states: string[] = [];
    fabric.onStateChange((state) => states.push(state.status));
    const result = await fabric.withGateway(
      (gateway) => {
        const endpoint = peers.gatewayOf.get(gateway) ?? '?';
        seen.push(endpoint);
        return endpoint === 'peer0:7051' ? Promise.reject(gatewayError(GrpcStatus.UNAVAILABLE)) : Promise.resolve('ok');
      },
      { retryOnUnreachable: true },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual(['peer0:7051', 'peer1:7051']);
    expect(peers.log).toEqual(['dial peer0:7051', 'close peer0:7051', 'dial peer1:7051']);
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
    fabric.close();
  });

  it.each([
    'failed to find any endorsing peers for org(s): ParentsMSP',
    'no combination of peers can be derived which satisfy the endorsement policy: no peer combination',
  ])(
    'keeps a healthy gateway that answers "%s" (another organisation is missing; no gateway could fix it)',
    async (text) => {
      const peers = fakePeers(new Set(endpoints));
      const fabric = connection(peers.dialer);
      const states: string[] = [];
      fabric.onStateChange((state) => states.push(state.status));
      let calls = 0;
      const planning = new GatewayError({
        code: GrpcStatus.UNAVAILABLE,
        message: `${String(GrpcStatus.UNAVAILABLE)} UNAVAILABLE: ${text}`,
        details: [],
        cause: new Error(text) as ServiceError,
      });
      await expect(
        fabric.withGateway(
          () => {
            calls++;
            return Promise.reject(planning);
          },
          { retryOnUnreachable: true },
        ),
      ).rejects.toBe(planning);
      expect(calls).toBe(1);
      expect(peers.log).toEqual(['dial peer0:7051']);
      expect(states).toEqual(['connected']);
      expect(fabric.state).toMatchObject({ status: 'connected', endpoint: 'peer0:7051' });
      fabric.close();
    },
  );

  it('treats DEADLINE_EXCEEDED from the gateway peer itself as unreachable too', async () => {
    const peers = fakePeers(new Set(endpoints));
    const fabric = connection(peers.dialer);
    let calls = 0;
    await fabric.withGateway(
      () => (++calls === 1 ? Promise.reject(gatewayError(GrpcStatus.DEADLINE_EXCEEDED)) : Promise.resolve(null)),
      { retryOnUnreachable: true },
    );
    expect(calls).toBe(2);
    fabric.close();
  });

  it('never repeats a call that may have reached the orderer: it moves on and reports the failure', async () => {
    const peers = fakePeers(new Set(endpoints));
    const fabric = connection(peers.dialer);
    let calls = 0;
    const unavailable = gatewayError(GrpcStatus.UNAVAILABLE);
    await expect(
      fabric.withGateway(
        () => {
          calls++;
          return Promise.reject(unavailable);
        },
        { retryOnUnreachable: false },
      ),
    ).rejects.toBe(unavailable);
    expect(calls).toBe(1);
    // The next call already runs on the next peer.
    await fabric.withGateway((gateway) => Promise.resolve(peers.gatewayOf.get(gateway)), { retryOnUnreachable: false });
    expect(fabric.state).toMatchObject({ status: 'connected', endpoint: 'peer1:7051' });
    fabric.close();
  });

  it('keeps the peer when other endorsers timed out (the gateway peer answered) or the chaincode refused', async () => {
    const peers = fakePeers(new Set(endpoints));
    const fabric = connection(peers.dialer);
    const slowEndorsers = gatewayError(GrpcStatus.DEADLINE_EXCEEDED, ['endorser peer9 timed out']);
    await expect(fabric.withGateway(() => Promise.reject(slowEndorsers), { retryOnUnreachable: true })).rejects.toBe(
      slowEndorsers,
    );
    const refused = gatewayError(GrpcStatus.ABORTED, ['chaincode response 500, FORBIDDEN: no']);
    await expect(fabric.withGateway(() => Promise.reject(refused), { retryOnUnreachable: true })).rejects.toBe(refused);
    expect(peers.log).toEqual(['dial peer0:7051']);
    expect(fabric.state).toMatchObject({ status: 'connected', endpoint: 'peer0:7051' });
    fabric.close();
  });

  it('is offline when no peer answers, with every endpoint named, and a closed connection refuses calls', async () => {
    const peers = fakePeers(new Set());
    const fabric = connection(peers.dialer);
    const failure = fabric.open();
    await expect(failure).rejects.toBeInstanceOf(OfflineError);
    await expect(failure).rejects.toThrow(/peer0:7051, peer1:7051, peer2:7051/);
    expect(fabric.state.status).toBe('offline');
    fabric.close();
    expect(fabric.state.status).toBe('disconnected');
    await expect(fabric.withGateway(() => Promise.resolve(1), { retryOnUnreachable: true })).rejects.toThrow(/closed/);
  });

  it('gives up after one try per peer, with the last failure', async () => {
    const peers = fakePeers(new Set(endpoints));
    const fabric = connection(peers.dialer);
    let calls = 0;
    const last = gatewayError(GrpcStatus.UNAVAILABLE);
    await expect(
      fabric.withGateway(
        () => {
          calls++;
          return Promise.reject(calls === endpoints.length ? last : gatewayError(GrpcStatus.UNAVAILABLE));
        },
        { retryOnUnreachable: true },
      ),
    ).rejects.toBe(last);
    expect(calls).toBe(endpoints.length);
    fabric.close();
  });
});

describe('FabricConnection.askEachPeer: a question any peer can answer, without touching the connection', () => {
  it('asks the other peers first (each through a Gateway closed after it), then the active one; state unchanged', async () => {
    const { dialer, log, gatewayOf } = fakePeers(new Set(endpoints));
    const connection = new FabricConnection({ profile, signing, dialer });
    await connection.open();
    const before = connection.state;
    log.length = 0;
    const asked: string[] = [];
    const answer = await connection.askEachPeer(
      (gateway) => {
        const endpoint = gatewayOf.get(gateway) ?? '?';
        asked.push(endpoint);
        // peer1 cannot tell (throws), peer2 knows.
        if (endpoint === 'peer1:7051') return Promise.reject(gatewayError(GrpcStatus.DEADLINE_EXCEEDED));
        return Promise.resolve(endpoint === 'peer2:7051' ? 'VALID' : undefined);
      },
      { activeFirst: false },
    );
    expect(answer).toBe('VALID');
    expect(asked).toEqual(['peer1:7051', 'peer2:7051']);
    expect(log).toEqual(['dial peer1:7051', 'close peer1:7051', 'dial peer2:7051', 'close peer2:7051']);
    expect(connection.state).toBe(before);
    connection.close();
  });

  it('asks the active gateway first when told to, and answers undefined when no peer can tell', async () => {
    const { dialer, log, gatewayOf } = fakePeers(new Set(['peer0:7051', 'peer2:7051']));
    const connection = new FabricConnection({ profile, signing, dialer });
    await connection.open();
    log.length = 0;
    const asked: string[] = [];
    const answer = await connection.askEachPeer<string>(
      (gateway) => {
        asked.push(gatewayOf.get(gateway) ?? '?');
        return Promise.resolve(undefined);
      },
      { activeFirst: true },
    );
    expect(answer).toBeUndefined();
    // peer1 does not answer a dial: skipped; the active peer0 is never closed.
    expect(asked).toEqual(['peer0:7051', 'peer2:7051']);
    expect(log).toEqual(['dial peer1:7051', 'dial peer2:7051', 'close peer2:7051']);
    connection.close();
  });
});
