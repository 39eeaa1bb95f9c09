/**
 * gRPC keepalive and gateway timing shared by the app's gRPC clients (`electron/main/fabric/grpcConnection.ts`) and
 * the configuration the local network gives its peers and orderers (`fabric-network/src/peer.ts`, `orderer.ts`).
 *
 * One place, because the two sides must agree: a gRPC server (Go's grpc, which Fabric uses) answers a client that
 * pings more often than its enforcement policy's MinTime with GOAWAY `too_many_pings` and closes the connection,
 * breaking every stream on it (event streams end with RESOURCE_EXHAUSTED). The app used to ping every 10 s while
 * Fabric's default `peer.keepalive.minInterval` / `General.Keepalive.ServerMinInterval` is 60 s.
 *
 * Fabric 2.5 keys (verified in its source: core/peer/config.go, internal/peer/node/start.go,
 * orderer/common/localconfig/config.go, internal/pkg/comm/config.go, internal/pkg/gateway/config/options.go):
 * - `peer.keepalive.minInterval` (server enforcement, PermitWithoutStream = true), `peer.keepalive.interval` /
 *   `timeout` (server pings its clients), `peer.keepalive.client.interval` / `timeout` (peer → peer),
 *   `peer.keepalive.deliveryClient.interval` / `timeout` (peer → orderer block delivery);
 * - `General.Keepalive.ServerMinInterval` / `ServerInterval` / `ServerTimeout` for orderers;
 * - `peer.gateway.broadcastTimeout`: how long the gateway waits for one orderer before trying the next.
 * The Fabric CAs speak HTTP(S) without keepalive pings, so nothing here applies to them.
 *
 * All values are milliseconds.
 */

/** What every peer and orderer enforces: a client may ping at most once per this interval. */
export const SERVER_MIN_PING_INTERVAL_MS = 15_000;

/** How often a peer or orderer pings an idle client to see it is still there, and how long it waits for the answer. */
export const SERVER_PING_INTERVAL_MS = 300_000;
export const SERVER_PING_TIMEOUT_MS = 20_000;

/**
 * The app's client pings: twice the servers' minimum, so jitter and a busy machine (a ping sent a little early
 * by the client's clock, late by the server's) never make a ping count against the policy. A peer that stopped
 * answering shows up as UNAVAILABLE within interval + timeout (40 s) on an idle connection; a call in flight has its
 * own deadline (`electron/main/fabric/deadlines.ts`).
 */
export const APP_KEEPALIVE_TIME_MS = 2 * SERVER_MIN_PING_INTERVAL_MS;
export const APP_KEEPALIVE_TIMEOUT_MS = 10_000;

/** Node-to-node clients (peer → peer gossip and endorsement, peer → orderer delivery), Fabric's default interval. */
export const NODE_CLIENT_PING_INTERVAL_MS = 60_000;
export const NODE_CLIENT_PING_TIMEOUT_MS = 20_000;

/**
 * How long a peer's gateway waits for one orderer's answer to a broadcast before it tries the next: below the app's
 * submit deadline (`DEFAULT_DEADLINES.submitMs`, 10 s) so a silent orderer is skipped within one submit rather than
 * hanging it until the client gives up. Fabric's default is 30 s.
 */
export const GATEWAY_BROADCAST_TIMEOUT_MS = 4_000;

/** A duration as Fabric's configuration reads it (Go's time.ParseDuration): whole seconds, e.g. `15s`. */
export function fabricDuration(ms: number): string {
  if (!Number.isInteger(ms / 1000)) throw new Error(`${ms} ms is not a whole number of seconds`);
  return `${ms / 1000}s`;
}
