// @vitest-environment happy-dom
// The child's timeline (filter by kind, directory names) and a report's stale flag with the pediatrician's one-step
// replacement, against a scripted `window.api`.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvedReport } from '../../../../domain/src/testing/timeline.ts';
import { useConnectionStore } from '../../stores/connection.ts';
import { useSessionStore, type Identity } from '../../stores/session.ts';
import { connectedState, installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { settle } from '../../testing/dom.ts';
import { directoryEntry, testIdentity } from '../../testing/fixtures.ts';
import { mountWithApp } from '../../testing/mount.ts';
import ReportsStaleness from '../reports/ReportsStaleness.vue';
import ChildTimeline from './ChildTimeline.vue';

let fake: FakeApi;
let wrapper: VueWrapper | null = null;

const carla = testIdentity({
  id: '00000000-0000-4000-8000-000000000002',
  label: 'Carla',
  org: 'parents',
  mspId: 'ParentsMSP',
  enrollmentId: 'parent-carla',
  uid: 'parent-carla',
  role: 'parent',
});
const alice = testIdentity();

const events = [
  {
    kind: 'read',
    channel: 'report',
    action: 'read',
    recordId: 'rep-1',
    by: 'admin-oak',
    at: '2026-01-03T09:00:00.000Z',
    txId: tx(3),
    schoolId: 'oak-primary',
  },
  {
    kind: 'card',
    channel: 'medical',
    action: 'allergy',
    recordId: 'e-1',
    by: 'ped-alice',
    at: '2026-01-02T09:00:00.000Z',
    txId: tx(2),
  },
  {
    kind: 'agreement',
    channel: 'medical',
    action: 'proposed',
    recordId: 'agr-1',
    by: 'parent-carla',
    at: '2026-01-01T09:00:00.000Z',
    txId: tx(1),
  },
];

const report = approvedReport([{ status: 'ready', by: 'ped-alice', at: '2026-01-02T10:00:00.000Z', txId: tx(4) }]);
const stale = {
  reportId: 'rep-1',
  reportCardVersion: 2,
  cardVersion: 3,
  stale: true,
  changes: [{ kind: 'allergy', date: '2026-01-04', recordedAt: '2026-01-04T09:00:00.000Z' }],
};

async function mount(who: Identity, template: string, props: Record<string, unknown>): Promise<VueWrapper> {
  const mounted = mountWithApp({
    components: { ChildTimeline, ReportsStaleness },
    setup() {
      const session = useSessionStore();
      session.identities = [who];
      session.activeId = who.id;
      useConnectionStore().state = connectedState;
      return props;
    },
    template,
  });
  await settle();
  return mounted;
}

const testIds = (w: VueWrapper, prefix: string): string[] =>
  w.findAll(`[data-testid^="${prefix}"]`).map((e) => e.attributes('data-testid') ?? '');

beforeEach(() => {
  fake = installFakeApi();
  fake.answer('directory:list', (args: unknown) =>
    (args as { kind: string }).kind === 'school'
      ? [directoryEntry('school', 'oak-primary', 'Oak Primary School', { org: 'school' })]
      : [directoryEntry('pediatrician', 'ped-alice', 'Dr Alice Moreau')],
  );
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('ChildTimeline', () => {
  it('lists both channels newest first with directory names, and filters by kind', async () => {
    fake.answer('child:timeline', events);
    wrapper = await mount(carla, '<ChildTimeline child-id="child-a" />', {});
    expect(fake.calls.filter((c) => c.channel === 'child:timeline').map((c) => c.args)).toEqual([
      { childId: 'child-a' },
    ]);
    const items = testIds(wrapper, 'timeline-').filter((id) => !id.startsWith('timeline-filter'));
    expect(items).toEqual(['timeline-read', 'timeline-card', 'timeline-agreement']);
    expect(wrapper.find('[data-testid="timeline-read"]').text()).toContain(
      'Opened by Oak Primary School (oak-primary)',
    );
    expect(wrapper.find('[data-testid="timeline-card"]').text()).toContain('by Dr Alice Moreau (ped-alice)');
    expect(wrapper.find('[data-testid="timeline-card"]').text()).toContain(tx(2));
    await wrapper.find('[data-testid="timeline-filter-card"]').trigger('click');
    await settle();
    expect(testIds(wrapper, 'timeline-').filter((id) => !id.startsWith('timeline-filter'))).toEqual(['timeline-card']);
    await wrapper.find('[data-testid="timeline-filter-admission"]').trigger('click');
    await settle();
    expect(testIds(wrapper, 'timeline-').filter((id) => !id.startsWith('timeline-filter'))).toEqual(['timeline-card']);
  });
});

describe('ReportsStaleness', () => {
  it('shows a parent what was added since, by kind and date, without a replace button', async () => {
    fake.answer('report:staleness', stale);
    wrapper = await mount(carla, '<ReportsStaleness :report="report" />', { report });
    const flag = wrapper.find('[data-testid="stale-rep-1"]');
    expect(flag.text()).toContain('The card changed since this report');
    expect(flag.text()).toContain('version 2');
    expect(flag.text()).toContain('Allergy recorded');
    expect(wrapper.find('[data-testid="replace-rep-1"]').exists()).toBe(false);
  });

  it('lets the issuing pediatrician replace it in one step', async () => {
    fake.answer('report:staleness', stale);
    fake.answer('report:replace', (args: unknown) => ({
      txId: tx(9),
      value: { ...report, reportId: (args as { reportId: string }).reportId, status: 'ready', replaces: 'rep-1' },
    }));
    fake.answer('reports:listMine', []);
    wrapper = await mount(alice, '<ReportsStaleness :report="report" />', { report });
    await wrapper.find('[data-testid="replace-rep-1"]').trigger('click');
    await settle();
    const sent = fake.calls.filter((c) => c.channel === 'report:replace').map((c) => c.args);
    expect(sent).toEqual([
      { replacedReportId: 'rep-1', reportId: expect.stringMatching(/^rep-1-r[0-9a-z]+$/) as string },
    ]);
  });

  it('says a superseded report was replaced, and asks nothing of the card', async () => {
    wrapper = await mount(carla, '<ReportsStaleness :report="report" />', {
      report: { ...report, supersededBy: 'rep-2' },
    });
    expect(wrapper.find('[data-testid="superseded-rep-1"]').text()).toContain('Replaced by report rep-2');
    expect(fake.calls.some((c) => c.channel === 'report:staleness')).toBe(false);
  });
});
