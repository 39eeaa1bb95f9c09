/**
 * What every node of the local network logs, defined once: the peers', orderers' and CAs' log levels, the chaincode
 * servers' and the peer CLI's. The rule behind them (SECURITY.md, "Logging policy"): no health data, names, birth
 * dates or report bodies at any level a node runs with. Fabric prints payloads in a few places; the loggers that do
 * so on paths our network takes are listed in {@link silencedLoggers} and held at ERROR, everything else stays at
 * INFO so an operator still sees what happened.
 */

/** A Fabric logger held above its default level because it prints payloads. */
export interface SilencedLogger {
  /** The flogging name, as it appears in brackets in the node's log (`[gateway.responsechecker]`). */
  readonly logger: string;
  /** The level it runs at instead of the node's default. */
  readonly level: 'error';
  /** What it prints below that level, and where in Fabric 2.5.0. */
  readonly prints: string;
  /** The diagnostics an operator loses, and what remains. */
  readonly lost: string;
}

/**
 * Peer loggers held at ERROR. Checked against Fabric 2.5.0's source (`internal/pkg/gateway`, `core/endorser`,
 * `core/chaincode`, `core/ledger`, `core/committer`, `gossip/privdata`, `core/transientstore`): the endorser, ledger,
 * validation and private-data loggers print ids, keys, digests and error texts at INFO and above, never values;
 * payloads appear only at DEBUG, which no node runs with.
 */
export const silencedLoggers: readonly SilencedLogger[] = [
  {
    logger: 'gateway.responsechecker',
    level: 'error',
    prints:
      'at WARN, when two endorsers answer a proposal differently ("ProposalResponsePayloads do not match", e.g. ' +
      'back-to-back writes while one peer is a block behind): both write sets, read versions, the chaincode ' +
      'response and the events, i.e. the whole record as JSON (internal/pkg/gateway/endorsement.go, diff.go)',
    lost:
      'which keys and values differed. The [gateway] logger still logs every mismatch at WARN, without payload, and ' +
      'the client gets the endorser that disagreed in the error details',
  },
];

/** The default level of peers and orderers (Fabric's flogging spec syntax: `level:logger=level:...`). */
const defaultLevel = 'info';

/**
 * `FABRIC_LOGGING_SPEC` of every peer: `gateway.responsechecker=error:info`. Written the way Fabric normalises a spec
 * (`logger=level` fields sorted, the default level last), so it equals what `GET /logspec` answers.
 */
export const peerLoggingSpec = [...silencedLoggers.map((s) => `${s.logger}=${s.level}`).sort(), defaultLevel].join(':');

/**
 * `FABRIC_LOGGING_SPEC` of every orderer. At INFO and above the orderer logs channel, block and consensus events and
 * broadcast refusals with their reason; it never prints envelopes (orderer/common/broadcast, msgprocessor,
 * multichannel, consensus/etcdraft).
 */
export const ordererLoggingSpec = defaultLevel;

/**
 * `fabric-ca-server --loglevel`. At INFO a CA logs one line per request (address, method, path, status and its own
 * error message). An unknown enrollment ID or a wrong secret is logged as "Failed to get User" / "Password mismatch"
 * without either; IDs of existing identities appear in some messages (e.g. "has already enrolled"); secrets, CSRs and
 * attribute values only at DEBUG (lib/serverendpoint.go, lib/serverrequestcontext.go, lib/server/user/user.go).
 */
export const caLogLevel = 'info';

/**
 * `CORE_CHAINCODE_LOGGING_LEVEL` of the chaincode servers (fabric-shim and fabric-contract-api read it; both log the
 * chaincode's error message at ERROR). Not INFO: there the contract API writes a line per invocation (two per medical
 * write, one per endorser), a measurable share of the chaincode server's CPU under load (`npm run bench:scale`). DEBUG
 * would print every argument and return value, so it is never used.
 */
export const chaincodeLogLevel = 'warning';

/** `FABRIC_LOGGING_SPEC` of the peer CLI the scripts run (lifecycle, channel joins, Ping). */
export const peerCliLoggingSpec = 'warning';

/** The spec a peer or orderer runs with right now (`GET /logspec` on its operations endpoint). */
export async function runningLogSpec(opsPort: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${opsPort}/logspec`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /logspec on port ${opsPort} answered HTTP ${response.status}`);
  const body = (await response.json()) as { spec?: unknown };
  if (typeof body.spec !== 'string') throw new Error(`GET /logspec on port ${opsPort} answered without a spec`);
  return body.spec;
}

/**
 * Sets a running peer's or orderer's spec (`PUT /logspec`). Fabric accepts this from anyone who reaches the
 * operations endpoint when it runs without TLS, as on this loopback-only network; see SECURITY.md.
 */
export async function setLogSpec(opsPort: number, spec: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${opsPort}/logspec`, {
    method: 'PUT',
    body: JSON.stringify({ spec }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 204) throw new Error(`PUT /logspec on port ${opsPort} answered HTTP ${response.status}`);
}
