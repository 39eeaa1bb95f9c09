// The background load the browser story runs under: a plain fabric-gateway client writing to both channels while the
// story's people use the app, as other users of the network would. It writes as users the story never signs in as
// (ped-bruno, parent-diego), on children of its own, so no screen of the story shows its writes.
import { readFileSync } from 'node:fs';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { connectAs, connectWith, type UserConnection } from '../../fabric-network/test/fabric.ts';
import { startRawLoad, submitRaw, type RawLoadCounts } from '../../fabric-network/test/load.ts';
import { adminIdentity } from '../../fabric-network/src/identities.ts';
import { orgs, type PeerOrgKey } from '../../fabric-network/src/topology.ts';

/**
 * Measurements on the medical channel every 600 ms, and report-chaincode pings on the report channel every 1000 ms:
 * about 2.7 tx/s in all. The report chaincode has no write that stays off every screen but `Ping` (a transaction
 * with no writes, still endorsed, ordered, committed and delivered to every shell's block listener).
 */
export const MEASUREMENT_PACE_MS = 600;
export const PING_PACE_MS = 1000;
const CHILDREN = 3;

/** The load's counts per writer once stopped and re-checked, and the writes that did not commit with their text. */
export interface StoryLoadResult {
  counts: RawLoadCounts[];
  notCommitted: string[];
}

/** A running story load; `stop` ends it, re-checks every write on the ledger and closes its connections. */
export interface StoryLoad {
  stop(): Promise<StoryLoadResult>;
}

function adminOf(org: PeerOrgKey): UserConnection {
  const admin = adminIdentity(org);
  return connectWith(
    {
      mspId: orgs[org].mspId,
      certificatePem: readFileSync(admin.certPath, 'utf8'),
      keyPem: readFileSync(admin.keyPath, 'utf8'),
    },
    org,
  );
}

/**
 * Registers `CHILDREN` children of its own (parent-diego proposes, ped-bruno accepts), then starts the writers:
 * ped-bruno's measurements through the Hospital peer, parent-diego's pings through the Parents peer. The re-check
 * asks other peers than the writers' (Parents for medical, School for report), as an org admin (qscc needs one).
 */
export async function startStoryLoad(run: string): Promise<StoryLoad> {
  const bruno = await connectAs('ped-bruno', 'hospital');
  const diego = await connectAs('parent-diego', 'parents');
  const medicalAsBruno = bruno.network('medical').getContract('medical');
  const medicalAsDiego = diego.network('medical').getContract('medical');
  const validUntil = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const today = new Date().toISOString().slice(0, 10);
  const children: string[] = [];
  for (let i = 0; i < CHILDREN; i++) {
    const childId = `story-load-${run}-${String(i)}`;
    const agreementId = `story-load-agr-${run}-${String(i)}`;
    const agreement = {
      agreementId,
      childId,
      pediatricianUid: 'ped-bruno',
      purpose: 'Background load of the browser story',
      validUntil,
      child: { givenName: 'Load', familyName: `Child${String(i)}`, birthDate: '2019-01-01', sex: 'unknown' },
    };
    await submitRaw(medicalAsDiego, 'ProposeAgreement', [JSON.stringify(agreement)]);
    await submitRaw(medicalAsBruno, 'AcceptAgreement', [agreementId]);
    children.push(childId);
  }
  const load = startRawLoad([
    {
      name: 'medical measurements (ped-bruno via Hospital)',
      channel: 'medical',
      paceMs: MEASUREMENT_PACE_MS,
      write: (i, onTxId) =>
        submitRaw(
          medicalAsBruno,
          'RecordMeasurement',
          [
            children[i % CHILDREN] ?? '',
            `story-load-${run}-m${String(i)}`,
            JSON.stringify({ date: today, weightKg: 15 + (i % 50) / 10 }),
          ],
          onTxId,
        ),
    },
    {
      name: 'report pings (parent-diego via Parents)',
      channel: 'report',
      paceMs: PING_PACE_MS,
      write: (_i, onTxId) => submitRaw(diego.network('report').getContract('report'), 'Ping', [], onTxId),
    },
  ]);
  return {
    async stop() {
      const checkers: Record<string, UserConnection> = { medical: adminOf('parents'), report: adminOf('school') };
      const checkerFor = (channel: string): Gateway => {
        const checker = checkers[channel];
        if (checker === undefined) throw new Error(`no checker for channel ${channel}`);
        return checker.gateway;
      };
      try {
        const { writes, counts } = await load.stop(checkerFor);
        const notCommitted = writes
          .filter((w) => w.outcome !== 'committed')
          .map((w) => `${w.writer} ${w.outcome} ${w.txId ?? '(no txId)'}: ${(w.message ?? '').slice(0, 200)}`);
        return { counts, notCommitted };
      } finally {
        for (const connection of [bruno, diego, ...Object.values(checkers)]) connection.close();
      }
    },
  };
}
