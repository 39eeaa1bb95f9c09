// The School peer must hold no report body until a guardian approves it for a school. A unique marker in the body
// is searched for in every file under the School peer's data folder while the report is `ready`.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNetworkStatus } from '../../fabric-network/test/fabric.ts';
import { ReportRequest } from '@pediledger/domain';
import { runIds, type Session, sessionsOf } from './session';
import { careStarted, reportReady, storyIds } from './story';

const ids = storyIds(runIds('privacy'));
const marker = `CANARY-${randomBytes(12).toString('hex')}`;
let users: Record<'ped-alice' | 'parent-carla' | 'admin-oak', Session>;
let schoolDataDir: string;

/** Files under `dir` whose bytes contain `needle` (UTF-8), relative to `dir`. */
function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => {
      try {
        return readFileSync(file).includes(bytes);
      } catch {
        return false; // a file that vanished mid-scan (compaction) cannot hold the marker
      }
    })
    .map((file) => path.relative(dir, file));
}

/** Retries `check` until it passes or `ms` elapse (peers commit blocks a little after the gateway returns). */
async function eventually(check: () => Promise<void> | void, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

beforeAll(async () => {
  users = await sessionsOf('ped-alice', 'parent-carla', 'admin-oak');
  const schoolPeer = (await loadNetworkStatus()).nodes.find((n) => n.kind === 'peer' && n.org === 'school');
  if (!schoolPeer) throw new Error('no School peer in the network status');
  schoolDataDir = schoolPeer.dataDir;
});

afterAll(() => {
  for (const session of Object.values(users)) session.close();
});

describe('School peer data folder', () => {
  it('holds no trace of a ready report body', async () => {
    const card = await careStarted(ids, users['parent-carla'], users['ped-alice']);
    const envelope = await reportReady(ids, card, marker, {
      carla: users['parent-carla'],
      alice: users['ped-alice'],
      oak: users['admin-oak'],
    });
    // Wait until School's own peer has committed CreateReport (the request it sees turns `fulfilled`).
    await eventually(async () => {
      const requests = await users['admin-oak'].evaluateAllPages('report', 'ListMyReportRequests');
      const mine = requests.map((r) => ReportRequest.parse(r)).find((r) => r.reportRequestId === ids.reportRequestId);
      expect(mine?.status).toBe('fulfilled');
    });
    expect(filesContaining(schoolDataDir, marker)).toEqual([]);

    // After approval the permitted school can read it, and the same scan now finds it: the scan itself works.
    const validUntil = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    await users['parent-carla'].submit('report', 'ApproveReport', [ids.reportId, '["oak-primary"]', validUntil], {
      report: JSON.stringify(envelope),
    });
    await users['admin-oak'].submit('report', 'OpenReport', [ids.reportId]);
    await eventually(async () => {
      const read = (await users['admin-oak'].evaluate('report', 'ReadReport', [ids.reportId])) as { body: unknown };
      expect(JSON.stringify(read.body)).toContain(marker);
    });
    await eventually(() => {
      expect(filesContaining(schoolDataDir, marker).length).toBeGreaterThan(0);
    });
  });
});
