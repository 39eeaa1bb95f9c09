// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { useConnectionStore } from '../stores/connection.ts';
import { useToastStore } from '../stores/toast.ts';
import { settle } from '../testing/dom.ts';
import { connectedState } from '../testing/fake-api.ts';
import { mountWithApp } from '../testing/mount.ts';
import BaseRecordList from './BaseRecordList.vue';
import type { RecordDecision } from './page.ts';

interface Row {
  id: string;
  name: string;
  status: string;
}

const rows: Row[] = [
  { id: 'r1', name: 'Mia', status: 'proposed' },
  { id: 'r2', name: 'Leo', status: 'active' },
];

async function mountList(props: Record<string, unknown> = {}): Promise<VueWrapper> {
  const wrapper = mountWithApp(
    BaseRecordList,
    {
      items: [],
      itemKey: (row: Row) => row.id,
      source: { loading: false, loaded: true, error: null, load: vi.fn(() => Promise.resolve()) },
      empty: { icon: 'M0 0h24v24H0z', title: 'No agreements yet', text: 'Propose one to start.' },
      listTestid: 'rows',
      rowTestidPrefix: 'row',
      ...props,
    },
    {
      slots: {
        title: ({ item }: { item: Row }) => item.name,
        subtitle: ({ item }: { item: Row }) => `Since ${item.id}`,
        actions: ({ item }: { item: Row }) => h('button', { 'data-testid': `act-${item.id}` }, 'Accept'),
      },
    },
  );
  await flushPromises();
  return wrapper;
}

describe('BaseRecordList', () => {
  it('shows a skeleton on the first load, not the empty state', async () => {
    const wrapper = await mountList({ source: { loading: true, loaded: false, error: null, load: vi.fn() } });
    expect(wrapper.find('.v-skeleton-loader').exists()).toBe(true);
    expect(wrapper.find('[data-testid="empty-state"]').exists()).toBe(false);
  });

  it('keeps the rows on screen while reloading', async () => {
    const wrapper = await mountList({
      items: rows,
      source: { loading: true, loaded: true, error: null, load: vi.fn() },
    });
    expect(wrapper.find('.v-skeleton-loader').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid^="row-"]')).toHaveLength(2);
  });

  it('says what to do when there is nothing', async () => {
    const wrapper = await mountList();
    const empty = wrapper.find('[data-testid="empty-state"]');
    expect(empty.text()).toContain('No agreements yet');
    expect(empty.text()).toContain('Propose one to start.');
    expect(wrapper.find('[data-testid="rows"]').exists()).toBe(false);
  });

  it('renders a row per record with its status, slots and actions', async () => {
    const wrapper = await mountList({ items: rows });
    const first = wrapper.find('[data-testid="rows"] [data-testid="row-r1"]');
    expect(first.text()).toContain('Mia');
    expect(first.text()).toContain('Since r1');
    expect(first.find('[data-status="proposed"]').text()).toBe('Waiting for acceptance');
    expect(first.find('[data-testid="act-r1"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="row-r2"] [data-status="active"]').exists()).toBe(true);
  });

  it('shows the load error with Try again (which loads again), and the last action error', async () => {
    const load = vi.fn(() => Promise.resolve());
    const wrapper = await mountList({
      source: { loading: false, loaded: false, error: { code: 'UNAVAILABLE', message: 'peer down' }, load },
      actionError: { code: 'ENDORSEMENT_REFUSED', message: 'no active agreement' },
    });
    const alerts = wrapper.findAll('[data-testid="error-alert"]');
    expect(alerts.map((alert) => alert.text())).toEqual([
      expect.stringContaining('peer down'),
      expect.stringContaining('no active agreement'),
    ]);
    await alerts[0]?.find('button').trigger('click');
    expect(load).toHaveBeenCalledOnce();
    expect(alerts[1]?.find('button').exists()).toBe(false);
  });
});

describe('BaseRecordList decision', () => {
  let mounted: VueWrapper | null = null;
  afterEach(() => {
    mounted?.unmount();
    mounted = null;
    document.body.innerHTML = '';
  });

  function decision(overrides: Partial<RecordDecision<Row>['confirm']> = {}): {
    decision: RecordDecision<Row>;
    refuse: ReturnType<typeof vi.fn>;
  } {
    const refuse = vi.fn(() => Promise.resolve('tx-2'));
    return {
      refuse,
      decision: {
        awaits: (row) => row.status === 'proposed',
        confirm: {
          label: 'Accept',
          testid: 'accept',
          write: () => Promise.resolve('tx-1'),
          done: 'Accepted',
          ...overrides,
        },
        refuse: {
          label: 'Decline',
          title: 'Decline the agreement',
          run: refuse,
          done: 'Declined',
          reasonTestid: 'reason',
        },
      },
    };
  }

  async function mountDecision(props: Record<string, unknown>, online = true): Promise<VueWrapper> {
    mounted = mountWithApp(
      BaseRecordList,
      {
        items: rows,
        itemKey: (row: Row) => row.id,
        source: { loading: false, loaded: true, error: null, load: vi.fn() },
        empty: { icon: 'M0 0h24v24H0z', title: 'None', text: 'None yet.' },
        listTestid: 'rows',
        rowTestidPrefix: 'row',
        ...props,
      },
      { attach: true, slots: { title: ({ item }: { item: Row }) => item.name, subtitle: () => '' } },
    );
    if (online) useConnectionStore().state = connectedState;
    await settle();
    return mounted;
  }

  it('offers the answer only on rows waiting for it, and not while the app cannot write', async () => {
    const online = await mountDecision({ decision: decision().decision });
    expect(online.findAll('[data-testid="accept"]')).toHaveLength(1);
    expect(online.find('[data-testid="row-r1"] [data-testid="accept"]').attributes('disabled')).toBeUndefined();
    online.unmount();
    const offline = await mountDecision({ decision: decision().decision }, false);
    expect(offline.get('[data-testid="row-r1"] [data-testid="accept"]').attributes('disabled')).toBeDefined();
  });

  it('sends the go-ahead, says so, and shows why it failed above the list', async () => {
    const wrapper = await mountDecision({ decision: decision().decision });
    await wrapper.get('[data-testid="accept"]').trigger('click');
    await settle();
    expect(useToastStore().current?.text).toBe('Accepted');
    const failing = decision({
      write: () => Promise.reject(new Error('peer down')),
    });
    await wrapper.setProps({ decision: failing.decision });
    await wrapper.get('[data-testid="accept"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="error-alert"]').text()).toContain('peer down');
  });

  it('opens a dialog instead of writing when the go-ahead is a dialog', async () => {
    const open = vi.fn();
    const wrapper = await mountDecision({ decision: decision({ write: undefined, open }).decision });
    await wrapper.get('[data-testid="accept"]').trigger('click');
    expect(open).toHaveBeenCalledWith(rows[0]);
  });

  it('asks why before refusing, sends the reason for that row and closes', async () => {
    const { decision: answer, refuse } = decision();
    const wrapper = await mountDecision({ decision: answer });
    const refuseButton = wrapper
      .get('[data-testid="row-r1"]')
      .findAll('button')
      .find((b) => b.text() === 'Decline');
    await refuseButton?.trigger('click');
    await settle();
    expect(document.querySelector('.v-overlay--active')).not.toBeNull();
    const textarea = document.querySelector<HTMLTextAreaElement>('[data-testid="reason"] textarea');
    if (textarea === null) throw new Error('no reason field');
    textarea.value = 'Practice is full';
    textarea.dispatchEvent(new Event('input'));
    await settle();
    document.querySelector('.v-dialog form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(refuse).toHaveBeenCalledWith(rows[0], 'Practice is full');
    expect(useToastStore().current?.text).toBe('Declined');
    expect(document.querySelector('.v-overlay--active')).toBeNull();
  });
});
