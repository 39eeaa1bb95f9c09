// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import { mountWithApp } from '../testing/mount.ts';
import RecordLoadState from './RecordLoadState.vue';

const empty = { icon: 'M0 0h24v24H0z', title: 'No reports yet', text: 'Reports appear here once approved.' };
const lockedError = { code: 'APP_LOCKED', message: 'The app is locked.' };

async function mountState(props: Record<string, unknown>): Promise<VueWrapper> {
  const wrapper = mountWithApp(RecordLoadState, props, {
    slots: {
      default: () => h('p', { 'data-testid': 'content' }, 'the records'),
      alerts: () => h('p', { 'data-testid': 'alerts' }, 'a row action failed'),
      empty: () => h('button', { 'data-testid': 'first' }, 'Propose'),
    },
  });
  await flushPromises();
  return wrapper;
}

describe('RecordLoadState', () => {
  it('shows the records when there are some', async () => {
    const wrapper = await mountState({});
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="empty-state"]').exists()).toBe(false);
    expect(wrapper.find('.v-skeleton-loader').exists()).toBe(false);
  });

  it('shows a skeleton of the given shape before the first answer, not the content', async () => {
    const wrapper = await mountState({ pending: true, skeleton: 'card@2' });
    expect(wrapper.find('.v-skeleton-loader').exists()).toBe(true);
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(false);
  });

  it('says what is missing and how to get a first record when there is none', async () => {
    const wrapper = await mountState({ empty });
    const state = wrapper.get('[data-testid="empty-state"]');
    expect(state.text()).toContain('No reports yet');
    expect(state.find('[data-testid="first"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(false);
  });

  it('keeps what is on screen under a load error, and Try again asks to load again', async () => {
    const wrapper = await mountState({ error: lockedError });
    expect(wrapper.text()).toContain('The app is locked');
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(true);
    const retry = wrapper.findAll('button').find((button) => button.text() === 'Try again');
    await retry?.trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
  });

  it('frames skeleton, empty state and content in a card of the given variant, the alerts outside it', async () => {
    const wrapper = await mountState({ card: 'flat', cardClass: 'pa-4' });
    const card = wrapper.get('.v-card');
    expect(card.classes()).toEqual(expect.arrayContaining(['v-card--variant-flat', 'pa-4']));
    expect(card.find('[data-testid="content"]').exists()).toBe(true);
    expect(card.find('[data-testid="alerts"]').exists()).toBe(false);
  });
});
