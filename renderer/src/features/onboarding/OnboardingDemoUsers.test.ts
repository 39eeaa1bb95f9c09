// @vitest-environment happy-dom
// The first-run screen with the fake API: the local network's demo users in one step (marked as demo identities,
// shown only when main lists any), and the notice when the network refused the active identity.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { VApp } from 'vuetify/components';
import { useSessionStore } from '../../stores/session.ts';
import { settle } from '../../testing/dom.ts';
import { installFakeApi, type FakeApi } from '../../testing/fake-api.ts';
import { testIdentity } from '../../testing/fixtures.ts';
import { mountWithApp } from '../../testing/mount.ts';
import OnboardingView from './OnboardingView.vue';

let fake: FakeApi;
let wrapper: VueWrapper | null = null;
let appRouter: Router;

const profiles = [
  { org: 'hospital', mspId: 'HospitalMSP', channels: ['medical', 'report'], caName: 'ca-hospital' },
  { org: 'school', mspId: 'SchoolMSP', channels: ['report'], caName: 'ca-school' },
];
const alice = testIdentity({
  id: '00000000-0000-4000-8000-0000000000a1',
  label: 'ped-alice (demo)',
  org: 'hospital',
  mspId: 'HospitalMSP',
  enrollmentId: 'ped-alice',
  uid: 'ped-alice',
  role: 'pediatrician',
});

async function mountWelcome(): Promise<VueWrapper> {
  const empty = { render: () => null };
  appRouter = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: empty },
      { path: '/welcome', component: empty },
    ],
  });
  await appRouter.push('/welcome');
  // The view is a `v-main`, which needs the app's layout around it.
  const host = defineComponent({ render: () => h(VApp, null, { default: () => h(OnboardingView) }) });
  const mounted = mountWithApp(host, {}, { plugins: [appRouter] });
  await settle();
  return mounted;
}

beforeEach(() => {
  fake = installFakeApi();
  fake.answer('identity:list', { identities: [], activeId: null });
  fake.answer('profiles:list', profiles);
  fake.answer('app:info', { name: 'PediLedger', version: '0.1.0', shell: 'browser', runtime: 'Node 24' });
});
afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

describe('first-run screen: demo users of the local network', () => {
  it('offers them in one step, marked as demo identities, and is in at once', async () => {
    fake.answer('demo:list', [
      { org: 'hospital', uid: 'ped-alice', role: 'pediatrician', schoolId: null },
      { org: 'school', uid: 'admin-oak', role: 'school-admin', schoolId: 'oak-primary' },
    ]);
    fake.answer('demo:use', alice);
    fake.answer('identity:setActive', alice);
    wrapper = await mountWelcome();

    const card = wrapper.find('[data-testid="demo-users"]');
    expect(card.text()).toContain('Try it now with a demo user');
    expect(card.text()).toContain('demo identities for trying PediLedger, not real people');
    const oak = wrapper.find('[data-testid="demo-user-admin-oak"]').text();
    expect(oak).toContain('admin-oak');
    expect(oak).toContain('Demo');
    expect(oak).toContain('School · School administrator · school oak-primary');

    await wrapper.find('[data-testid="use-demo-ped-alice"]').trigger('click');
    await settle();
    expect(fake.calls.find((call) => call.channel === 'demo:use')?.args).toEqual({ org: 'hospital', uid: 'ped-alice' });
    expect(useSessionStore().activeId).toBe(alice.id);
    expect(appRouter.currentRoute.value.path).toBe('/');
    // No secret, no form: one click.
    expect(fake.calls.some((call) => call.channel === 'enrollment:enroll')).toBe(false);
  });

  it('shows no demo card when main lists none (an imported profile, or no local network)', async () => {
    fake.answer('demo:list', []);
    wrapper = await mountWelcome();
    expect(wrapper.find('[data-testid="demo-users"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="org-hospital"]').exists()).toBe(true);
  });

  it('shows why the demo user could not be used, with what to do', async () => {
    fake.answer('demo:list', [{ org: 'hospital', uid: 'ped-alice', role: 'pediatrician', schoolId: null }]);
    fake.fail('demo:use', { code: 'DEMO_IDENTITY_NOT_FOUND', message: 'The local network offers no demo user' });
    wrapper = await mountWelcome();
    await wrapper.find('[data-testid="use-demo-ped-alice"]').trigger('click');
    await settle();
    const alert = wrapper.find('[data-testid="demo-users"] [data-testid="error-alert"]').text();
    expect(alert).toContain('The demo user could not be used');
    expect(alert).toContain('Start the local network again (npm start)');
    expect(appRouter.currentRoute.value.path).toBe('/welcome');
  });
});

describe('first-run screen: an identity the network refused', () => {
  it('says the certificate expired, since when, and what to do, at its organisation’s enrollment', async () => {
    fake.answer('demo:list', []);
    const expired = testIdentity({ ...alice, notAfter: '2026-01-02T03:04:00.000Z' });
    fake.answer('identity:list', { identities: [expired], activeId: expired.id });
    wrapper = await mountWelcome();
    const session = useSessionStore();
    await session.load();
    session.noteUnusableIdentity({ code: 'IDENTITY_EXPIRED', message: 'expired' });
    await settle();
    const notice = wrapper.find('[data-testid="identity-notice"]').text();
    expect(notice).toMatch(/^Your certificate expired on .*2026.*, so the network refuses it and it cannot be renewed/);
    expect(notice).toContain('Ask your administrator for a new one-time secret, then enroll below.');
    expect(wrapper.find('[data-testid="enroll-form"]').exists()).toBe(true);
    expect(wrapper.text()).not.toContain('Cancel');
  });

  it('says which organisation revoked the identity', async () => {
    fake.answer('demo:list', []);
    fake.answer('identity:list', { identities: [alice], activeId: alice.id });
    wrapper = await mountWelcome();
    const session = useSessionStore();
    await session.load();
    session.noteUnusableIdentity({ code: 'IDENTITY_REVOKED', message: 'revoked', details: { mspId: 'HospitalMSP' } });
    await settle();
    expect(wrapper.find('[data-testid="identity-notice"]').text()).toBe(
      'Your organisation (HospitalMSP) has revoked your identity, so the network refuses it. Ask your administrator for a new one-time secret, then enroll below.',
    );
  });
});
