// Reads one child's timeline from main (which reads both channels with the active identity).
import { parseRecords, TimelineEvent } from '../../domain/records.ts';
import { request } from '../../lib/ipc.ts';

/** The child's events, newest first, parsed with the shared schema. */
export async function fetchChildTimeline(childId: string): Promise<TimelineEvent[]> {
  return parseRecords(TimelineEvent, await request(() => window.api['child:timeline']({ childId })), 'timeline event');
}
