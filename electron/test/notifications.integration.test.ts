// Chaincode events become notifications for the right users only, a restart resumes from the checkpoint, and a
// notification the network could not be asked about (its chaincode service crashed) arrives once it is back.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up } from '../../fabric-network/src/network.ts';
import { crashNode } from '../../fabric-network/src/processes.ts';
import { filesWithKeyMaterial } from '../main/identity/testing/scanForKeyMaterial.ts';
import type { UserNotification } from '../main/notifications/notification.ts';
import { NotificationService } from '../main/notifications/notificationService.ts';
import type { ActiveUser } from '../main/notifications/relevance.ts';
import { newChildAgreement } from './agreementInput.ts';
import { connectDemoUser, removeAllIdentities, type DemoSession } from './demoSession.ts';

const run = `${Date.now().toString(36)}n`;
const USERS: Record<string, ActiveUser> = {
  'ped-alice': { uid: 'ped-alice', role: 'pediatrician', schoolId: null },
  'ped-bruno': { uid: 'ped-bruno', role: 'pediatrician', schoolId: null },
  'parent-carla': { uid: 'parent-carla', role: 'parent', schoolId: null },
  'parent-emma': { uid: 'parent-emma', role: 'parent', schoolId: null },
  'admin-oak': { uid: 'admin-oak', role: 'school-admin', schoolId: 'oak-primary' },
  'admin-pine': { uid: 'admin-pine', role: 'school-admin', schoolId: 'pine-elementary' },
};
let dataDir: string;
const sessions: Record<string, DemoSession> = {};
const services: Record<string, NotificationService> = {};
const received: Record<string, UserNotification[]> = {};
const failures: Record<string, unknown[]> = {};

function as(uid: string): DemoSession {
  const session = sessions[uid];
  if (session === undefined) throw new Error(`no session for ${uid}`);
  return session;
}

function kinds(uid: string): string[] {
  return (received[uid] ?? []).map((n) => n.kind);
}

async function startListening(uid: string): Promise<void> {
  const session = as(uid);
  const service = new NotificationService({
    connection: session.connection,
    channels: session.connection.org === 'school' ? ['report'] : ['medical', 'report'],
    readers: session.notices,
    checkpointDir: path.join(dataDir, 'checkpoints'),
    onNotification: (n) => (received[uid] ??= []).push(n),
    onError: (error) => (failures[uid] ??= []).push(error),
    retryDelayMs: 200,
    maxRetryDelayMs: 2_000,
  });
  services[uid] = service;
  await service.start();
}

async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pediledger-notify-'));
  for (const uid of Object.keys(USERS)) {
    sessions[uid] = await connectDemoUser(uid, { dataDir, keychainService: `PediLedger-notify-${run}` });
    await startListening(uid);
  }
  // The streams start "from now": give the peers a moment to register them before the story writes anything.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
});

afterAll(async () => {
  await Promise.all(Object.values(services).map((s) => s.stop()));
  const identities = sessions['ped-alice']?.identities;
  for (const s of Object.values(sessions)) s.close();
  if (identities !== undefined) await removeAllIdentities(identities);
  expect(await filesWithKeyMaterial(dataDir)).toEqual([]);
  await rm(dataDir, { recursive: true, force: true });
});

describe('notifications', () => {
  it('tells each user about their own business only, and catches up after a restart', async () => {
    const childId = `child-${run}`;
    await as('parent-carla').agreements.proposeAgreement({
      agreementId: `agr-${run}`,
      childId,
      pediatricianUid: 'ped-alice',
      purpose: 'Care',
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      child: { givenName: 'Noa', familyName: 'Test', birthDate: '2019-02-02', sex: 'unknown' },
    });
    await until(() => kinds('ped-alice').includes('agreement-proposed'), 'alice: agreement proposed');
    await as('ped-alice').agreements.acceptAgreement(`agr-${run}`);
    await until(() => kinds('parent-carla').includes('agreement-accepted'), 'carla: agreement accepted');

    await as('parent-carla').admissions.createAdmissionRequest({
      requestId: `adm-${run}`,
      childId,
      childGivenName: 'Noa',
      childFamilyName: 'Test',
      childBirthDate: '2019-02-02',
      schoolId: 'oak-primary',
    });
    await until(() => kinds('admin-oak').includes('admission-requested'), 'oak: admission');
    await as('admin-oak').admissions.decideAdmissionRequest(`adm-${run}`, 'accept');
    await until(() => kinds('parent-carla').includes('admission-decided'), 'carla: admission decided');
    await as('admin-oak').reportRequests.createReportRequest({
      reportRequestId: `rr-${run}`,
      admissionRequestId: `adm-${run}`,
      pediatricianUid: 'ped-alice',
    });
    await until(() => kinds('ped-alice').includes('report-requested'), 'alice: report requested');
    await as('ped-alice').reports.createReport({
      reportId: `rep-${run}`,
      reportRequestId: `rr-${run}`,
      fitness: { fit: true, statement: 'Fit for school.' },
    });
    await until(() => kinds('parent-carla').includes('report-ready'), 'carla: report ready');
    await as('parent-carla').reports.approveReport({
      reportId: `rep-${run}`,
      schoolIds: ['oak-primary'],
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await until(() => kinds('admin-oak').includes('report-approved'), 'oak: report approved');

    // Carla's app is closed while Oak opens the report; at the next start the checkpoint replays what she missed.
    await services['parent-carla']?.stop();
    await as('admin-oak').reports.openReport(`rep-${run}`);
    await startListening('parent-carla');
    await until(() => kinds('parent-carla').includes('report-opened'), 'carla: report opened (after restart)');

    await as('parent-carla').reports.revokeReportPermission(`rep-${run}`, 'oak-primary');
    await until(() => kinds('admin-oak').includes('report-revoked'), 'oak: report revoked');

    // The others heard nothing of this story.
    for (const uid of ['ped-bruno', 'parent-emma', 'admin-pine']) expect(received[uid] ?? []).toEqual([]);
    // Nobody was told twice about one event.
    for (const list of Object.values(received)) expect(new Set(list.map((n) => n.id)).size).toBe(list.length);
    expect(kinds('parent-carla').filter((k) => k === 'report-opened')).toHaveLength(1);
  });

  it('delivers a notification the chaincode could not be asked about (its service crashed) once it is back', async () => {
    const agreementId = `agr-crash-${run}`;
    await services['parent-carla']?.stop();
    await as('parent-carla').agreements.proposeAgreement(
      newChildAgreement(`crash-${run}`, { givenName: 'Ivo', sex: 'unknown' }),
    );
    await as('ped-alice').agreements.acceptAgreement(agreementId);
    const accepted = (): boolean =>
      (received['parent-carla'] ?? []).some(
        (n) => n.kind === 'agreement-accepted' && n.refs['agreementId'] === agreementId,
      );

    // The acceptance is on the ledger; Carla's app starts while the medical chaincode service is down, so the event
    // arrives and ListMyNotices cannot answer (CHAINCODE_UNAVAILABLE, as in the fault suite).
    const failedBefore = failures['parent-carla']?.length ?? 0;
    expect(await crashNode('chaincode.medical')).not.toBeNull();
    try {
      await startListening('parent-carla');
      await until(() => (failures['parent-carla']?.length ?? 0) > failedBefore, 'carla: ListMyNotices failing', 90_000);
      expect(accepted()).toBe(false);
    } finally {
      await up({ progress: () => undefined });
    }
    await until(accepted, 'carla: agreement accepted (after the chaincode is back)', 90_000);
    const codes = (failures['parent-carla'] ?? []).slice(failedBefore).map((e) => (e as { code?: unknown }).code);
    expect(codes).toContain('CHAINCODE_UNAVAILABLE');
    const ids = (received['parent-carla'] ?? []).map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts from now after a checkpoint file cut short by a crash, saying so, and notifies what follows', async () => {
    await services['parent-carla']?.stop();
    const identityId = as('parent-carla').connection.identityId;
    const checkpoint = path.join(dataDir, 'checkpoints', `${identityId}-medical.json`);
    await writeFile(checkpoint, '{"blockNumber":"1');
    const failedBefore = failures['parent-carla']?.length ?? 0;
    await startListening('parent-carla');
    const names = (failures['parent-carla'] ?? []).slice(failedBefore).map((e) => (e as Error).name);
    expect(names).toEqual(['UnreadableCheckpointError']);

    const agreementId = `agr-torn-${run}`;
    await as('parent-carla').agreements.proposeAgreement(
      newChildAgreement(`torn-${run}`, { givenName: 'Lia', sex: 'unknown' }),
    );
    // Listening from now starts where the peer is when it takes the request: once the proposal's block has been
    // handled (a new checkpoint file), the acceptance cannot come before it.
    await until(() => existsSync(checkpoint), 'carla: the proposal handled from a fresh checkpoint');
    await as('ped-alice').agreements.acceptAgreement(agreementId);
    await until(
      () =>
        (received['parent-carla'] ?? []).some(
          (n) => n.kind === 'agreement-accepted' && n.refs['agreementId'] === agreementId,
        ),
      'carla: agreement accepted (after a torn checkpoint)',
    );
  });
});
