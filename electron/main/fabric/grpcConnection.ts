// One gRPC client per gateway peer. The client is shared by every Gateway connection to that endpoint.
import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { APP_KEEPALIVE_TIME_MS, APP_KEEPALIVE_TIMEOUT_MS } from '../../../shared/grpcTiming.ts';
import type { GatewayPeer } from '../../../shared/schemas/connectionProfile.ts';

/** Options for {@link newGrpcConnection}. */
export interface GrpcConnectionOptions {
  peer: GatewayPeer;
  /** PEM of the CA that issued the peer's TLS certificate (read from `peer.tlsCaCertPath` when left out). */
  tlsRootPem?: Buffer;
}

/**
 * Opens a TLS gRPC client to a gateway peer. The endpoint may be an IP address, but TLS checks the certificate
 * against `hostAlias` (an IP cannot be an SNI name), hence the target-name override. Keepalive pings make a peer
 * that stopped answering show up as UNAVAILABLE instead of an endless wait; their interval comes from
 * `shared/grpcTiming.ts`, which also sets what the peers allow (faster pings get GOAWAY `too_many_pings`).
 */
export async function newGrpcConnection(options: Readonly<GrpcConnectionOptions>): Promise<grpc.Client> {
  const tlsRootPem = options.tlsRootPem ?? (await readFile(options.peer.tlsCaCertPath));
  return new grpc.Client(options.peer.endpoint, grpc.credentials.createSsl(tlsRootPem), {
    'grpc.ssl_target_name_override': options.peer.hostAlias,
    'grpc.default_authority': options.peer.hostAlias,
    'grpc.keepalive_time_ms': APP_KEEPALIVE_TIME_MS,
    'grpc.keepalive_timeout_ms': APP_KEEPALIVE_TIMEOUT_MS,
    'grpc.keepalive_permit_without_calls': 1,
    // Fail fast on a closed port instead of backing off for minutes: failover decides what to try next.
    'grpc.initial_reconnect_backoff_ms': 500,
    'grpc.max_reconnect_backoff_ms': 5_000,
  });
}

/** Resolves true once the client's channel is ready (TCP + TLS handshake done), false after `timeoutMs`. */
export function waitForReady(client: grpc.Client, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    client.waitForReady(Date.now() + timeoutMs, (error) => {
      resolve(error === undefined);
    });
  });
}
