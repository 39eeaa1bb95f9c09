// Reads one child's timeline from main (which reads both channels with the active identity).
import type { TimelineEvent } from '../../domain/records.ts';
import { request } from '../../lib/ipc.ts';

/** The child's events, newest first, typed by the contract (the domain's schema, parsed once in main). */
export async function fetchChildTimeline(childId: string): Promise<TimelineEvent[]> {
  return request(() => window.api['child:timeline']({ childId }));
}
