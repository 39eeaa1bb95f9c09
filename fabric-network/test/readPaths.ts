/**
 * Every way a Fabric 2.5 client could read from the network without going through PediLedger's chaincode, called the
 * way an attacker with a valid certificate would: raw gRPC with signed envelopes for the peers' and orderers' delivery
 * services and for discovery, fabric-gateway for the system chaincodes (qscc, cscc, _lifecycle, lscc) and for chaincode
 * events. Each probe returns whether it was refused and every byte the caller received, so a test can search them.
 * Used by `confidentiality.integration.test.ts`; the identities are the network's own certificate files.
 */
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway } from '@hyperledger/fabric-gateway';
import { common, discovery, msp, orderer, peer } from '@hyperledger/fabric-protos';
import timestampPb from 'google-protobuf/google/protobuf/timestamp_pb.js';
import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tlsCaPath } from '../src/identities.ts';
import { orgs, peers, type ChannelName, type OrdererSpec, type PeerOrgKey } from '../src/topology.ts';

/** Who calls: an enrolled identity's MSP and its certificate and key files. */
export interface Caller {
  /** A name for messages (`parent-emma`, `HospitalMSP admin`). */
  label: string;
  mspId: string;
  certPath: string;
  keyPath: string;
}

/** What one probe got. */
export interface Probe {
  /** The read path, e.g. `peer0.hospital Deliver medical`. */
  path: string;
  /** True when the service refused (an error, or a delivery status other than SUCCESS with nothing delivered). */
  refused: boolean;
  /** The refusal or status, for messages. */
  detail: string;
  /** Everything the caller received (blocks, responses, error texts), to search for what must not be there. */
  received: Uint8Array[];
}

/** Deadline for each probe: generous, the machine may be busy. */
const DEADLINE_MS = 30_000;

const encoder = new TextEncoder();

function credentials(tlsRoot: string): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(readFileSync(tlsRoot));
}

/** Dial the loopback address but check the certificate against its DNS name: TLS forbids IP addresses as SNI. */
const CLIENT_OPTIONS = { 'grpc.ssl_target_name_override': 'localhost' };

function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

function signerOf(caller: Caller): (digest: Uint8Array) => Promise<Uint8Array> {
  return signers.newPrivateKeySigner(createPrivateKey(readFileSync(caller.keyPath)));
}

/** The caller's serialized identity (`msp.SerializedIdentity`), as every signed Fabric message carries it. */
export function serializedIdentity(caller: Caller): Uint8Array {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(caller.mspId);
  identity.setIdBytes(readFileSync(caller.certPath));
  return identity.serializeBinary();
}

/** A signed DELIVER_SEEK_INFO envelope asking for every block of `channel`, oldest to newest, then stop. */
async function seekEnvelope(caller: Caller, channel: ChannelName): Promise<common.Envelope> {
  const oldest = new orderer.SeekPosition();
  oldest.setOldest(new orderer.SeekOldest());
  const newest = new orderer.SeekPosition();
  newest.setNewest(new orderer.SeekNewest());
  const seekInfo = new orderer.SeekInfo();
  seekInfo.setStart(oldest);
  seekInfo.setStop(newest);
  seekInfo.setBehavior(orderer.SeekInfo.SeekBehavior.FAIL_IF_NOT_READY);

  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.DELIVER_SEEK_INFO);
  channelHeader.setChannelId(channel);
  // Delivery services refuse envelopes outside their time window (15 min), so the stamp is now.
  channelHeader.setTimestamp(timestampPb.Timestamp.fromDate(new Date()));
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(serializedIdentity(caller));
  signatureHeader.setNonce(randomBytes(24));
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(seekInfo.serializeBinary());

  const payloadBytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(payloadBytes);
  envelope.setSignature(await signerOf(caller)(sha256(payloadBytes)));
  return envelope;
}

/** The parts of a peer's or an orderer's DeliverResponse a probe looks at. */
interface DeliverMessage {
  getStatus(): number;
  serializeBinary(): Uint8Array;
}

const STATUS_NAMES = new Map(Object.entries(common.Status).map(([name, value]) => [value as number, name]));

/**
 * Sends one seek envelope on a delivery stream and reads until the service says how it went (a status message) or
 * the stream ends. A refusal is a status other than SUCCESS, or an error.
 */
async function readDelivery<M extends DeliverMessage>(
  path: string,
  stream: grpc.ClientDuplexStream<common.Envelope, M>,
  envelope: common.Envelope,
): Promise<Probe> {
  const received: Uint8Array[] = [];
  return new Promise<Probe>((resolve) => {
    let settled = false;
    const finish = (probe: Omit<Probe, 'path' | 'received'>): void => {
      if (settled) return;
      settled = true;
      stream.cancel();
      resolve({ path, received, ...probe });
    };
    stream.on('data', (message: M) => {
      received.push(message.serializeBinary());
      const status = message.getStatus();
      // 0 is "no status": the message carries a block.
      if (status === 0) return;
      const name = STATUS_NAMES.get(status) ?? String(status);
      finish({ refused: status !== common.Status.SUCCESS, detail: `status ${name}` });
    });
    stream.on('error', (error: Error) => {
      received.push(encoder.encode(error.message));
      finish({ refused: true, detail: error.message });
    });
    stream.on('end', () => {
      finish({ refused: true, detail: 'the stream ended without a status' });
    });
    stream.write(envelope);
    stream.end();
  });
}

/** The peer's three delivery services. */
export type PeerDelivery = 'Deliver' | 'DeliverFiltered' | 'DeliverWithPrivateData';

/** Asks `peerOrg`'s peer for every block of `channel` through one of its delivery services. */
export async function deliverFromPeer(
  caller: Caller,
  peerOrg: PeerOrgKey,
  channel: ChannelName,
  kind: PeerDelivery,
): Promise<Probe> {
  const envelope = await seekEnvelope(caller, channel);
  const client = new peer.DeliverClient(
    `127.0.0.1:${String(peers[peerOrg].port)}`,
    credentials(tlsCaPath(peerOrg)),
    CLIENT_OPTIONS,
  );
  try {
    const options = { deadline: Date.now() + DEADLINE_MS };
    const stream =
      kind === 'Deliver'
        ? client.deliver(options)
        : kind === 'DeliverFiltered'
          ? client.deliverFiltered(options)
          : client.deliverWithPrivateData(options);
    return await readDelivery(`${peers[peerOrg].name} ${kind} ${channel}`, stream, envelope);
  } finally {
    client.close();
  }
}

/** Asks an orderer for every block of `channel` (its Deliver checks /Channel/Readers, no peer ACL). */
export async function deliverFromOrderer(caller: Caller, node: OrdererSpec, channel: ChannelName): Promise<Probe> {
  const envelope = await seekEnvelope(caller, channel);
  const client = new orderer.AtomicBroadcastClient(
    `127.0.0.1:${String(node.port)}`,
    credentials(tlsCaPath('orderer')),
    CLIENT_OPTIONS,
  );
  try {
    const stream = client.deliver({ deadline: Date.now() + DEADLINE_MS });
    return await readDelivery(`${node.name} Deliver ${channel}`, stream, envelope);
  } finally {
    client.close();
  }
}

/** A fabric-gateway connection as `caller` through `gatewayOrg`'s peer. */
export function gatewayAs(caller: Caller, gatewayOrg: PeerOrgKey): { gateway: Gateway; close: () => void } {
  const client = new grpc.Client(
    `127.0.0.1:${String(peers[gatewayOrg].port)}`,
    credentials(tlsCaPath(gatewayOrg)),
    CLIENT_OPTIONS,
  );
  const gateway = connect({
    client,
    identity: { mspId: caller.mspId, credentials: readFileSync(caller.certPath) },
    signer: signerOf(caller),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + DEADLINE_MS }),
    endorseOptions: () => ({ deadline: Date.now() + DEADLINE_MS }),
    submitOptions: () => ({ deadline: Date.now() + DEADLINE_MS }),
    commitStatusOptions: () => ({ deadline: Date.now() + DEADLINE_MS }),
    chaincodeEventsOptions: () => ({ deadline: Date.now() + DEADLINE_MS }),
  });
  return {
    gateway,
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

/** The full text of a gateway error: the message and every endorser's detail. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (error as Error & { details?: { address?: string; message?: string }[] }).details ?? [];
  return [error.message, ...details.map((d) => `${d.address ?? ''}: ${d.message ?? ''}`)].join(' | ');
}

/** Evaluates a (system) chaincode function on `channel` through `gatewayOrg`'s peer, as `caller`. */
export async function evaluateAs(
  caller: Caller,
  gatewayOrg: PeerOrgKey,
  channel: ChannelName,
  chaincode: string,
  fn: string,
  args: readonly (string | Uint8Array)[],
): Promise<Probe> {
  const path = `${peers[gatewayOrg].name} ${chaincode} ${fn} ${channel}`;
  const { gateway, close } = gatewayAs(caller, gatewayOrg);
  try {
    const result = await gateway
      .getNetwork(channel)
      .getContract(chaincode)
      .evaluate(fn, { arguments: [...args], endorsingOrganizations: [orgs[gatewayOrg].mspId] });
    return { path, refused: false, detail: `answered ${String(result.length)} bytes`, received: [result] };
  } catch (error) {
    const text = errorText(error);
    return { path, refused: true, detail: text, received: [encoder.encode(text)] };
  } finally {
    close();
  }
}

/** The system-chaincode reads of Fabric 2.5 that return ledger or configuration data, with their arguments. */
export function systemChaincodeReads(
  channel: ChannelName,
  known: { txId: string; blockHash: Uint8Array },
): { chaincode: string; fn: string; args: (string | Uint8Array)[] }[] {
  const definition = new peer.lifecycle.QueryChaincodeDefinitionArgs();
  definition.setName(channel);
  const readiness = new peer.lifecycle.CheckCommitReadinessArgs();
  readiness.setName(channel);
  readiness.setVersion('1.0');
  readiness.setSequence(1);
  return [
    { chaincode: 'qscc', fn: 'GetChainInfo', args: [channel] },
    { chaincode: 'qscc', fn: 'GetBlockByNumber', args: [channel, '1'] },
    { chaincode: 'qscc', fn: 'GetBlockByHash', args: [channel, known.blockHash] },
    { chaincode: 'qscc', fn: 'GetTransactionByID', args: [channel, known.txId] },
    { chaincode: 'qscc', fn: 'GetBlockByTxID', args: [channel, known.txId] },
    { chaincode: 'cscc', fn: 'GetConfigBlock', args: [channel] },
    { chaincode: 'cscc', fn: 'GetChannelConfig', args: [channel] },
    {
      chaincode: '_lifecycle',
      fn: 'QueryChaincodeDefinitions',
      args: [new peer.lifecycle.QueryChaincodeDefinitionsArgs().serializeBinary()],
    },
    { chaincode: '_lifecycle', fn: 'QueryChaincodeDefinition', args: [definition.serializeBinary()] },
    { chaincode: '_lifecycle', fn: 'CheckCommitReadiness', args: [readiness.serializeBinary()] },
    { chaincode: 'lscc', fn: 'GetChaincodeData', args: [channel, channel] },
    { chaincode: 'lscc', fn: 'getchaincodes', args: [] },
    { chaincode: 'lscc', fn: 'GetCollectionsConfig', args: [channel] },
  ];
}

/** Asks `peerOrg`'s discovery service for `channel`'s configuration, peers and endorsers of its chaincode. */
export async function discover(caller: Caller, peerOrg: PeerOrgKey, channel: ChannelName): Promise<Probe> {
  const path = `${peers[peerOrg].name} Discover ${channel}`;
  const authentication = new discovery.AuthInfo();
  authentication.setClientIdentity(serializedIdentity(caller));
  const query = (fill: (q: discovery.Query) => void): discovery.Query => {
    const q = new discovery.Query();
    q.setChannel(channel);
    fill(q);
    return q;
  };
  const call = new peer.ChaincodeCall();
  call.setName(channel);
  const interest = new peer.ChaincodeInterest();
  interest.setChaincodesList([call]);
  const ccQuery = new discovery.ChaincodeQuery();
  ccQuery.setInterestsList([interest]);
  const request = new discovery.Request();
  request.setAuthentication(authentication);
  request.setQueriesList([
    query((q) => {
      q.setConfigQuery(new discovery.ConfigQuery());
    }),
    query((q) => {
      q.setPeerQuery(new discovery.PeerMembershipQuery());
    }),
    query((q) => {
      q.setCcQuery(ccQuery);
    }),
  ]);
  const payload = request.serializeBinary();
  const signed = new discovery.SignedRequest();
  signed.setPayload(payload);
  signed.setSignature(await signerOf(caller)(sha256(payload)));

  const client = new discovery.DiscoveryClient(
    `127.0.0.1:${String(peers[peerOrg].port)}`,
    credentials(tlsCaPath(peerOrg)),
    CLIENT_OPTIONS,
  );
  try {
    const response = await new Promise<discovery.Response>((resolve, reject) => {
      client.discover(signed, { deadline: Date.now() + DEADLINE_MS }, (error, answer) => {
        if (error !== null || answer === undefined) reject(error ?? new Error('no answer'));
        else resolve(answer);
      });
    });
    const results = response.getResultsList();
    const errors = results.flatMap((r) => (r.hasError() ? [r.getError()?.getContent() ?? 'error'] : []));
    return {
      path,
      refused: errors.length === results.length,
      detail: errors.length === 0 ? `answered ${String(results.length)} queries` : errors.join('; '),
      received: [response.serializeBinary()],
    };
  } catch (error) {
    const text = errorText(error);
    return { path, refused: true, detail: text, received: [encoder.encode(text)] };
  } finally {
    client.close();
  }
}

/**
 * Reads `channel`'s chaincode events from block 0 through `gatewayOrg`'s peer until the event of `untilTxId` (the
 * last transaction of the test's setup) has arrived, or the service refuses.
 */
export async function chaincodeEvents(
  caller: Caller,
  gatewayOrg: PeerOrgKey,
  channel: ChannelName,
  untilTxId: string,
): Promise<Probe & { channel: ChannelName; events: { name: string; txId: string; payload: Uint8Array }[] }> {
  const path = `${peers[gatewayOrg].name} ChaincodeEvents ${channel}`;
  const events: { name: string; txId: string; payload: Uint8Array }[] = [];
  const received: Uint8Array[] = [];
  const { gateway, close } = gatewayAs(caller, gatewayOrg);
  try {
    const stream = await gateway.getNetwork(channel).getChaincodeEvents(channel, { startBlock: 0n });
    try {
      for await (const event of stream) {
        events.push({ name: event.eventName, txId: event.transactionId, payload: event.payload });
        received.push(encoder.encode(event.eventName), event.payload);
        if (event.transactionId === untilTxId) break;
      }
    } finally {
      stream.close();
    }
    return { path, channel, refused: false, detail: `${String(events.length)} events`, received, events };
  } catch (error) {
    const text = errorText(error);
    return { path, channel, refused: true, detail: text, received: [...received, encoder.encode(text)], events };
  } finally {
    close();
  }
}

/** The forbidden strings found in what a probe received (searched as raw bytes, so protobuf framing is no cover). */
export function leaksIn(probe: Probe, forbidden: readonly string[]): string[] {
  const haystack = Buffer.concat(probe.received.map((bytes) => Buffer.from(bytes))).toString('latin1');
  return forbidden.filter((needle) => haystack.includes(needle));
}
