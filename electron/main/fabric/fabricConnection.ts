// The app's one connection to the Fabric network for the active identity: a Gateway on the first reachable gateway
// peer of the organisation's profile, failover to the next peer when it stops answering, and a return to the
// preferred peer once it answers again.
import { connect, type Gateway } from '@hyperledger/fabric-gateway';
import type { ConnectionProfile, GatewayPeer, OrgName } from '../../../shared/schemas/connectionProfile.ts';
import { parseCertificate } from '../identity/certificate.ts';
import type { SigningMaterial } from '../identity/identityService.ts';
import {
  ConnectionStatePublisher,
  type ConnectionStateListener,
  type FabricConnectionState,
} from './connectionState.ts';
import { DEFAULT_DEADLINES, newGatewayCallOptions, type DeadlineOptions } from './deadlines.ts';
import { isUnreachable } from './errorMapping.ts';
import { NotConnectedError, OfflineError } from './errors.ts';
import { newGrpcConnection, waitForReady } from './grpcConnection.ts';
import { newSigning, type Signing } from './signer.ts';

/** Options for {@link FabricConnection}. */
export interface FabricConnectionOptions {
  /** The profile of the identity's organisation; its `gatewayPeers` are tried in order. */
  profile: ConnectionProfile;
  /** The active identity's certificate and private key. */
  signing: SigningMaterial;
  /** Per-call-type deadlines; defaults to {@link DEFAULT_DEADLINES}. */
  deadlines?: Partial<DeadlineOptions>;
  /** How long a peer may take to accept a TLS connection before the next one is tried (default 3 s). */
  connectTimeoutMs?: number;
  /** How often a preferred peer is tried again while failed over or offline (default 5 s). */
  probeIntervalMs?: number;
  /**
   * How a gateway peer is dialled. Default: a TLS gRPC client per peer, ready within `connectTimeoutMs`, and a
   * fabric-gateway `connect` signed as the identity. Unit tests pass their own to drive failover.
   */
  dialer?: PeerDialer;
}

/** A Gateway on one peer, and how to close it together with its gRPC client. */
export interface DialledGateway {
  readonly gateway: Gateway;
  close(): void;
}

/** Opens a Gateway on one gateway peer; null when the peer cannot be used or does not answer in time. */
export type PeerDialer = (peer: GatewayPeer) => Promise<DialledGateway | null>;

/** The default dialler: TLS gRPC, ready within `connectTimeoutMs`, then fabric-gateway's `connect`. */
function grpcDialer(
  signing: SigningMaterial,
  signer: Signing,
  deadlines: DeadlineOptions,
  connectTimeoutMs: number,
): PeerDialer {
  return async (peer) => {
    let client;
    try {
      client = await newGrpcConnection({ peer });
    } catch {
      return null; // unreadable TLS root: this peer cannot be used, the next may
    }
    if (!(await waitForReady(client, connectTimeoutMs))) {
      client.close();
      return null;
    }
    const gateway = connect({
      client,
      identity: { mspId: signing.mspId, credentials: Buffer.from(signing.certificatePem) },
      ...signer,
      ...newGatewayCallOptions(deadlines),
    });
    return {
      gateway,
      close: () => {
        gateway.close();
        client.close();
      },
    };
  };
}

/** What {@link FabricConnection.withGateway} may do when the gateway peer is unreachable. */
export interface WithGatewayOptions {
  /**
   * Run the function again on the next peer. Only for calls that are safe to repeat: evaluations, and endorsements
   * (nothing was ordered yet). Never after a transaction may have reached the orderer.
   */
  retryOnUnreachable: boolean;
}

interface ActiveGateway extends DialledGateway {
  readonly peerIndex: number;
}

/**
 * A Fabric Gateway connection with failover. Every network call of the app goes through {@link withGateway}, which
 * knows which peer is in use; the state (`connected`, `reconnecting`, `offline`) is published for the UI.
 *
 * @example
 * const connection = new FabricConnection({ profile, signing });
 * const card = await connection.withGateway((gateway) =>
 *   gateway.getNetwork('medical').getContract('medical').evaluate('ReadMedicalCard', { arguments: [childId] }),
 *   { retryOnUnreachable: true });
 */
export class FabricConnection {
  readonly #profile: ConnectionProfile;
  readonly #signing: SigningMaterial;
  readonly #deadlines: DeadlineOptions;
  readonly #probeIntervalMs: number;
  readonly #state = new ConnectionStatePublisher();
  readonly #dial: PeerDialer;
  #active: ActiveGateway | undefined;
  #connecting: Promise<ActiveGateway> | undefined;
  #probeTimer: NodeJS.Timeout | undefined;
  #probing = false;
  #closed = false;

  constructor(options: Readonly<FabricConnectionOptions>) {
    this.#profile = options.profile;
    this.#signing = options.signing;
    this.#deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines };
    this.#probeIntervalMs = options.probeIntervalMs ?? 5_000;
    this.#dial =
      options.dialer ??
      grpcDialer(
        options.signing,
        newSigning(options.signing.privateKey),
        this.#deadlines,
        options.connectTimeoutMs ?? 3_000,
      );
  }

  /** The local id of the identity this connection signs with. */
  get identityId(): string {
    return this.#signing.identityId;
  }

  /** The identity's MSP id. */
  get mspId(): string {
    return this.#signing.mspId;
  }

  /** Who signs this connection's proposals: the MSP and when the certificate expires (to explain refusals). */
  get caller(): { mspId: string; notAfter: string } {
    return {
      mspId: this.#signing.mspId,
      notAfter: parseCertificate(this.#signing.certificatePem).notAfter.toISOString(),
    };
  }

  /** The identity's organisation. */
  get org(): OrgName {
    return this.#profile.org;
  }

  /** The current connection state. */
  get state(): FabricConnectionState {
    return this.#state.current;
  }

  /** Calls `listener` on every state change until the returned function is called. */
  onStateChange(listener: ConnectionStateListener): () => void {
    return this.#state.subscribe(listener);
  }

  /**
   * Connects to the first reachable gateway peer.
   * @throws OfflineError when none answers (background retries continue; the state says `offline`).
   */
  async open(): Promise<void> {
    await this.#gateway();
  }

  /**
   * Runs `fn` with the current Gateway. When the gateway peer turns out to be unreachable, the connection moves to
   * the next peer and, if `retryOnUnreachable`, runs `fn` again there (once per peer).
   */
  async withGateway<T>(fn: (gateway: Gateway) => Promise<T>, options: Readonly<WithGatewayOptions>): Promise<T> {
    const attempts = options.retryOnUnreachable ? this.#profile.gatewayPeers.length : 1;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const active = await this.#gateway();
      try {
        return await fn(active.gateway);
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        lastError = error;
        this.#dropPeer(active);
      }
    }
    throw lastError;
  }

  /**
   * Asks each gateway peer of the profile in turn until one gives an answer: `fn` resolving to a value. The active
   * gateway is asked first or last (`activeFirst`); every other peer through a Gateway dialled for this question and
   * closed after it. The connection itself is left as it is (no failover, no state change): this is for questions any
   * peer of the channel can answer, such as the commit status of a transaction id, when the active gateway could not.
   * A peer that throws or cannot be dialled is skipped.
   * @returns the first answer, or undefined when no peer gave one.
   */
  async askEachPeer<T>(
    fn: (gateway: Gateway) => Promise<T | undefined>,
    options: Readonly<{ activeFirst: boolean }>,
  ): Promise<T | undefined> {
    const active = this.#active;
    const others = this.#profile.gatewayPeers.map((_, index) => index).filter((index) => index !== active?.peerIndex);
    const order: (number | 'active')[] =
      active === undefined ? others : options.activeFirst ? ['active', ...others] : [...others, 'active'];
    for (const which of order) {
      if (this.#closed) return undefined;
      const dialled = which === 'active' ? null : await this.#tryPeer(which);
      const gateway = which === 'active' ? active?.gateway : dialled?.gateway;
      if (gateway === undefined) continue;
      try {
        const answer = await fn(gateway);
        if (answer !== undefined) return answer;
      } catch {
        // This peer could not answer either: the next may.
      } finally {
        dialled?.close();
      }
    }
    return undefined;
  }

  /** Closes the gateway and its gRPC client; the state becomes `disconnected`. */
  close(): void {
    this.#closed = true;
    clearInterval(this.#probeTimer);
    this.#probeTimer = undefined;
    this.#release(this.#active);
    this.#active = undefined;
    this.#state.publish({ status: 'disconnected' });
  }

  #gateway(): Promise<ActiveGateway> {
    if (this.#closed) return Promise.reject(new NotConnectedError('The connection was closed'));
    if (this.#active !== undefined) return Promise.resolve(this.#active);
    this.#connecting ??= this.#connectFirstReachable().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connectFirstReachable(failedIndex?: number): Promise<ActiveGateway> {
    const peers = this.#profile.gatewayPeers;
    // The peer that just failed is tried last: it is the least likely to answer now.
    const order = peers.map((_, index) => index).filter((index) => index !== failedIndex);
    if (failedIndex !== undefined) order.push(failedIndex);
    for (const index of order) {
      const active = await this.#tryPeer(index);
      if (active === null) continue;
      if (this.#closed) {
        this.#release(active);
        throw new NotConnectedError('The connection was closed');
      }
      this.#activate(active);
      return active;
    }
    this.#state.publish({
      status: 'offline',
      identityId: this.identityId,
      org: this.org,
      since: new Date().toISOString(),
    });
    this.#scheduleProbe();
    throw new OfflineError(`No gateway peer of ${this.org} answers (${peers.map((p) => p.endpoint).join(', ')})`);
  }

  async #tryPeer(index: number): Promise<ActiveGateway | null> {
    const peer = this.#profile.gatewayPeers[index];
    if (peer === undefined) return null;
    const dialled = await this.#dial(peer);
    return dialled === null
      ? null
      : {
          peerIndex: index,
          gateway: dialled.gateway,
          close: () => {
            dialled.close();
          },
        };
  }

  #activate(active: ActiveGateway): void {
    const previous = this.#active;
    this.#active = active;
    const peer = this.#profile.gatewayPeers[active.peerIndex];
    this.#state.publish({
      status: 'connected',
      identityId: this.identityId,
      org: this.org,
      endpoint: peer?.endpoint ?? '',
      failedOver: active.peerIndex > 0,
      since: new Date().toISOString(),
    });
    if (previous !== undefined && previous !== active) this.#releaseLater(previous);
    if (active.peerIndex > 0) this.#scheduleProbe();
    else this.#stopProbe();
  }

  #dropPeer(failed: ActiveGateway): void {
    if (this.#active !== failed) return; // another call already moved on
    this.#active = undefined;
    this.#release(failed);
    this.#state.publish({
      status: 'reconnecting',
      identityId: this.identityId,
      org: this.org,
      lastEndpoint: this.#profile.gatewayPeers[failed.peerIndex]?.endpoint ?? null,
    });
    this.#connecting ??= this.#connectFirstReachable(failed.peerIndex).finally(() => {
      this.#connecting = undefined;
    });
    // The caller awaits #gateway() next, which joins this attempt; a rejection there is the caller's to see.
    this.#connecting.catch(() => undefined);
  }

  #scheduleProbe(): void {
    if (this.#probeTimer !== undefined || this.#closed) return;
    this.#probeTimer = setInterval(() => {
      void this.#probe();
    }, this.#probeIntervalMs);
    // Probing must never keep a Node process (tests, the bench) alive on its own.
    this.#probeTimer.unref();
  }

  #stopProbe(): void {
    clearInterval(this.#probeTimer);
    this.#probeTimer = undefined;
  }

  /** Tries the peers preferred over the current one; switches to the first that answers. */
  async #probe(): Promise<void> {
    if (this.#probing || this.#closed || this.#connecting !== undefined) return;
    this.#probing = true;
    try {
      const limit = this.#active?.peerIndex ?? this.#profile.gatewayPeers.length;
      for (let index = 0; index < limit; index++) {
        const candidate = await this.#tryPeer(index);
        if (candidate === null) continue;
        if (!this.#wantsPeer(index)) {
          this.#release(candidate);
          return;
        }
        this.#activate(candidate);
        return;
      }
    } finally {
      this.#probing = false;
    }
  }

  /** Whether switching to peer `index` is still an improvement (a concurrent reconnect may have won meanwhile). */
  #wantsPeer(index: number): boolean {
    if (this.#closed) return false;
    return this.#active === undefined || this.#active.peerIndex > index;
  }

  #release(active: ActiveGateway | undefined): void {
    if (active === undefined) return;
    active.close();
  }

  /** Closes a replaced gateway once calls still running on it (a commit wait, at most) are done. */
  #releaseLater(active: ActiveGateway): void {
    setTimeout(() => {
      this.#release(active);
    }, this.#deadlines.commitStatusMs).unref();
  }
}
