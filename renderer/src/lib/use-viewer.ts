// Who is looking at a screen and what they may do now. Views ask the same questions of every record they show: which
// role the active identity has (it decides what is shown and which answers a row offers) and whether writes are on
// (off while main cannot reach the network, so every write button is off too).
import { computed, reactive } from 'vue';
import { useConnectionStore } from '../stores/connection.ts';
import { useSessionStore, type Role } from '../stores/session.ts';

export interface Viewer {
  /** The active identity's role; null without one (onboarding). */
  readonly role: Role | null;
  /** The active identity's user id (its enrollment id when the certificate names none). */
  readonly uid: string | null;
  readonly isParent: boolean;
  readonly isPediatrician: boolean;
  readonly isSchool: boolean;
  /** Writes may be sent now. */
  readonly writable: boolean;
}

/** The viewer of the calling component, reactive (read its fields in templates and computeds). */
export function useViewer(): Viewer {
  const session = useSessionStore();
  const connection = useConnectionStore();
  return reactive({
    role: computed(() => session.role),
    uid: computed(() => session.uid),
    isParent: computed(() => session.role === 'parent'),
    isPediatrician: computed(() => session.role === 'pediatrician'),
    isSchool: computed(() => session.role === 'school-admin'),
    writable: computed(() => connection.writable),
  });
}
