// The navigation of each role, with the notification kinds that badge each item.
import {
  mdiAccountChildOutline,
  mdiClipboardTextOutline,
  mdiFileDocumentCheckOutline,
  mdiHandshakeOutline,
  mdiHomeOutline,
  mdiSchoolOutline,
  mdiInboxArrowDownOutline,
} from '@mdi/js';
import type { Role } from '../../stores/session.ts';

export interface NavItem {
  readonly to: string;
  /** Translated as `nav.<id>`. */
  readonly id: string;
  readonly icon: string;
  /** Notification kinds counted in the item's badge. */
  readonly kinds: readonly string[];
}

export const navigation: Readonly<Record<Role, readonly NavItem[]>> = {
  pediatrician: [
    { to: '/', id: 'home', icon: mdiHomeOutline, kinds: [] },
    { to: '/agreements', id: 'agreements', icon: mdiHandshakeOutline, kinds: ['agreement-proposed'] },
    { to: '/children', id: 'patients', icon: mdiAccountChildOutline, kinds: [] },
    { to: '/report-requests', id: 'reportRequests', icon: mdiInboxArrowDownOutline, kinds: ['report-requested'] },
    // The reports they issued: where a stale report is flagged and replaced.
    { to: '/reports', id: 'reports', icon: mdiFileDocumentCheckOutline, kinds: [] },
  ],
  parent: [
    { to: '/', id: 'home', icon: mdiHomeOutline, kinds: [] },
    { to: '/children', id: 'children', icon: mdiAccountChildOutline, kinds: [] },
    {
      to: '/agreements',
      id: 'agreements',
      icon: mdiHandshakeOutline,
      kinds: ['agreement-accepted', 'agreement-declined'],
    },
    {
      to: '/admissions',
      id: 'schools',
      icon: mdiSchoolOutline,
      kinds: ['admission-decided', 'admission-attempted', 'report-request-declined'],
    },
    { to: '/reports', id: 'reports', icon: mdiFileDocumentCheckOutline, kinds: ['report-ready', 'report-opened'] },
  ],
  'school-admin': [
    { to: '/', id: 'home', icon: mdiHomeOutline, kinds: [] },
    { to: '/admissions', id: 'admissions', icon: mdiClipboardTextOutline, kinds: ['admission-requested'] },
    { to: '/report-requests', id: 'reportRequestsSent', icon: mdiInboxArrowDownOutline, kinds: [] },
    {
      to: '/reports',
      id: 'approvedReports',
      icon: mdiFileDocumentCheckOutline,
      kinds: ['report-approved', 'report-revoked'],
    },
  ],
};
