// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { mountWithApp } from '../testing/mount.ts';
import BaseRecordList from './BaseRecordList.vue';

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
