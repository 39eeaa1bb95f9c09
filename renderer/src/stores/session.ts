// Who is using the app: the stored identities, the active one (which decides the role's screens), the organisations
// the connection profiles offer, and enrollment.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ArgsOf, ResultOf } from '../../../shared/ipc/api.ts';
import type { IpcErrorDto } from '../../../shared/ipc/errors.ts';
import { request, toErrorDto } from '../lib/ipc.ts';
import { errorCodes, Role } from '@pediledger/domain';

export type Identity = ResultOf<'identity:list'>['identities'][number];
export type Profile = ResultOf<'profiles:list'>[number];
export type DemoIdentity = ResultOf<'demo:list'>[number];

/**
 * Why the first-run screen was opened for an identity the network no longer accepts: its certificate expired (and
 * when), or its organisation revoked it.
 */
export type IdentityNotice =
  { reason: 'expired'; org: OrgName; notAfter: string } | { reason: 'revoked'; org: OrgName; mspId: string };

/** True when the identity's certificate has expired at `now`. */
export function hasExpired(identity: Identity, now: Date = new Date()): boolean {
  return Date.parse(identity.notAfter) <= now.getTime();
}
export type { Role } from '@pediledger/domain';
export type OrgName = Profile['org'];

/** The role an identity acts in: its certificate's `role` attribute, or its organisation's only role. */
export function roleOf(identity: Identity): Role | null {
  const role = Role.safeParse(identity.role);
  if (role.success) return role.data;
  const byOrg: Record<OrgName, Role> = { hospital: 'pediatrician', parents: 'parent', school: 'school-admin' };
  return identity.role === null ? byOrg[identity.org] : null;
}

/** Enrollment steps the first-run screen shows while the key is generated and the CA answers. */
export type EnrollStage = 'idle' | 'contacting-ca' | 'enrolling' | 'done' | 'failed';

export const useSessionStore = defineStore('session', () => {
  /** Identities stored on this machine (never their keys). */
  const identities = ref<Identity[]>([]);
  /** The identity the app transacts with. */
  const activeId = ref<string | null>(null);
  /** Organisations with a connection profile. */
  const profiles = ref<Profile[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<IpcErrorDto | null>(null);
  const enrollStage = ref<EnrollStage>('idle');
  const enrollError = ref<IpcErrorDto | null>(null);
  /** The CA the enrollment screen last asked about. */
  const caInfo = ref<ResultOf<'enrollment:caInfo'> | null>(null);
  /** The local development network's demo users (empty unless a profile in use is that network's own). */
  const demoIdentities = ref<DemoIdentity[]>([]);
  /** Set when the network refused the active identity itself; the first-run screen explains it. */
  const identityNotice = ref<IdentityNotice | null>(null);

  const active = computed(() => identities.value.find((identity) => identity.id === activeId.value) ?? null);
  const role = computed<Role | null>(() => (active.value === null ? null : roleOf(active.value)));
  /** The user's id on the ledger (`uid` attribute, else the enrollment id). */
  const uid = computed(() => active.value?.uid ?? active.value?.enrollmentId ?? null);

  /** Loads identities and profiles. */
  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [list, orgs] = await Promise.all([
        request(() => window.api['identity:list']()),
        request(() => window.api['profiles:list']()),
      ]);
      identities.value = list.identities;
      activeId.value = list.activeId;
      profiles.value = orgs;
    } catch (caught) {
      error.value = toErrorDto(caught);
    } finally {
      loading.value = false;
      loaded.value = true;
    }
  }

  /** Switches the identity the app transacts with. */
  async function setActive(id: string): Promise<void> {
    const summary = await request(() => window.api['identity:setActive']({ id }));
    const index = identities.value.findIndex((identity) => identity.id === id);
    if (index >= 0) identities.value[index] = summary;
    activeId.value = id;
  }

  /** Removes a stored identity (its key is deleted from the keychain). */
  async function remove(id: string): Promise<void> {
    await request(() => window.api['identity:remove']({ id }));
    identities.value = identities.value.filter((identity) => identity.id !== id);
    if (activeId.value === id) activeId.value = null;
  }

  /** Asks an organisation's CA about itself (shown before enrolling). */
  async function loadCaInfo(org: OrgName): Promise<void> {
    caInfo.value = null;
    caInfo.value = await request(() => window.api['enrollment:caInfo']({ org }));
  }

  async function addIdentity(create: () => Promise<Identity>): Promise<Identity | null> {
    enrollError.value = null;
    enrollStage.value = 'contacting-ca';
    try {
      const identity = await create();
      identities.value = [...identities.value.filter((known) => known.id !== identity.id), identity];
      await setActive(identity.id);
      enrollStage.value = 'done';
      identityNotice.value = null;
      return identity;
    } catch (caught) {
      enrollError.value = toErrorDto(caught);
      enrollStage.value = 'failed';
      return null;
    }
  }

  /** Enrolls with enrollment id and one-time secret: the key is generated in main, the CA signs the CSR. */
  async function enroll(args: ArgsOf<'enrollment:enroll'>): Promise<Identity | null> {
    return addIdentity(async () => {
      await request(() => window.api['enrollment:caInfo']({ org: args.org }));
      enrollStage.value = 'enrolling';
      return request(() => window.api['enrollment:enroll'](args));
    });
  }

  /** Stores an identity from PEM files issued elsewhere. */
  async function importPem(args: ArgsOf<'enrollment:importPem'>): Promise<Identity | null> {
    return addIdentity(async () => {
      enrollStage.value = 'enrolling';
      return request(() => window.api['enrollment:importPem'](args));
    });
  }

  /** Lists the local network's demo users; an error leaves the list empty (the screen then shows no demo card). */
  async function loadDemoIdentities(): Promise<void> {
    try {
      demoIdentities.value = await request(() => window.api['demo:list']());
    } catch {
      demoIdentities.value = [];
    }
  }

  /** Stores a demo user of the local network and makes it active, in one step. */
  async function useDemoIdentity(demo: Pick<DemoIdentity, 'org' | 'uid'>): Promise<Identity | null> {
    return addIdentity(async () => {
      enrollStage.value = 'enrolling';
      return request(() => window.api['demo:use']({ org: demo.org, uid: demo.uid }));
    });
  }

  /**
   * Records that the network no longer accepts the active identity (main's IDENTITY_EXPIRED or IDENTITY_REVOKED, or
   * an expired certificate found at start), so the first-run screen can say why and offer its organisation.
   */
  function noteUnusableIdentity(error: IpcErrorDto | null): void {
    const identity = active.value;
    if (identity === null) return;
    const details = (error?.details ?? {}) as Record<string, unknown>;
    identityNotice.value =
      error?.code === errorCodes.identityRevoked
        ? {
            reason: 'revoked',
            org: identity.org,
            mspId: typeof details['mspId'] === 'string' ? details['mspId'] : identity.mspId,
          }
        : { reason: 'expired', org: identity.org, notAfter: identity.notAfter };
  }

  function resetEnrollment(): void {
    enrollStage.value = 'idle';
    enrollError.value = null;
  }

  /** Adds an organisation from the text of a portable connection profile file; main validates and stores it. */
  async function importProfile(content: string): Promise<Profile> {
    const profile = await request(() => window.api['profiles:import']({ content }));
    profiles.value = [...profiles.value.filter((known) => known.org !== profile.org), profile].sort((a, b) =>
      a.org.localeCompare(b.org),
    );
    return profile;
  }

  return {
    identities,
    activeId,
    profiles,
    loaded,
    loading,
    error,
    enrollStage,
    enrollError,
    caInfo,
    demoIdentities,
    identityNotice,
    active,
    role,
    uid,
    load,
    setActive,
    remove,
    loadCaInfo,
    enroll,
    importPem,
    resetEnrollment,
    importProfile,
    loadDemoIdentities,
    useDemoIdentity,
    noteUnusableIdentity,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSessionStore, import.meta.hot));
