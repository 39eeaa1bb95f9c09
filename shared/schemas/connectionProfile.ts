// Connection profile of one organisation, as written per org by the network scripts and read by the desktop app.
import { z } from 'zod';

/** The three organisations of the PediLedger network. */
export const OrgName = z.enum(['hospital', 'parents', 'school']);
export type OrgName = z.infer<typeof OrgName>;

/** `host:port` (IPv4, hostname or bracketed IPv6). */
const Endpoint = z
  .string()
  .regex(/^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port')
  .refine((value) => {
    const port = Number(value.slice(value.lastIndexOf(':') + 1));
    return port > 0 && port < 65536;
  }, 'port out of range');

/** A peer the app may use as its Fabric Gateway. */
export const GatewayPeer = z.object({
  /** gRPC endpoint, e.g. `127.0.0.1:7051`. */
  endpoint: Endpoint,
  /** TLS server name to verify the peer's certificate against (e.g. `localhost`). */
  hostAlias: z.string().min(1),
  /** Path to the PEM of the CA that issued the peer's TLS certificate. */
  tlsCaCertPath: z.string().min(1),
});
export type GatewayPeer = z.infer<typeof GatewayPeer>;

/** The organisation's Fabric CA (REST over TLS). */
export const CaEndpoint = z.object({
  /** Base URL, always https, e.g. `https://127.0.0.1:8054`. */
  url: z.url({ protocol: /^https$/, error: 'the CA URL must be https' }),
  /** CA name inside the server (the `caname` request field). */
  caName: z.string().min(1),
  /** Path to the PEM the CA's TLS certificate chains to. */
  tlsCaCertPath: z.string().min(1),
});
export type CaEndpoint = z.infer<typeof CaEndpoint>;

/** A demo user of the local development network, whose certificate and key the network created on this host. */
export const LocalDemoUser = z.object({
  uid: z.string().min(1).max(64),
  /** Paths of the user's PEM certificate and private key under the network's data folder. */
  certPath: z.string().min(1),
  keyPath: z.string().min(1),
});
export type LocalDemoUser = z.infer<typeof LocalDemoUser>;

/**
 * Written only by the local development network into its own profiles (`fabric-network/.data/profiles/<org>.json`):
 * this profile is the local network's, and these are its demo users. The app offers them only for a profile it read
 * from the network's own profile folder, never for an imported one (the portable format has no such field).
 */
export const LocalNetworkMarker = z.object({ demoUsers: z.array(LocalDemoUser).max(32) });
export type LocalNetworkMarker = z.infer<typeof LocalNetworkMarker>;

/** Everything the app needs to reach one organisation's part of the network. */
export const ConnectionProfile = z.object({
  org: OrgName,
  mspId: z.string().min(1),
  channels: z.array(z.string().min(1)),
  gatewayPeers: z.array(GatewayPeer).min(1),
  ca: CaEndpoint,
  localNetwork: LocalNetworkMarker.optional(),
});
export type ConnectionProfile = z.infer<typeof ConnectionProfile>;
