// @vitest-environment happy-dom
// The parent's home: with no child and no agreement yet it says what to do first and links to the proposal.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { useSessionStore } from '../../stores/session.ts';
import { settle } from '../../testing/dom.ts';
import { installFakeApi, type FakeApi } from '../../testing/fake-api.ts';
import { testIdentity } from '../../testing/fixtures.ts';
import { mountWithApp } from '../../testing/mount.ts';
import { useChildrenStore } from '../children/children-store.ts';
import HomeView from './HomeView.vue';
import { loadRoleData } from './role-data.ts';

let fake: FakeApi;
let wrapper: VueWrapper | null = null;
const carla = testIdentity({
  label: 'Carla Rossi',
  org: 'parents',
  mspId: 'ParentsMSP',
  enrollmentId: 'parent-carla',
  uid: 'parent-carla',
  role: 'parent',
});

function router(): Router {
  const empty = { render: () => null };
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: empty },
      { path: '/agreements', component: empty },
    ],
  });
}

async function mountHome(): Promise<VueWrapper> {
  fake.answer('identity:list', { identities: [carla], activeId: carla.id });
  fake.answer('profiles:list', []);
  for (const channel of [
    'children:listMine',
    'agreements:listMine',
    'admissions:listMine',
    'reports:listMine',
  ] as const) {
    fake.answer(channel, []);
  }
  const mounted = mountWithApp(HomeView, {}, { plugins: [router()] });
  await useSessionStore().load();
  // The shell loads the role's lists once the identity is known; the home only reads them.
  await loadRoleData('parent');
  await settle();
  return mounted;
}

beforeEach(() => {
  fake = installFakeApi();
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
  document.body.innerHTML = '';
});

describe('parent home', () => {
  it('starts a new parent with a care agreement', async () => {
    wrapper = await mountHome();
    const start = wrapper.find('[data-testid="parent-getting-started"]');
    expect(start.text()).toContain('Start with a care agreement');
    expect(start.find('[data-testid="getting-started-propose"]').attributes('href')).toContain('/agreements?propose=1');
  });

  it('shows no getting-started note once the parent has a child', async () => {
    wrapper = await mountHome();
    useChildrenStore().items = [{ childId: 'child-1' } as never];
    await settle();
    expect(wrapper.find('[data-testid="parent-getting-started"]').exists()).toBe(false);
  });
});

describe('proposal link', () => {
  it('opens the proposal dialog when the parent arrives from the getting-started note', async () => {
    const links = router();
    await links.push('/agreements?propose=1');
    fake.answer('identity:list', { identities: [carla], activeId: carla.id });
    fake.answer('profiles:list', []);
    fake.answer('agreements:listMine', []);
    fake.answer('children:listMine', []);
    fake.answer('directory:list', []);
    const { default: AgreementsView } = await import('../agreements/AgreementsView.vue');
    wrapper = mountWithApp(AgreementsView, {}, { attach: true, plugins: [links] });
    await useSessionStore().load();
    await settle();
    expect(document.body.querySelector('[data-testid="propose-dialog"]')).not.toBeNull();
  });
});
