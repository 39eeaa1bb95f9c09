// A ledger written by the chaincode as it was before card entries became records (each card one value, rewritten
// whole by every write), then upgraded in place the way a deployment upgrades: a new package, the chaincode
// definition's sequence + 1. Every old card must read the same through the new chaincode, and new writes must work
// (the first one converts the card).
//
// The old chaincode is built from git at LEGACY_COMMIT into the network's data folder and deployed under its own
// name on `medical`, so the test needs no second network and leaves the network's own chaincode alone.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChaincodeDeployment,
  chaincodeNodeName,
  chaincodeServerProcess,
  defaultDeployment,
  installApproveCommit,
  packageChaincode,
  waitForChaincode,
} from '../../fabric-network/src/chaincode.ts';
import { dataDir, repoRoot } from '../../fabric-network/src/paths.ts';
import { startNode, stopNode, tcpOpen, waitUntil } from '../../fabric-network/src/processes.ts';
import { channels, testChaincodePorts } from '../../fabric-network/src/topology.ts';
import { connectAs, type UserConnection } from '../../fabric-network/test/fabric.ts';
import { refused } from './session';
import {
  CardEntry,
  CardEntryKind,
  CARD_LISTS,
  CardHistoryPage,
  LegacyMedicalCard,
  MedicalCardSummary,
} from '@pediledger/domain';

/** The last commit whose medical chaincode stores a card as one value (before entries became records). */
const LEGACY_COMMIT = '9587e2a34ea17e451af7eab43966363697957cb9';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const name = `medical-legacy-${run}`;
const work = path.join(dataDir, 'legacy-chaincode', run);
const decoder = new TextDecoder();
const ENDORSERS = ['HospitalMSP', 'ParentsMSP'];

let alice: UserConnection;
let carla: UserConnection;
const oldCards = new Map<string, LegacyMedicalCard>();

/** Extracts the legacy sources from git and compiles them; returns the module folder the server loads. */
function buildLegacyChaincode(): string {
  mkdirSync(work, { recursive: true });
  const files = ['tsconfig.base.json', 'chaincode/tsconfig.json', 'chaincode/tsconfig.build.json', 'chaincode/src'];
  const archive = spawnSync(
    'bash',
    ['-c', `git archive ${LEGACY_COMMIT} ${files.join(' ')} | tar -x -C "$1"`, '_', work],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  if (archive.status !== 0) {
    throw new Error(`cannot read the legacy chaincode from git (a full clone is needed): ${archive.stderr}`);
  }
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', path.join(work, 'chaincode', 'tsconfig.build.json')], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`the legacy chaincode does not compile: ${built.stdout}${built.stderr}`);
  // CommonJS output, like chaincode/package.json says for the real one (the repository's root package is ESM).
  writeFileSync(path.join(work, 'chaincode', 'package.json'), JSON.stringify({ type: 'commonjs' }));
  const modulePath = path.join(work, 'deploy');
  mkdirSync(modulePath, { recursive: true });
  writeFileSync(path.join(modulePath, 'package.json'), JSON.stringify({ main: '../chaincode/dist/medical/index.js' }));
  return modulePath;
}

/** The server of one version: the old and the upgraded one run side by side for a moment. */
const serverName = (version: string): string => `${chaincodeNodeName({ name })}-v${version}`;

/** Packages, serves, installs, approves and commits one definition; waits until it answers. */
async function deploy(deployment: ChaincodeDeployment): Promise<void> {
  const pkg = await packageChaincode(deployment);
  const server = serverName(deployment.version);
  await startNode({ ...chaincodeServerProcess(deployment, pkg.packageId), name: server });
  await waitUntil(() => tcpOpen(deployment.port), { name: server, timeoutMs: 30_000 });
  await installApproveCommit(deployment, pkg);
  await waitForChaincode(deployment);
}

async function submit(who: UserConnection, fn: string, args: string[]): Promise<unknown> {
  const contract = who.network('medical').getContract(name);
  const result = await contract.submit(fn, { arguments: args, endorsingOrganizations: ENDORSERS });
  return JSON.parse(decoder.decode(result)) as unknown;
}

async function evaluate(who: UserConnection, fn: string, args: string[]): Promise<unknown> {
  const result = await who.network('medical').getContract(name).evaluate(fn, { arguments: args });
  return JSON.parse(decoder.decode(result)) as unknown;
}

const validUntil = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

/**
 * `fn` once the Hospital and Parents peers answer it alike. A submit waits for its commit on the submitter's own peer
 * only; the next write is endorsed on both, and the old chaincode rewrites the whole card, so a lagging peer would
 * endorse a different card.
 */
async function agreed(fn: string, args: string[]): Promise<unknown> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answers = await Promise.all(
      [alice, carla].map((who) => evaluate(who, fn, args).catch((error: unknown) => ({ error: String(error) }))),
    );
    const [hospital, parents] = answers.map((answer) => JSON.stringify(answer));
    if ((hospital === parents && !hospital?.startsWith('{"error"')) || Date.now() > deadline) return answers[1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A child with a card written by the legacy chaincode: `entries` are [transaction, entry] pairs. */
async function legacyCard(childId: string, entries: [string, object][]): Promise<void> {
  const agreement = {
    agreementId: `agr-${childId}`,
    childId,
    pediatricianUid: 'ped-alice',
    purpose: 'Primary pediatric care',
    validUntil,
    child: { givenName: 'Lia', familyName: 'Rossi', birthDate: '2019-05-04', sex: 'female' },
  };
  await submit(carla, 'ProposeAgreement', [JSON.stringify(agreement)]);
  await agreed('ReadAgreement', [agreement.agreementId]);
  await submit(alice, 'AcceptAgreement', [agreement.agreementId]);
  for (const [fn, entry] of entries) {
    await agreed('ReadMedicalCard', [childId]);
    await submit(alice, fn, [childId, JSON.stringify(entry)]);
  }
  oldCards.set(childId, LegacyMedicalCard.parse(await agreed('ReadMedicalCard', [childId])));
}

const children = {
  full: `full-${run}`,
  notes: `notes-${run}`,
  empty: `empty-${run}`,
};

beforeAll(async () => {
  alice = await connectAs('ped-alice');
  carla = await connectAs('parent-carla');
  const medical = defaultDeployment(channels.medical);
  const [legacyPort, upgradedPort] = testChaincodePorts;
  if (legacyPort === undefined || upgradedPort === undefined) throw new Error('no test chaincode ports');
  await deploy({ ...medical, name, version: '1', sequence: 1, port: legacyPort, modulePath: buildLegacyChaincode() });

  await legacyCard(children.full, [
    ['RecordMeasurement', { date: '2024-01-10', heightCm: 104.5, weightKg: 17.1 }],
    ['RecordImmunization', { vaccine: 'MMR', dose: 2, date: '2024-02-01', lotNumber: 'LOT-7' }],
    ['RecordAllergy', { substance: 'Peanuts', reaction: 'Hives', severity: 'severe', notedOn: '2023-05-01' }],
    ['RecordCondition', { name: 'Asthma', icd10: 'J45.909', since: '2022-09-01', notes: 'Mild' }],
    ['AddVisitNote', { date: '2024-03-01', text: 'Routine check.\nAll well.' }],
    ['RecordMeasurement', { date: '2024-06-10', weightKg: 18.3 }],
  ]);
  await legacyCard(children.notes, [['AddVisitNote', { date: '2024-04-01', text: 'First visit.' }]]);
  await legacyCard(children.empty, []);

  // The upgrade: the current chaincode in a new package, the same name, sequence 2. Then the old server goes.
  await deploy({ ...medical, name, version: '2', sequence: 2, port: upgradedPort });
  await stopNode(serverName('1'));
}, 600_000);

afterAll(async () => {
  alice.close();
  carla.close();
  await stopNode(serverName('1'));
  await stopNode(serverName('2'));
  rmSync(work, { recursive: true, force: true });
});

/** The legacy card's entries as the new chaincode names them: kind, id = the transaction that recorded each. */
function expectedEntries(card: LegacyMedicalCard): CardEntry[] {
  return CardEntryKind.options
    .flatMap((kind) =>
      card[CARD_LISTS[kind]].map((item) => ({ ...item, kind, entryId: item.txId, childId: card.childId })),
    )
    .map((entry) => CardEntry.parse(entry))
    .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0));
}

async function history(childId: string, pageSize = 2): Promise<CardEntry[]> {
  const entries: CardEntry[] = [];
  let bookmark = '';
  do {
    const page = CardHistoryPage.parse(
      await evaluate(carla, 'GetMedicalCardHistory', [childId, String(pageSize), bookmark]),
    );
    entries.push(...page.items);
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return entries;
}

describe('cards written before entries became records, after the chaincode upgrade', () => {
  it('every old card reads the same: version, newest write, counts and every entry with its provenance', async () => {
    for (const childId of Object.values(children)) {
      const old = oldCards.get(childId);
      if (old === undefined) throw new Error(`no legacy card for ${childId}`);
      const summary = MedicalCardSummary.parse(await evaluate(carla, 'ReadMedicalCard', [childId]));
      expect(summary).toMatchObject({
        format: 1,
        version: old.version,
        txId: old.txId,
        updatedBy: old.updatedBy,
        updatedAt: old.updatedAt,
      });
      for (const kind of CardEntryKind.options) {
        expect(summary.counts[CARD_LISTS[kind]]).toBe(old[CARD_LISTS[kind]].length);
      }
      expect(await history(childId)).toEqual(expectedEntries(old));
    }
  });

  it('the next write converts the card: the old entries stay as they were, new writes are ordinary', async () => {
    const old = oldCards.get(children.full);
    if (old === undefined) throw new Error('no legacy card');
    const legacyId = old.allergies[0]?.txId ?? '';
    const entry = JSON.stringify({ date: '2024-07-01', weightKg: 18.9 });
    // An id an old entry already has is taken, before and after the conversion.
    await refused(submit(alice, 'RecordMeasurement', [children.full, legacyId, entry]), 'CONFLICT');
    const added = CardEntry.parse(await submit(alice, 'RecordMeasurement', [children.full, `new-${run}`, entry]));
    const summary = MedicalCardSummary.parse(await agreed('ReadMedicalCard', [children.full]));
    expect(summary).toMatchObject({ format: 2, version: old.version + 1, txId: added.txId, created: null });
    expect(await history(children.full, 3)).toEqual([added, ...expectedEntries(old)]);
    expect(CardEntry.parse(await evaluate(carla, 'ReadCardEntry', [children.full, legacyId]))).toMatchObject({
      kind: 'allergy',
      substance: 'Peanuts',
      txId: legacyId,
    });
    await refused(submit(alice, 'RecordMeasurement', [children.full, legacyId, entry]), 'CONFLICT');
    await submit(alice, 'AddVisitNote', [
      children.full,
      `new2-${run}`,
      JSON.stringify({ date: '2024-07-02', text: 'Ok' }),
    ]);
    expect(MedicalCardSummary.parse(await agreed('ReadMedicalCard', [children.full])).version).toBe(old.version + 2);
  });

  it('an empty old card takes its first entry', async () => {
    const added = CardEntry.parse(
      await submit(alice, 'RecordAllergy', [
        children.empty,
        `first-${run}`,
        JSON.stringify({ substance: 'Dust', reaction: 'Sneezing', severity: 'mild' }),
      ]),
    );
    await agreed('ReadMedicalCard', [children.empty]);
    expect(await history(children.empty)).toEqual([added]);
  });
});
