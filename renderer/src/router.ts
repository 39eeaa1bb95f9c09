// Routes: the first-run screen and the role's screens inside the shell (plus the bench page in a bench build only).
// Without an active identity, or with one whose certificate has expired, every screen but the first-run one redirects
// there.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { hasExpired, useSessionStore } from './stores/session.ts';

const routes: RouteRecordRaw[] = [
  { path: '/welcome', component: () => import('./features/onboarding/OnboardingView.vue'), meta: { public: true } },
  // `npm run bench:ui` builds with `--mode bench`. Vite replaces MODE with a constant, so a production build drops
  // this route and the bench page's chunk: the shipped app has no bench code (scripts/check-shipped-code.ts).
  ...(import.meta.env.MODE === 'bench'
    ? [{ path: '/bench', component: () => import('./features/bench/BenchView.vue'), meta: { public: true } }]
    : []),
  {
    path: '/',
    component: () => import('./features/shell/ShellLayout.vue'),
    children: [
      { path: '', component: () => import('./features/home/HomeView.vue'), meta: { title: 'nav.home' } },
      {
        path: 'agreements',
        component: () => import('./features/agreements/AgreementsView.vue'),
        meta: { title: 'nav.agreements' },
      },
      {
        path: 'children',
        component: () => import('./features/children/ChildrenView.vue'),
        meta: { title: 'nav.children' },
      },
      {
        path: 'children/:childId',
        component: () => import('./features/card/CardView.vue'),
        props: true,
        meta: { title: 'card.title' },
      },
      {
        path: 'report-requests',
        component: () => import('./features/report-requests/ReportRequestsView.vue'),
        meta: { title: 'nav.reportRequests' },
      },
      {
        path: 'admissions',
        component: () => import('./features/admissions/AdmissionsView.vue'),
        meta: { title: 'nav.admissions' },
      },
      {
        path: 'reports',
        component: () => import('./features/reports/ReportsView.vue'),
        meta: { title: 'nav.reports' },
      },
      {
        path: 'reports/:reportId',
        component: () => import('./features/reports/ReportsDetailView.vue'),
        props: true,
        meta: { title: 'report.doc.title' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach(async (to) => {
  if (to.meta.public === true) return true;
  const session = useSessionStore();
  if (!session.loaded) await session.load();
  if (session.active === null) return '/welcome';
  // An expired certificate cannot be renewed or used: straight to enrollment, which says since when.
  if (hasExpired(session.active)) {
    session.noteUnusableIdentity(null);
    return '/welcome';
  }
  return true;
});
