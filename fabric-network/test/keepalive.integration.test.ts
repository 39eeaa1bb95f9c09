/**
 * The app's gRPC client against a real peer, held idle past the point where the old settings broke it: the app
 * pinged every 10 s while the peer allowed one ping per 60 s, so Go's gRPC server sent GOAWAY `too_many_pings` on
 * the third early ping (~30 s) and the chaincode event stream on the connection ended with RESOURCE_EXHAUSTED.
 * Now both sides read `shared/grpcTiming.ts`. No timing assertion: the test only waits long enough for several of
 * the app's pings and checks that the connection never left READY and the stream is still open.
 */
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newGrpcConnection, waitForReady } from '../../electron/main/fabric/grpcConnection.ts';
import { APP_KEEPALIVE_TIME_MS } from '../../shared/grpcTiming.ts';
import { connectionProfile } from '../src/profiles.ts';
import { userByUid } from './fabric.ts';

/** Longer than two of the old 10 s intervals plus the old three-strike GOAWAY point, and than two of the new pings. */
const IDLE_MS = Math.max(45_000, 2 * APP_KEEPALIVE_TIME_MS + 5_000);

describe('keepalive between the app and a peer', () => {
  it(
    'an idle connection with an open event stream gets no GOAWAY too_many_pings',
    async () => {
      const peer = connectionProfile('hospital').gatewayPeers[0];
      if (peer === undefined) throw new Error('no hospital gateway peer');
      const client = await newGrpcConnection({ peer });
      const user = await userByUid('ped-alice');
      const gateway = connect({
        client,
        identity: { mspId: user.mspId, credentials: readFileSync(user.certPath) },
        signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(user.keyPath))),
        hash: hash.sha256,
      });
      const states: grpc.connectivityState[] = [];
      let watching = true;
      const channel = client.getChannel();
      const watch = (): void => {
        const current = channel.getConnectivityState(false);
        channel.watchConnectivityState(current, Infinity, () => {
          if (!watching) return;
          states.push(channel.getConnectivityState(false));
          watch();
        });
      };
      let streamError: unknown;
      try {
        expect(await waitForReady(client, 60_000)).toBe(true);
        watch();
        const events = await gateway.getNetwork('medical').getChaincodeEvents('medical');
        // Reading keeps the stream open; an error here is what the old settings produced.
        const reading = (async () => {
          try {
            for await (const event of events) expect(event.chaincodeName).toBe('medical');
          } catch (error) {
            streamError = error;
          }
        })();
        await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
        events.close();
        await reading;
        expect(
          streamError === undefined || (streamError instanceof Error && streamError.message.includes('CANCELLED')),
        ).toBe(true);
        expect(states).toEqual([]);
        expect(channel.getConnectivityState(false)).toBe(grpc.connectivityState.READY);
      } finally {
        watching = false;
        gateway.close();
        client.close();
      }
    },
    IDLE_MS + 120_000,
  );
});
