// The app's side of the multi-host test, run on the client host (its own network namespace and keyring session):
// each user's credentials are imported into the keychain-backed identity store and each org's portable profile into
// the profile store, as the app's import screens do; then the app's workflow runs one phase of the story and prints
// one line per step with its time (endorse → commit for writes). Phases share ids through `state.json`.
//
// Usage (by multihost.ts): node electron/test/multihostStory.ts <client dir> <phase>
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { toSerializableError } from '../../shared/errors.ts';
import type { OrgName } from '../../shared/schemas/connectionProfile.ts';
import { ConnectionProfileStore } from '../main/fabric/connectionProfiles.ts';
import { FabricConnection } from '../main/fabric/fabricConnection.ts';
import { IdentityService } from '../main/identity/identityService.ts';
import { KeytarSecretStore } from '../main/identity/keytarSecretStore.ts';
import { createWorkflow, type Workflow } from '../main/workflow/workflow.ts';

export type Phase = 'full' | 'school-down' | 'parents-peer-down';

/** One step of a phase as the orchestrator reads it back (`result.json`). */
export interface StepResult {
  step: string;
  ok: boolean;
  ms: number;
  /** Writes: true when the call waited for its commit. */
  write: boolean;
  error?: string;
  detail?: string;
}

interface UserFile {
  uid: string;
  org: OrgName;
  mspId: string;
}

const [clientDirArg, phaseArg] = process.argv.slice(2);
if (
  clientDirArg === undefined ||
  (phaseArg !== 'full' && phaseArg !== 'school-down' && phaseArg !== 'parents-peer-down')
) {
  console.error('usage: multihostStory.ts <client dir> <full|school-down|parents-peer-down>');
  process.exit(2);
}
const phase: Phase = phaseArg;
const clientDir: string = clientDirArg;
const stateFile = path.join(clientDir, 'state.json');
const today = new Date().toISOString().slice(0, 10);
const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();

const run = Date.now().toString(36);
const ids: Record<string, string> = existsSync(stateFile)
  ? (JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, string>)
  : {
      childId: `child-${run}`,
      agreementId: `agr-${run}`,
      admissionId: `adm-${run}`,
      reportRequestId: `rr-${run}`,
      reportRequest2Id: `rr2-${run}`,
      reportId: `rep-${run}`,
      report2Id: `rep2-${run}`,
    };

const appData = await mkdtemp(path.join(clientDir, `app-${phase}-`));
const identities = new IdentityService({
  secrets: new KeytarSecretStore(),
  dataDir: appData,
  keychainService: `PediLedger-multihost-${run}`,
});
const profiles = new ConnectionProfileStore({ dataDir: appData, networkProfilesDir: path.join(appData, 'none') });
for (const org of ['hospital', 'parents', 'school'] as const) {
  await profiles.importPortable(await readFile(path.join(clientDir, 'profiles', `${org}.portable.json`), 'utf8'));
}

const sessions = new Map<string, { workflow: Workflow; connection: FabricConnection }>();
async function as(uid: string): Promise<Workflow> {
  const open = sessions.get(uid);
  if (open !== undefined) return open.workflow;
  const dir = path.join(clientDir, 'users', uid);
  const user = JSON.parse(await readFile(path.join(dir, 'user.json'), 'utf8')) as UserFile;
  const summary = await identities.add({
    label: uid,
    org: user.org,
    mspId: user.mspId,
    certificatePem: await readFile(path.join(dir, 'cert.pem'), 'utf8'),
    privateKeyPem: await readFile(path.join(dir, 'key.pem'), 'utf8'),
  });
  const connection = new FabricConnection({
    profile: await profiles.get(user.org),
    signing: await identities.getSigningMaterial(summary.id),
    // A peer on a host that is gone never answers: give up on it after a few seconds, not the default's longer wait.
    connectTimeoutMs: 3_000,
    deadlines: { evaluateMs: 10_000 },
  });
  await connection.open();
  const workflow = createWorkflow({ connection });
  sessions.set(uid, { workflow, connection });
  return workflow;
}

const results: StepResult[] = [];
async function step(name: string, write: boolean, action: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  try {
    const value = await action();
    const ms = Math.round(performance.now() - started);
    const detail = typeof value === 'string' ? value : undefined;
    results.push({ step: name, ok: true, ms, write, ...(detail === undefined ? {} : { detail }) });
    console.log(
      `  ok    ${name.padEnd(58)} ${String(ms).padStart(6)} ms${detail === undefined ? '' : `  (${detail})`}`,
    );
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    const serial = toSerializableError(error);
    const message = `${serial.code}: ${serial.message.split('\n')[0] ?? ''}`.slice(0, 160);
    results.push({ step: name, ok: false, ms, write, error: message });
    console.log(`  FAIL  ${name.padEnd(58)} ${String(ms).padStart(6)} ms  ${message}`);
  }
}

function endpointOf(uid: string): string {
  const state = sessions.get(uid)?.connection.state;
  if (state === undefined || state.status !== 'connected') return state?.status ?? 'not connected';
  return `${state.endpoint}${state.failedOver ? ', failed over' : ''}`;
}

async function fullStory(): Promise<void> {
  await step('medical: parent proposes a care agreement', true, async () =>
    (await as('parent-carla')).agreements.proposeAgreement({
      agreementId: ids['agreementId'] ?? '',
      childId: ids['childId'] ?? '',
      pediatricianUid: 'ped-alice',
      purpose: 'Primary pediatric care',
      validUntil: inAYear,
      child: { givenName: 'Lia', familyName: 'Rossi', birthDate: '2019-05-04', sex: 'female' },
    }),
  );
  await step('medical: parent adds the second guardian', true, async () =>
    (await as('parent-carla')).children.addGuardian(ids['childId'] ?? '', 'parent-diego'),
  );
  await step('medical: pediatrician accepts the agreement', true, async () =>
    (await as('ped-alice')).agreements.acceptAgreement(ids['agreementId'] ?? ''),
  );
  await step('medical: pediatrician records a measurement (card)', true, async () =>
    (await as('ped-alice')).cards.recordMeasurement(ids['childId'] ?? '', {
      date: today,
      heightCm: 110.5,
      weightKg: 19.2,
    }),
  );
  await step('medical: pediatrician records an allergy (card)', true, async () =>
    (await as('ped-alice')).cards.recordEntry({
      kind: 'allergy',
      childId: ids['childId'] ?? '',
      entry: { substance: 'Peanuts', reaction: 'Hives', severity: 'severe' },
    }),
  );
  await step('medical: second guardian reads the card', false, async () => {
    const card = await (await as('parent-diego')).cards.readMedicalCard(ids['childId'] ?? '');
    return `version ${String(card.version)}`;
  });
  await step('report: parent asks Oak Primary for admission', true, async () =>
    (await as('parent-carla')).admissions.createAdmissionRequest({
      requestId: ids['admissionId'] ?? '',
      childId: ids['childId'] ?? '',
      childGivenName: 'Lia',
      childFamilyName: 'Rossi',
      childBirthDate: '2019-05-04',
      schoolId: 'oak-primary',
      guardianUids: ['parent-diego'],
    }),
  );
  await step('report: school admin accepts the admission', true, async () =>
    (await as('admin-oak')).admissions.decideAdmissionRequest(ids['admissionId'] ?? '', 'accept'),
  );
  for (const key of ['reportRequestId', 'reportRequest2Id']) {
    await step(`report: school admin requests a report (${key === 'reportRequestId' ? 1 : 2})`, true, async () =>
      (await as('admin-oak')).reportRequests.createReportRequest({
        reportRequestId: ids[key] ?? '',
        admissionRequestId: ids['admissionId'] ?? '',
        pediatricianUid: 'ped-alice',
      }),
    );
  }
  await step('report: pediatrician writes the report', true, async () =>
    (await as('ped-alice')).reports.createReport({
      reportId: ids['reportId'] ?? '',
      reportRequestId: ids['reportRequestId'] ?? '',
      fitness: { fit: true, statement: 'Fit for school; carries an epinephrine pen.' },
    }),
  );
  await step('report: guardian approves it for Oak Primary', true, async () =>
    (await as('parent-diego')).reports.approveReport({
      reportId: ids['reportId'] ?? '',
      schoolIds: ['oak-primary'],
      validUntil: inAYear,
    }),
  );
  await step('report: school admin opens it (read receipt)', true, async () =>
    (await as('admin-oak')).reports.openReport(ids['reportId'] ?? ''),
  );
  await step('report: school admin reads it', false, async () => {
    const read = await (await as('admin-oak')).reports.readReport(ids['reportId'] ?? '');
    const fit = 'body' in read ? read.body?.fitnessForSchool.fit : undefined;
    if (fit !== true) throw new Error('the school did not get the report body');
    return 'fit for school';
  });
}

async function schoolDown(): Promise<void> {
  const child = `${ids['childId'] ?? ''}-b`;
  const agreement = `${ids['agreementId'] ?? ''}-b`;
  await step('medical: parent proposes a second agreement', true, async () =>
    (await as('parent-carla')).agreements.proposeAgreement({
      agreementId: agreement,
      childId: child,
      pediatricianUid: 'ped-alice',
      purpose: 'Primary pediatric care',
      validUntil: inAYear,
      child: { givenName: 'Tom', familyName: 'Rossi', birthDate: '2021-02-03', sex: 'male' },
    }),
  );
  await step('medical: pediatrician accepts it', true, async () =>
    (await as('ped-alice')).agreements.acceptAgreement(agreement),
  );
  await step('medical: pediatrician records a measurement', true, async () =>
    (await as('ped-alice')).cards.recordMeasurement(child, { date: today, heightCm: 92, weightKg: 13.1 }),
  );
  await step('medical: parent reads the card', false, async () => {
    const card = await (await as('parent-carla')).cards.readMedicalCard(child);
    return `version ${String(card.version)}`;
  });
  await step('report: pediatrician writes the second report (H+P endorse)', true, async () =>
    (await as('ped-alice')).reports.createReport({
      reportId: ids['report2Id'] ?? '',
      reportRequestId: ids['reportRequest2Id'] ?? '',
      fitness: { fit: true, statement: 'Fit for school.' },
    }),
  );
  await step('observed: guardian approves for Oak (endorsed by Parents + School)', true, async () =>
    (await as('parent-diego')).reports.approveReport({
      reportId: ids['report2Id'] ?? '',
      schoolIds: ['oak-primary'],
      validUntil: inAYear,
    }),
  );
  await step('report: parent lists the child’s reports', false, async () => {
    const reports = await (await as('parent-carla')).reports.listMyReports();
    return `${String(reports.length)} reports`;
  });
  // Observed, not required (`observed:` steps): the school's own peer is gone; its profile lists the others' peers
  // for failover.
  await step('observed: school admin lists admissions (own host down)', false, async () => {
    const requests = await (await as('admin-oak')).admissions.listMyAdmissionRequests();
    return `${String(requests.length)} requests via ${endpointOf('admin-oak')}`;
  });
}

/**
 * Parents' peer is gone: a parent's reads fail over to the hospital peer (the profile's failover list); every write
 * that the chaincode's endorsement table has Parents endorse cannot be endorsed until the peer is back.
 */
async function parentsPeerDown(): Promise<void> {
  await step('medical: parent reads the card (parents peer down)', false, async () => {
    const card = await (await as('parent-carla')).cards.readMedicalCard(ids['childId'] ?? '');
    return `version ${String(card.version)} via ${endpointOf('parent-carla')}`;
  });
  await step('observed: parent adds a guardian (AND Hospital, Parents)', true, async () =>
    (await as('parent-carla')).children.addGuardian(ids['childId'] ?? '', 'parent-emma'),
  );
  await step('observed: parent lists reports (parents peer down)', false, async () => {
    const reports = await (await as('parent-carla')).reports.listMyReports();
    return `${String(reports.length)} reports via ${endpointOf('parent-carla')}`;
  });
  await step('observed: pediatrician records a measurement (AND H, P)', true, async () =>
    (await as('ped-alice')).cards.recordMeasurement(ids['childId'] ?? '', {
      date: today,
      heightCm: 111,
      weightKg: 19.4,
    }),
  );
}

try {
  console.log(`story phase ${phase}`);
  if (phase === 'full') await fullStory();
  else if (phase === 'school-down') await schoolDown();
  else await parentsPeerDown();
} finally {
  for (const { connection } of sessions.values()) connection.close();
  for (const identity of await identities.list()) await identities.remove(identity.id);
  await rm(appData, { recursive: true, force: true });
  writeFileSync(stateFile, JSON.stringify(ids, null, 2) + '\n');
  writeFileSync(path.join(clientDir, `result-${phase}.json`), JSON.stringify(results, null, 2) + '\n');
}
