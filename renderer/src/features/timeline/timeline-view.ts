// How one timeline event reads: its title's message key and parameters, and who acted, in directory names.
import { TimelineKind } from '@pediledger/domain';
import type { TimelineEvent } from '../../domain/records.ts';

/** The filter chips, in the order the domain defines the timeline's kinds. */
export const TIMELINE_KINDS: readonly TimelineKind[] = TimelineKind.options;

/** Looks up a directory title ("Dr Alice Moreau (ped-alice)"), or gives the id back when it is not listed. */
export type DirectoryTitle = (kind: 'pediatrician' | 'school', id: string) => string;

/** The message key of an event's title; an action the app does not know yet reads as its kind. */
export function eventTitleKey(event: Pick<TimelineEvent, 'kind' | 'action'>, known: (key: string) => boolean): string {
  const key = `timeline.events.${event.kind}.${event.action}`;
  return known(key) ? key : `timeline.kinds.${event.kind}`;
}

/**
 * Who acted, as people read it: a pediatrician by their directory name, anyone else by uid (parents and school admins
 * are not in the directory; a school read names the school separately).
 */
export function actorOf(event: Pick<TimelineEvent, 'by'>, title: DirectoryTitle): string {
  return title('pediatrician', event.by);
}
