// Which lists each role's screens need, and which lists a notification makes stale.
import { useAdmissionsStore } from '../admissions/admissions-store.ts';
import { useAgreementsStore } from '../agreements/agreements-store.ts';
import { useCardStore } from '../card/card-store.ts';
import { useChildrenStore } from '../children/children-store.ts';
import { useDirectoryStore } from '../directory/directory-store.ts';
import { useReportRequestsStore } from '../report-requests/report-requests-store.ts';
import { useReportsStore } from '../reports/reports-store.ts';
import { appLockedCode } from '../../lib/ipc.ts';
import type { Role } from '../../stores/session.ts';

type ListStore = 'agreements' | 'children' | 'admissions' | 'reportRequests' | 'reports' | 'directory';

function stores(): Record<
  ListStore,
  { load: () => Promise<void>; reset: () => void; loaded: boolean; error: { code: string } | null }
> {
  return {
    agreements: useAgreementsStore(),
    children: useChildrenStore(),
    admissions: useAdmissionsStore(),
    reportRequests: useReportRequestsStore(),
    reports: useReportsStore(),
    // Loaded by the screens that pick from it (not part of any role's home lists); reset and reloaded like them.
    directory: useDirectoryStore(),
  };
}

/** The lists each role's home shows. */
export const roleLists: Readonly<Record<Role, readonly ListStore[]>> = {
  pediatrician: ['agreements', 'children', 'reportRequests', 'reports'],
  parent: ['children', 'agreements', 'admissions', 'reports'],
  'school-admin': ['admissions', 'reportRequests', 'reports'],
};

/** The lists a notification kind changes. */
const staleByKind: Readonly<Record<string, readonly ListStore[]>> = {
  'agreement-proposed': ['agreements'],
  'agreement-accepted': ['agreements', 'children'],
  'agreement-declined': ['agreements'],
  'admission-requested': ['admissions'],
  'admission-decided': ['admissions'],
  'report-requested': ['reportRequests'],
  'report-request-declined': ['reportRequests'],
  'report-ready': ['reports', 'reportRequests'],
  'report-approved': ['reports'],
  'report-revoked': ['reports'],
  'report-opened': ['reports'],
};

/** Loads the lists of `role`'s home. */
export async function loadRoleData(role: Role): Promise<void> {
  const all = stores();
  await Promise.all(roleLists[role].map((name) => all[name].load()));
}

/** Reloads the lists a notification of `kind` made stale (those already loaded). */
export function refreshForNotification(kind: string | undefined): void {
  const all = stores();
  for (const name of staleByKind[kind ?? ''] ?? []) {
    if (all[name].loaded) void all[name].load();
  }
}

/** Forgets every list (another identity is now active). */
export function resetRoleData(): void {
  for (const store of Object.values(stores())) store.reset();
  useCardStore().reset();
}

/**
 * Loads again every list main refused because the app was locked (the page had asked before it knew), once the user
 * unlocked. Lists that loaded keep their data, so unlocking never throws away what is on screen.
 */
export function reloadAfterUnlock(): void {
  for (const store of Object.values(stores())) {
    if (store.error?.code === appLockedCode) void store.load();
  }
  const card = useCardStore();
  if (card.childId !== null && card.error?.code === appLockedCode) void card.load(card.childId);
  if (card.childId !== null && card.historyError?.code === appLockedCode) void card.loadHistory(card.childId);
}
