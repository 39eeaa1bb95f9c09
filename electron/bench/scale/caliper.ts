// The bench:scale workload from Hyperledger Caliper 0.6 (peer-gateway connector, bound to @hyperledger/fabric-gateway),
// so the figures compare with Fabric's published Caliper reports. Caliper is installed by this script into
// fabric-network/.cache/caliper (npm, then `caliper bind`); it is not a dependency of the project.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { tlsCaPath } from '../../../fabric-network/src/identities.ts';
import { cacheDir, repoRoot } from '../../../fabric-network/src/paths.ts';
import { peers } from '../../../fabric-network/src/topology.ts';
import { demoUser } from './clients.ts';
import { describeCpu, measureCpu } from './cpu.ts';

/** The Caliper release, and the SUT binding that selects its peer-gateway connector. */
const CALIPER_CLI = '@hyperledger/caliper-cli@0.6.0';
const CALIPER_BINDING = 'fabric:fabric-gateway';

/** Options of {@link runCaliper}. */
export interface CaliperOptions {
  /** Closed-loop rounds (Caliper's fixed-load controller keeps this many transactions in flight). */
  concurrency: number[];
  seconds: number;
  /** The fixed-rate round's transactions per second. */
  rate: number;
  /** Children with an agreement in force with ped-alice; the workers spread their writes over them. */
  childIds: string[];
  log: (line: string) => void;
}

function run(command: string, args: string[], cwd: string, what: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr.slice(-2000)}`);
}

/** Installs the Caliper CLI and binds it to fabric-gateway, once per cache folder. */
function ensureCaliper(dir: string, log: (line: string) => void): void {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(path.join(dir, 'package.json'))) {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'pediledger-caliper', private: true }));
  }
  if (!existsSync(path.join(dir, 'node_modules', '@hyperledger', 'caliper-cli'))) {
    log(`  installing ${CALIPER_CLI} into ${path.relative(repoRoot, dir)} (once)`);
    run('npm', ['install', '--no-audit', '--no-fund', CALIPER_CLI], dir, 'installing Caliper');
  }
  if (!existsSync(path.join(dir, 'node_modules', '@hyperledger', 'fabric-gateway'))) {
    log(`  binding Caliper to ${CALIPER_BINDING} (once)`);
    run('npx', ['caliper', 'bind', '--caliper-bind-sut', CALIPER_BINDING], dir, 'binding Caliper');
  }
}

/** The workload: RecordMeasurement with a fresh entry id per transaction, spread over the prepared children. */
const WORKLOAD = `'use strict';
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

class RecordMeasurement extends WorkloadModuleBase {
  async initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext) {
    await super.initializeWorkloadModule(workerIndex, totalWorkers, roundIndex, roundArguments, sutAdapter, sutContext);
    this.sent = 0;
  }

  async submitTransaction() {
    const { childIds, tag, date } = this.roundArguments;
    const n = this.sent++;
    const childId = childIds[(this.workerIndex * 7919 + n) % childIds.length];
    return this.sutAdapter.sendRequests({
      contractId: 'medical',
      contractFunction: 'RecordMeasurement',
      contractArguments: [childId, tag + '-' + this.roundIndex + '-' + this.workerIndex + '-' + n, JSON.stringify({ date, weightKg: 15 })],
      invokerIdentity: 'ped-alice',
      invokerMspId: 'HospitalMSP',
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new RecordMeasurement();
`;

/** Writes the network configuration, connection profile, workload and benchmark configuration into `work`. */
async function writeWorkspace(work: string, options: CaliperOptions): Promise<void> {
  const alice = await demoUser('ped-alice');
  const profile = {
    name: 'pediledger-hospital',
    version: '1.0.0',
    client: { organization: 'Hospital' },
    organizations: { Hospital: { mspid: 'HospitalMSP', peers: ['peer0.hospital'] } },
    peers: {
      'peer0.hospital': {
        url: `grpcs://127.0.0.1:${String(peers.hospital.port)}`,
        tlsCACerts: { path: tlsCaPath('hospital') },
        grpcOptions: { 'ssl-target-name-override': 'localhost' },
      },
    },
  };
  writeFileSync(path.join(work, 'hospital-profile.json'), JSON.stringify(profile, null, 2));
  const network = {
    name: 'pediledger',
    version: '2.0.0',
    caliper: { blockchain: 'fabric' },
    channels: [{ channelName: 'medical', contracts: [{ id: 'medical' }] }],
    organizations: [
      {
        mspid: 'HospitalMSP',
        identities: {
          certificates: [
            {
              name: 'ped-alice',
              clientPrivateKey: { path: alice.keyPath },
              clientSignedCert: { path: alice.certPath },
            },
          ],
        },
        connectionProfile: { path: path.join(work, 'hospital-profile.json'), discover: true },
      },
    ],
  };
  writeFileSync(path.join(work, 'network.json'), JSON.stringify(network, null, 2));
  writeFileSync(path.join(work, 'workload.cjs'), WORKLOAD);
  const workload = (tag: string): object => ({
    module: path.join(work, 'workload.cjs'),
    arguments: { childIds: options.childIds, tag, date: new Date().toISOString().slice(0, 10) },
  });
  const tag = `cal-${Date.now().toString(36)}`;
  const rounds = [
    ...options.concurrency.map((concurrency) => ({
      label: `closed-loop-c${String(concurrency)}`,
      txDuration: options.seconds,
      rateControl: { type: 'fixed-load', opts: { transactionLoad: concurrency, startingTps: 1 } },
      workload: workload(tag),
    })),
    {
      label: `fixed-rate-${String(options.rate)}tps`,
      txDuration: options.seconds,
      rateControl: { type: 'fixed-rate', opts: { tps: options.rate } },
      workload: workload(tag),
    },
  ];
  const benchmark = { test: { name: 'pediledger-scale', workers: { number: 1 }, rounds } };
  writeFileSync(path.join(work, 'benchmark.json'), JSON.stringify(benchmark, null, 2));
}

/**
 * Caliper's closing summary (`| Name | Succ | Fail | Send Rate (TPS) | … |`, one row per round): the rows from the
 * last header, the table Caliper prints once every round is done.
 */
function summaryLines(output: string): string[] {
  const rows = output
    .split('\n')
    .map((line) => line.replace(/^[^|]*/, '').trim())
    .filter((line) => /^\|.*\|$/.test(line) && !/^\|-+/.test(line));
  const header = rows.findLastIndex((line) => line.startsWith('| Name'));
  return header === -1 ? [] : rows.slice(header);
}

/** Runs every round in one Caliper manager process (one local worker) and prints Caliper's own report table. */
export async function runCaliper(options: CaliperOptions): Promise<void> {
  options.log(`\n## caliper: the same workload from Hyperledger Caliper (${CALIPER_CLI}, ${CALIPER_BINDING})`);
  const dir = path.join(cacheDir, 'caliper');
  ensureCaliper(dir, options.log);
  // Inside the cache folder, so the workload module resolves @hyperledger/caliper-core from Caliper's node_modules.
  const work = await mkdtemp(path.join(dir, 'run-'));
  await writeWorkspace(work, options);
  const stop = measureCpu();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      path.join(dir, 'node_modules', '.bin', 'caliper'),
      [
        'launch',
        'manager',
        '--caliper-workspace',
        work,
        '--caliper-networkconfig',
        'network.json',
        '--caliper-benchconfig',
        'benchmark.json',
        '--caliper-flow-only-test',
        '--caliper-report-path',
        path.join(work, 'report.html'),
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(text);
      else reject(new Error(`Caliper exited with ${String(code)}: ${text.slice(-3000)}`));
    });
  });
  const cpu = stop();
  const summary = summaryLines(output);
  // Caliper exits 0 even when a round could not start; no summary table means nothing was measured.
  if (summary.length === 0) throw new Error(`Caliper produced no results: ${output.slice(-3000)}`);
  for (const line of summary) options.log(`  ${line}`);
  options.log(
    `  network CPU over all Caliper rounds (Caliper's own processes not included): ${describeCpu(cpu, null)}`,
  );
  options.log(`  report: ${path.relative(repoRoot, path.join(work, 'report.html'))}`);
}
