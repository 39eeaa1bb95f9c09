/**
 * The multi-host test (`npm run test:multihost`, also run by `.ci/run`): each organisation on its own host, as
 * Linux network namespaces on one bridge, each with its own address and an /etc/hosts naming all hosts
 * (`/etc/netns/<ns>/hosts`, which `ip netns exec` bind-mounts over /etc/hosts).
 *
 * 1. Each org's admin, inside its own namespace and with its own data folder (only its own keys), runs its steps:
 *    `network:org init`, `export`, `import` of the others' definitions; the orderer org creates the channels; each
 *    peer org joins, approves; Hospital commits; each waits until its peer sees the channel.
 * 2. From the client host, in its own keyring session, the app's services run the story (multihostStory.ts),
 *    printing each transaction's commit time across hosts.
 * 3. Host loss: School's host goes away (every process in its namespace killed): `medical` must keep working fully,
 *    `report` for what Hospital and Parents endorse. School comes back. Then Parents' peer goes away: what the
 *    parent's app does is printed (reads fail over to the hospital peer; medical writes need the parents peer).
 * 4. Every host is back: every peer of each channel must reach the same height and block hash.
 *
 * Namespaces, the bridge and every process in them are removed at the end, also after a failure or Ctrl-C. Needs
 * root (`ip netns`); without it the test says so and skips. `--local` runs the same story on the local
 * single-machine network instead, for the latency comparison.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { privateKeyMarkers } from '../../scripts/private-key-markers.ts';
import type { DeploymentFile } from '../src/hosts.ts';
import { channels, demoUsers, orgs, portOffset, type OrgKey, type PeerOrgKey } from '../src/topology.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const workDir = path.join(repoRoot, 'fabric-network', '.multihost');
const clientDir = path.join(workDir, 'client');
const tag = `pl${String(Math.floor(portOffset / 1000))}`;
const subnet = `10.${String(200 + (Math.floor(portOffset / 1000) % 50))}.0`;
type HostKey = OrgKey | 'client';
const hostKeys: readonly HostKey[] = ['orderer', 'hospital', 'parents', 'school', 'client'];
const peerOrgs: readonly PeerOrgKey[] = ['hospital', 'parents', 'school'];
const address: Record<HostKey, string> = {
  orderer: `${subnet}.10`,
  hospital: `${subnet}.11`,
  parents: `${subnet}.12`,
  school: `${subnet}.13`,
  client: `${subnet}.20`,
};
const hostName = (host: HostKey): string => `${host}.pediledger.test`;
const ns = (host: HostKey): string => `${tag}-${host}`;
const bridge = `${tag}br`;
const orgData = (org: OrgKey): string => path.join(workDir, org, 'data');
const started = Date.now();
const timings: { what: string; seconds: number }[] = [];

function clock(): string {
  return `[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s]`;
}

function say(message: string): void {
  console.log(`${clock()} ${message}`);
}

function ip(args: string[], allowFailure = false): string {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`ip ${args.join(' ')} failed: ${result.stderr.trim() || (result.error?.message ?? '')}`);
  }
  return result.stdout;
}

/** Whether this machine lets us create network namespaces (root, iproute2, a kernel that allows it). */
function netnsPermitted(): { ok: true } | { ok: false; reason: string } {
  const probe = `${tag}-probe`;
  const result = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (result.error !== undefined) return { ok: false, reason: `ip is not installed (${result.error.message})` };
  if (result.status !== 0) return { ok: false, reason: result.stderr.trim() };
  ip(['netns', 'del', probe], true);
  return { ok: true };
}

/** Kills every process inside each namespace (only this test's nodes live there), then removes the namespaces. */
function teardown(): void {
  for (const host of hostKeys) killHost(host);
  for (const host of hostKeys) {
    ip(['netns', 'del', ns(host)], true);
    rmSync(`/etc/netns/${ns(host)}`, { recursive: true, force: true });
  }
  ip(['link', 'del', bridge], true);
}

function namespaceExists(host: HostKey): boolean {
  return ip(['netns', 'list'], true)
    .split('\n')
    .some((line) => line.split(' ')[0] === ns(host));
}

/** Takes a host away: SIGKILL to every process in its namespace, as a power cut would. */
function killHost(host: HostKey): number {
  if (!namespaceExists(host)) return 0;
  const pids = ip(['netns', 'pids', ns(host)], true)
    .split('\n')
    .map((line) => Number.parseInt(line, 10))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  return pids.length;
}

function setupHosts(): void {
  ip(['link', 'add', bridge, 'type', 'bridge']);
  ip(['addr', 'add', `${subnet}.1/24`, 'dev', bridge]);
  ip(['link', 'set', bridge, 'up']);
  const hostsFile =
    '127.0.0.1 localhost\n' + hostKeys.map((host) => `${address[host]} ${hostName(host)}`).join('\n') + '\n';
  for (const host of hostKeys) {
    const name = ns(host);
    ip(['netns', 'add', name]);
    const outside = `${tag}v${host.slice(0, 4)}`;
    const inside = `${tag}n${host.slice(0, 4)}`;
    ip(['link', 'add', outside, 'type', 'veth', 'peer', 'name', inside]);
    ip(['link', 'set', outside, 'master', bridge]);
    ip(['link', 'set', outside, 'up']);
    ip(['link', 'set', inside, 'netns', name]);
    ip(['-n', name, 'link', 'set', 'lo', 'up']);
    ip(['-n', name, 'addr', 'add', `${address[host]}/24`, 'dev', inside]);
    ip(['-n', name, 'link', 'set', inside, 'up']);
    mkdirSync(`/etc/netns/${name}`, { recursive: true });
    writeFileSync(`/etc/netns/${name}/hosts`, hostsFile);
  }
}

function deploymentFile(): DeploymentFile {
  const host = (org: OrgKey): { name: string; address: string } => ({ name: hostName(org), address: address[org] });
  return {
    format: 'pediledger-deployment',
    version: 1,
    hosts: { orderer: host('orderer'), hospital: host('hospital'), parents: host('parents'), school: host('school') },
  };
}

/** Runs a command in a host's namespace, streaming its output with the host's name in front. */
async function inHost(host: HostKey, command: string[], env: Record<string, string> = {}): Promise<void> {
  const child = spawn(
    'ip',
    ['netns', 'exec', ns(host), 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...command],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let tail = '';
  const forward = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-4000);
    for (const line of text.split('\n'))
      if (line.trim() !== '') console.log(`${clock()}   ${host.padEnd(8)} | ${line}`);
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`${command.join(' ')} on ${host} exited with ${String(code)}:\n${tail}`);
}

/** One org admin's step, on that org's host, with that org's data folder only. */
async function orgStep(org: OrgKey, args: string[]): Promise<void> {
  await inHost(org, [process.execPath, 'fabric-network/src/cli.ts', ...args], {
    PEDILEDGER_NETWORK_DATA: orgData(org),
    PEDILEDGER_PORT_OFFSET: String(portOffset),
  });
}

async function timed(what: string, action: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  say(`— ${what}`);
  await action();
  const seconds = (Date.now() - t0) / 1000;
  timings.push({ what, seconds });
  say(`— ${what}: ${seconds.toFixed(1)} s`);
}

/** One org admin's step on its host, without throwing: its exit status and output. */
function orgStepResult(org: OrgKey, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(
    'ip',
    [
      'netns',
      'exec',
      ns(org),
      'env',
      `PEDILEDGER_NETWORK_DATA=${orgData(org)}`,
      `PEDILEDGER_PORT_OFFSET=${String(portOffset)}`,
      process.execPath,
      'fabric-network/src/cli.ts',
      ...args,
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * Each org's data folder holds private keys of that org only: what it imported of the others (MSP roots, orderer TLS
 * certificates) is public.
 */
function assertOnlyOwnKeys(orgsToCheck: readonly OrgKey[]): void {
  for (const org of orgsToCheck) {
    for (const other of orgsToCheck.filter((o) => o !== org)) {
      const dir = path.join(orgData(org), 'organizations', other);
      if (!existsSync(dir)) continue;
      const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      for (const file of files) {
        const full = path.join(file.parentPath, file.name);
        if (privateKeyMarkers(readFileSync(full)).length > 0) {
          throw new Error(`${org}'s host holds a private key of ${other}: ${full}`);
        }
      }
    }
  }
}

function orgStepOutput(org: OrgKey, args: string[]): string {
  const result = orgStepResult(org, args);
  if (result.status !== 0) throw new Error(`${args.join(' ')} on ${org} failed:\n${result.output}`);
  return result.output;
}

/**
 * What each org's admin hands its users: the portable profile and each user's certificate and key (a real user
 * enrolls with a one-time secret instead; the demo users were enrolled on their org's host at init).
 */
function prepareClient(dataOf: (org: PeerOrgKey) => string): void {
  rmSync(clientDir, { recursive: true, force: true });
  mkdirSync(path.join(clientDir, 'profiles'), { recursive: true });
  chmodSync(clientDir, 0o700);
  for (const org of peerOrgs) {
    copyFileSync(
      path.join(dataOf(org), 'profiles', `${org}.portable.json`),
      path.join(clientDir, 'profiles', `${org}.portable.json`),
    );
  }
  for (const user of demoUsers) {
    const from = path.join(dataOf(user.org), 'organizations', user.org, 'users', user.uid, 'msp');
    const to = path.join(clientDir, 'users', user.uid);
    mkdirSync(to, { recursive: true });
    copyFileSync(path.join(from, 'signcerts', 'cert.pem'), path.join(to, 'cert.pem'));
    copyFileSync(path.join(from, 'keystore', 'key.pem'), path.join(to, 'key.pem'));
    writeFileSync(
      path.join(to, 'user.json'),
      JSON.stringify({ uid: user.uid, org: user.org, mspId: orgs[user.org].mspId }) + '\n',
    );
  }
}

interface StepResult {
  step: string;
  ok: boolean;
  ms: number;
  write: boolean;
  error?: string;
}

/** Runs one story phase from the client host (or, with `host` null, from this one) inside a fresh keyring session. */
async function story(phase: string, host: HostKey | null): Promise<StepResult[]> {
  const script =
    'set -e; export XDG_DATA_HOME="$(mktemp -d)" XDG_RUNTIME_DIR="$(mktemp -d)"; ' +
    'eval "$(printf pediledger-multihost | gnome-keyring-daemon --unlock --components=secrets)"; ' +
    'export GNOME_KEYRING_CONTROL; ' +
    `"${process.execPath}" electron/test/multihostStory.ts "$1" "$2"; ` +
    'status=$?; rm -rf "$XDG_DATA_HOME"; exit $status';
  const command = ['dbus-run-session', '--', 'bash', '-c', script, 'story', clientDir, phase];
  if (host === null) {
    const result = spawnSync(command[0] ?? '', command.slice(1), { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`the story's ${phase} phase exited with ${String(result.status)}`);
  } else {
    await inHost(host, command);
  }
  return JSON.parse(readFileSync(path.join(clientDir, `result-${phase}.json`), 'utf8')) as StepResult[];
}

function commitSummary(results: readonly StepResult[]): string {
  const writes = results.filter((r) => r.write && r.ok).map((r) => r.ms);
  if (writes.length === 0) return 'no committed writes';
  const sorted = [...writes].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const mean = Math.round(writes.reduce((a, b) => a + b, 0) / writes.length);
  return `${String(writes.length)} writes, endorse→commit median ${String(median)} ms, mean ${String(mean)} ms, max ${String(sorted.at(-1) ?? 0)} ms`;
}

function expectOk(results: readonly StepResult[], prefix: string, what: string): void {
  const failed = results.filter((r) => r.step.startsWith(prefix) && !r.ok);
  if (failed.length > 0) throw new Error(`${what}: ${failed.map((r) => `${r.step} (${r.error ?? ''})`).join('; ')}`);
}

type ChainInfos = Record<PeerOrgKey, Record<string, { height: number; currentBlockHash: string }>>;

/** Each peer org admin's `org info` on its own host: height and current block hash of each of its channels. */
function chainInfos(): ChainInfos {
  const entries = peerOrgs.map((org) => {
    const output = orgStepOutput(org, ['org', 'info']);
    return [org, JSON.parse(output.split('\n').find((line) => line.startsWith('{')) ?? '{}') as unknown] as const;
  });
  return Object.fromEntries(entries) as ChainInfos;
}

/** Polls until every member peer of each channel has the same height and block hash (a returning host caught up). */
async function waitForSameLedgers(timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const infos = chainInfos();
    const lines: string[] = [];
    let same = true;
    for (const channel of Object.values(channels)) {
      const seen = channel.members.map((org) => ({ org, info: infos[org][channel.name] }));
      const first = seen[0]?.info;
      for (const { info } of seen) {
        if (
          info === undefined ||
          first === undefined ||
          info.height !== first.height ||
          info.currentBlockHash !== first.currentBlockHash
        )
          same = false;
      }
      lines.push(
        `${channel.name}: ${seen.map(({ org, info }) => `${org} height ${String(info?.height)} hash ${(info?.currentBlockHash ?? '').slice(0, 12)}`).join(', ')}`,
      );
    }
    if (same) return lines;
    if (Date.now() > deadline) throw new Error(`peers did not converge:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function multiHost(): Promise<void> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  const deployment = path.join(workDir, 'deployment.json');
  writeFileSync(deployment, JSON.stringify(deploymentFile(), null, 2) + '\n');
  await timed('hosts: namespaces, bridge and names', () => {
    setupHosts();
    return Promise.resolve();
  });
  for (const host of hostKeys) say(`  ${hostName(host).padEnd(26)} ${address[host].padEnd(14)} netns ${ns(host)}`);

  const allOrgs: readonly OrgKey[] = ['orderer', ...peerOrgs];
  await timed('each org admin: org init (CA, identities, nodes) on its own host', async () => {
    await Promise.all(allOrgs.map((org) => orgStep(org, ['org', 'init', '--org', org, '--hosts', deployment])));
  });
  const definitions = path.join(workDir, 'definitions');
  await timed('each org admin: org export (public definition)', async () => {
    for (const org of allOrgs) await orgStep(org, ['org', 'export', '--out', path.join(definitions, `${org}.json`)]);
  });
  const others = (org: OrgKey): string[] =>
    allOrgs.filter((o) => o !== org).map((o) => path.join(definitions, `${o}.json`));
  await timed('orderer admin: channel create from the definitions (osnadmin)', async () => {
    await orgStep('orderer', ['channel', 'create', '--definitions', ...others('orderer')]);
  });
  await timed('each peer org admin: org import + org join', async () => {
    for (const org of peerOrgs) {
      await orgStep(org, ['org', 'import', ...others(org)]);
      await orgStep(org, ['org', 'join']);
    }
  });
  await timed('each peer org admin: chaincode approve (own package, own admin)', async () => {
    // One after another: on this one machine every host compiles the chaincode into the same checkout.
    await orgStep('hospital', ['chaincode', 'approve']);
    // Hospital alone is no majority: the commit is refused and names who has not approved; nothing is committed.
    const early = orgStepResult('hospital', ['chaincode', 'commit']);
    if (early.status === 0 || !early.output.includes('NOT_ENOUGH_APPROVALS')) {
      throw new Error(`a commit with Hospital's approval alone was not refused:\n${early.output}`);
    }
    say(`  hospital commit before the others approved: ${early.output.trim().split('\n').at(-1) ?? ''}`);
    for (const org of ['parents', 'school'] as const) await orgStep(org, ['chaincode', 'approve']);
  });
  await timed('hospital admin: chaincode commit (checkcommitreadiness, then commit)', async () => {
    await orgStep('hospital', ['chaincode', 'commit']);
  });
  await timed('each peer org admin: org wait (gossip) + org profile', async () => {
    for (const org of peerOrgs) {
      await orgStep(org, ['org', 'wait']);
      await orgStep(org, ['org', 'profile']);
    }
  });

  assertOnlyOwnKeys(allOrgs);
  say("Checked: no org's host holds another org's private key");
  prepareClient(orgData);
  let full: StepResult[] = [];
  await timed('client host: the story through the app services', async () => {
    full = await story('full', 'client');
  });
  expectOk(full, '', 'the story failed across hosts');
  say(`Across hosts: ${commitSummary(full)}`);

  let schoolDown: StepResult[] = [];
  await timed('host loss: School', async () => {
    say(`  killed ${String(killHost('school'))} processes on ${hostName('school')}`);
    schoolDown = await story('school-down', 'client');
  });
  expectOk(schoolDown, 'medical:', 'medical stopped working without School');
  expectOk(schoolDown, 'report:', 'report stopped working for what Hospital and Parents endorse');

  await timed('School comes back (org init restarts its nodes) and catches up', async () => {
    await orgStep('school', ['org', 'init', '--org', 'school', '--hosts', deployment]);
    await orgStep('school', ['org', 'wait']);
    for (const line of await waitForSameLedgers(120_000)) say(`  ${line}`);
  });

  let parentsDown: StepResult[] = [];
  await timed("host loss: Parents' peer", async () => {
    const pid = Number.parseInt(
      readFileSync(path.join(orgData('parents'), 'nodes', 'peer0.parents', 'pid'), 'utf8'),
      10,
    );
    process.kill(-pid, 'SIGKILL');
    say(`  killed peer0.parents (pid ${String(pid)}) on ${hostName('parents')}`);
    parentsDown = await story('parents-peer-down', 'client');
  });
  expectOk(parentsDown, 'medical: parent reads', "the parent's read did not fail over to the hospital peer");

  await timed("Parents' peer comes back; same heights and block hashes everywhere", async () => {
    await orgStep('parents', ['org', 'init', '--org', 'parents', '--hosts', deployment]);
    await orgStep('parents', ['org', 'wait']);
    for (const line of await waitForSameLedgers(120_000)) say(`  ${line}`);
  });

  console.log('\nStep times');
  for (const t of timings) console.log(`  ${t.seconds.toFixed(1).padStart(7)} s  ${t.what}`);
  console.log('\nWhat broke when a host left');
  for (const [label, results] of [
    ['School host down', schoolDown],
    ["Parents' peer down", parentsDown],
  ] as const) {
    for (const r of results)
      console.log(
        `  ${label.padEnd(19)} ${r.ok ? 'ok  ' : 'FAIL'} ${r.step}${r.error === undefined ? '' : ` — ${r.error}`}`,
      );
  }
  console.log(`\nCommit latency across hosts: ${commitSummary(full)}`);
}

/** The same story on the local single-machine network (`npm run network:up` first), for the latency comparison. */
async function local(): Promise<void> {
  const data = path.join(repoRoot, 'fabric-network', '.data');
  if (!existsSync(path.join(data, 'network.json'))) throw new Error('the local network is not up: npm run network:up');
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  prepareClient(() => data);
  const results = await story('full', null);
  expectOk(results, '', 'the story failed on the local network');
  console.log(`\nCommit latency on the single-machine network: ${commitSummary(results)}`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--local')) {
    await local();
    return;
  }
  const permitted = netnsPermitted();
  if (!permitted.ok) {
    console.log(
      `SKIPPED multihost test: ip netns is not permitted on this machine (${permitted.reason}). Run it as root.`,
    );
    return;
  }
  // Leftovers of an earlier run that was killed before it could clean up.
  teardown();
  let cleaned = false;
  const cleanUp = (): void => {
    if (cleaned) return;
    cleaned = true;
    say('Cleaning up: every process in the namespaces, the namespaces, the bridge');
    teardown();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }
  try {
    await multiHost();
    say(`multihost test passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(`\nmultihost test FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
