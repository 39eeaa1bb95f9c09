// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useConnectionStore } from '../stores/connection.ts';
import { useSessionStore } from '../stores/session.ts';
import { installFakeApi, type FakeApi } from '../testing/fake-api.ts';
import { testIdentity } from '../testing/fixtures.ts';
import { useViewer } from './use-viewer.ts';

let fake: FakeApi;
beforeEach(() => {
  setActivePinia(createPinia());
  fake = installFakeApi();
});

describe('useViewer', () => {
  it('has no role and no writes before an identity and a connection', () => {
    const viewer = useViewer();
    expect([viewer.role, viewer.isParent, viewer.isPediatrician, viewer.isSchool, viewer.writable]).toEqual([
      null,
      false,
      false,
      false,
      false,
    ]);
  });

  it('follows the active identity and the connection', async () => {
    const viewer = useViewer();
    const school = testIdentity({ org: 'school', mspId: 'SchoolMSP', uid: 'sch-admin', role: 'school-admin' });
    fake.answer('identity:list', { identities: [school], activeId: school.id });
    fake.answer('profiles:list', []);
    await useSessionStore().load();
    useConnectionStore().state = { status: 'connected' } as never;
    expect([viewer.role, viewer.uid, viewer.isSchool, viewer.isParent, viewer.writable]).toEqual([
      'school-admin',
      'sch-admin',
      true,
      false,
      true,
    ]);
  });
});
