import { z } from 'zod';
import type { AdmissionRequest } from './admission.ts';
import type { Agreement } from './agreement.ts';
import type { Child } from './child.ts';
import type { CardEntry } from './medicalCard.ts';
import { CardEntryKind } from './medicalCard.ts';
import { id, isoDateTime } from './primitives.ts';
import type { ReadReceipt, Report } from './report.ts';
import type { ReportRequest } from './reportRequest.ts';

// One child's timeline: every recorded change around the child on both channels, newest first. The app builds it in
// main from the records the caller's own identity may read (the chaincodes decide), so this module only turns
// records into events and orders them; it reads nothing.

/** What an event is about, the filter the timeline offers. */
export const TimelineKind = z.enum([
  'child',
  'agreement',
  'card',
  'admission',
  'reportRequest',
  'report',
  'permission',
  'read',
]);
export type TimelineKind = z.infer<typeof TimelineKind>;

/** The channel an event was recorded on. */
export const TimelineChannel = z.enum(['medical', 'report']);
export type TimelineChannel = z.infer<typeof TimelineChannel>;

/**
 * One event. `action` is the record's new status (`proposed`, `approved`, …), a card entry's kind (`allergy`, …) or
 * `read`; `by` is the acting uid (a school read names the admin, `schoolId` the school); `at` is the transaction
 * time (UTC) and `txId` the transaction that recorded it. `recordId` names the record (agreement, entry, request or
 * report id). `reason` carries a decline or revocation reason, or a replacement's note.
 */
export const TimelineEvent = z.strictObject({
  kind: TimelineKind,
  channel: TimelineChannel,
  action: z.string().min(1).max(64),
  recordId: id,
  by: id,
  at: isoDateTime,
  txId: z.string(),
  schoolId: id.optional(),
  reason: z.string().optional(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** A status change as every record keeps it. */
interface Change {
  status: string;
  by: string;
  at: string;
  txId: string;
  reason?: string | undefined;
  schoolId?: string | undefined;
}

function fromChanges(
  kind: TimelineKind,
  channel: TimelineChannel,
  recordId: string,
  changes: readonly Change[],
): TimelineEvent[] {
  return changes.map((c) => ({
    kind,
    channel,
    action: c.status,
    recordId,
    by: c.by,
    at: c.at,
    txId: c.txId,
    ...(c.schoolId === undefined ? {} : { schoolId: c.schoolId }),
    ...(c.reason === undefined ? {} : { reason: c.reason }),
  }));
}

/** The child's registration, guardians added and gestational age recorded (`medical`). */
export function childEvents(child: Child): TimelineEvent[] {
  return fromChanges('child', 'medical', child.childId, child.changes);
}

/** Every status change of an agreement (`medical`). */
export function agreementEvents(agreement: Agreement): TimelineEvent[] {
  return fromChanges('agreement', 'medical', agreement.agreementId, agreement.changes);
}

/** One event per card entry: its kind, who recorded it, when, in which transaction (`medical`). */
export function cardEvents(entries: readonly CardEntry[]): TimelineEvent[] {
  return entries.map((entry) => ({
    kind: 'card',
    channel: 'medical',
    action: CardEntryKind.parse(entry.kind),
    recordId: entry.entryId,
    by: entry.recordedBy,
    at: entry.recordedAt,
    txId: entry.txId,
  }));
}

/** An admission request's submission and decisions (`report`). */
export function admissionEvents(request: AdmissionRequest): TimelineEvent[] {
  return fromChanges('admission', 'report', request.requestId, request.changes);
}

/** A report request's changes (`report`). */
export function reportRequestEvents(request: ReportRequest): TimelineEvent[] {
  return fromChanges('reportRequest', 'report', request.reportRequestId, request.changes);
}

/** A report's changes: a change that names a school is a permission granted or revoked, the others the report's. */
export function reportEvents(report: Report): TimelineEvent[] {
  return report.changes.flatMap((c) =>
    fromChanges(c.schoolId === undefined ? 'report' : 'permission', 'report', report.reportId, [c]),
  );
}

/** A school's reads of a report (`report`; the guardians' GetReadReceipts). */
export function readEvents(receipts: readonly ReadReceipt[]): TimelineEvent[] {
  return receipts.map((r) => ({
    kind: 'read',
    channel: 'report',
    action: 'read',
    recordId: r.reportId,
    by: r.uid,
    at: r.at,
    txId: r.txId,
    schoolId: r.schoolId,
  }));
}

/**
 * The events of every source in one list, newest first by instant (not by text: `…:00Z` and `…:00.500Z` are the
 * same second, the second one later). Events of one instant keep a stable order: by transaction id, then by kind in
 * {@link TimelineKind} order, then the later change of a record first, so every run and every reader sees the same
 * list. An event read twice (the same record listed by two reads) appears once.
 */
export function mergeTimeline(sources: readonly (readonly TimelineEvent[])[]): TimelineEvent[] {
  const seen = new Set<string>();
  const ranked: { event: TimelineEvent; ms: number; seq: number }[] = [];
  for (const source of sources) {
    source.forEach((event, seq) => {
      const key = [event.kind, event.recordId, event.txId, event.action, event.schoolId ?? '', event.by].join('\u0000');
      if (seen.has(key)) return;
      seen.add(key);
      ranked.push({ event, ms: Date.parse(event.at), seq });
    });
  }
  const kindOrder = (kind: TimelineKind): number => TimelineKind.options.indexOf(kind);
  ranked.sort(
    (a, b) =>
      b.ms - a.ms ||
      (a.event.txId < b.event.txId ? -1 : a.event.txId > b.event.txId ? 1 : 0) ||
      kindOrder(a.event.kind) - kindOrder(b.event.kind) ||
      b.seq - a.seq,
  );
  return ranked.map((r) => r.event);
}

/** The events of the kinds asked for (all of them when `kinds` is empty), in the same order. */
export function filterTimeline(events: readonly TimelineEvent[], kinds: ReadonlySet<TimelineKind>): TimelineEvent[] {
  return kinds.size === 0 ? [...events] : events.filter((event) => kinds.has(event.kind));
}
