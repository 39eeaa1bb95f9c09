// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { mountWithApp } from '../testing/mount.ts';
import { createAction, type PageAction } from './page.ts';
import PageHeader from './PageHeader.vue';

function links(): Router {
  const empty = { render: () => null };
  return createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: empty }] });
}

async function mountHeader(
  props: Record<string, unknown>,
  slots: Record<string, () => unknown> = {},
): Promise<VueWrapper> {
  const wrapper = mountWithApp(PageHeader, props, { plugins: [links()], slots });
  await flushPromises();
  return wrapper;
}

describe('PageHeader', () => {
  it('shows the title as the page heading, with its test id and no back arrow unless asked', async () => {
    const wrapper = await mountHeader({ title: 'Mia Rossi', titleTestid: 'card-child-name' });
    expect(wrapper.get('h1').text()).toBe('Mia Rossi');
    expect(wrapper.get('h1').attributes('data-testid')).toBe('card-child-name');
    expect(wrapper.find('[aria-label="Back"]').exists()).toBe(false);
  });

  it('links the back arrow to the route it is given, labelled for screen readers', async () => {
    const wrapper = await mountHeader({ title: 'Report', back: '/reports' });
    expect(wrapper.get('[aria-label="Back"]').attributes('href')).toBe('/reports');
  });

  it('shows one button per action meant for the user, each by its test id, and runs it on click', async () => {
    const run = vi.fn();
    const actions: PageAction[] = [
      { id: 'export', label: 'Export FHIR', variant: 'text', run },
      { id: 'apply', label: 'Apply to a school', shown: false, run },
      { id: 'save', label: 'Save as PDF', loading: true, run },
    ];
    const wrapper = await mountHeader({ title: 'Card', actions });
    expect(wrapper.findAll('button').map((button) => button.attributes('data-testid'))).toEqual(['export', 'save']);
    expect(wrapper.get('[data-testid="export"]').text()).toBe('Export FHIR');
    expect(wrapper.get('[data-testid="save"]').classes()).toContain('v-btn--loading');
    await wrapper.get('[data-testid="export"]').trigger('click');
    expect(run).toHaveBeenCalledOnce();
  });

  it('turns a create action off while the app cannot write, and leaves it out for other roles', async () => {
    const open = vi.fn();
    const offline = await mountHeader({
      title: 'Agreements',
      actions: [createAction('new', 'New', true, false, open)],
    });
    expect(offline.get('[data-testid="new"]').attributes('disabled')).toBeDefined();
    const otherRole = await mountHeader({
      title: 'Agreements',
      actions: [createAction('new', 'New', false, true, open)],
    });
    expect(otherRole.find('[data-testid="new"]').exists()).toBe(false);
  });

  it('puts the subtitle, meta and aside slots where a detail page needs them', async () => {
    const wrapper = await mountHeader(
      { title: 'Mia Rossi' },
      {
        subtitle: () => h('span', { 'data-testid': 'sub' }, 'born 2021'),
        meta: () => h('span', { 'data-testid': 'meta' }, '3'),
        aside: () => h('span', { 'data-testid': 'aside' }, 'Version 4'),
      },
    );
    expect(wrapper.get('h1').element.parentElement?.querySelector('[data-testid="sub"]')).not.toBeNull();
    expect(wrapper.get('[data-testid="meta"]').text()).toBe('3');
    expect(wrapper.get('[data-testid="aside"]').text()).toBe('Version 4');
  });
});
