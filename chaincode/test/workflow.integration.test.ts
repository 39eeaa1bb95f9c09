// The whole story on the real network, with the demo users: care on medical, then admission, report, approval for
// one school, reading, receipts and revocation on report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardEntry, type MedicalCard, ReadReceipt, Report, ReportEnvelope } from '@pediledger/domain';
import { refused, runIds, type Session, sessionsOf } from './session';
import { careStarted, readCard, reportReady, storyIds } from './story';

const ids = storyIds(runIds('wf'));
const validUntil = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
let users: Record<'ped-alice' | 'parent-carla' | 'parent-diego' | 'admin-oak' | 'admin-pine', Session>;
let card: MedicalCard;
let issued: ReportEnvelope;

beforeAll(async () => {
  users = await sessionsOf('ped-alice', 'parent-carla', 'parent-diego', 'admin-oak', 'admin-pine');
});

afterAll(() => {
  for (const session of Object.values(users)) session.close();
});

describe('PediLedger workflow', () => {
  it('agreement, then card updates by the pediatrician', async () => {
    card = await careStarted(ids, users['parent-carla'], users['ped-alice']);
    expect(card.version).toBe(4);
    expect(await readCard(users['parent-diego'], ids.childId)).toEqual(card);
  });

  it('card history lists every entry, newest first, with tx id, time and author, a page at a time', async () => {
    const first = (await users['parent-carla'].evaluate('medical', 'GetMedicalCardHistory', [
      ids.childId,
      '2',
      '',
    ])) as {
      items: unknown[];
      bookmark: string;
    };
    expect(first.items).toHaveLength(2);
    expect(first.bookmark).not.toBe('');
    const history = CardEntry.array().parse(
      await users['parent-carla'].evaluateAllPages('medical', 'GetMedicalCardHistory', [ids.childId]),
    );
    expect(history.map((e) => e.kind)).toEqual(['allergy', 'immunization', 'measurement']);
    expect(
      history.every(
        (e) => e.recordedBy === 'ped-alice' && e.txId.length > 0 && !Number.isNaN(Date.parse(e.recordedAt)),
      ),
    ).toBe(true);
    expect(history[0]?.txId).toBe(card.txId);
  });

  it('admission accepted, report requested, report ready', async () => {
    issued = await reportReady(ids, card, `wf-marker-${ids.reportId}`, {
      carla: users['parent-carla'],
      alice: users['ped-alice'],
      oak: users['admin-oak'],
    });
    const read = (await users['parent-diego'].evaluate('report', 'ReadReport', [ids.reportId])) as {
      report: unknown;
      envelope: unknown;
    };
    expect(Report.parse(read.report).status).toBe('ready');
    expect(ReportEnvelope.parse(read.envelope)).toEqual(issued);
  });

  it('a guardian approves it for Oak only', async () => {
    const approved = Report.parse(
      await users['parent-carla'].submit('report', 'ApproveReport', [ids.reportId, '["oak-primary"]', validUntil], {
        report: JSON.stringify(issued),
      }),
    );
    expect(approved.permissions.map((p) => p.schoolId)).toEqual(['oak-primary']);
  });

  it('Oak opens and reads it; Pine cannot', async () => {
    ReadReceipt.parse(await users['admin-oak'].submit('report', 'OpenReport', [ids.reportId]));
    const read = (await users['admin-oak'].evaluate('report', 'ReadReport', [ids.reportId])) as { body: unknown };
    expect(read.body).toEqual(issued.body);
    await refused(users['admin-pine'].submit('report', 'OpenReport', [ids.reportId]), 'FORBIDDEN');
    await refused(users['admin-pine'].evaluate('report', 'ReadReport', [ids.reportId]), 'FORBIDDEN');
  });

  it('the guardian sees the read receipt', async () => {
    const receipts = (await users['parent-diego'].evaluate('report', 'GetReadReceipts', [ids.reportId])) as unknown[];
    expect(receipts.map((r) => ReadReceipt.parse(r))).toEqual([
      expect.objectContaining({ schoolId: 'oak-primary', uid: 'admin-oak' }),
    ]);
  });

  it('revocation refuses Oak at once', async () => {
    const revoked = Report.parse(
      await users['parent-carla'].submit('report', 'RevokeReportPermission', [ids.reportId, 'oak-primary']),
    );
    expect(revoked.status).toBe('revoked');
    await refused(users['admin-oak'].evaluate('report', 'ReadReport', [ids.reportId]), 'FORBIDDEN');
    await refused(users['admin-oak'].submit('report', 'OpenReport', [ids.reportId]), 'FORBIDDEN');
  });
});
