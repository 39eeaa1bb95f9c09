// One child's timeline across both channels, read with the caller's own identity: every read below is a chaincode
// query the caller may make anyway, so the chaincodes' access rules decide what the timeline holds. A school admin's
// timeline never touches `medical` (School's peers are not on it, and nothing from it may reach a school): it holds
// only the report-channel records the school's own lists return.
import type { Admissions } from './admissions.ts';
import type { Agreements } from './agreements.ts';
import type { Cards } from './cards.ts';
import type { Children } from './children.ts';
import type { ReportRequests } from './reportRequests.ts';
import type { Reports } from './reports.ts';
import {
  admissionEvents,
  agreementEvents,
  cardEvents,
  childEvents,
  id,
  mergeTimeline,
  readEvents,
  type Report,
  reportEvents,
  reportRequestEvents,
  type TimelineEvent,
} from './schemas.ts';
import { validateInput } from '../util/validateInput.ts';

/** The MSP of the school organisation: its clients read the report channel only. */
const SCHOOL_MSP = 'SchoolMSP';

/**
 * What {@link childTimeline} reads with: the caller's aggregate workflows, grouped by channel (a school's timeline never
 * reads `medical`), and organisation.
 */
export interface ChildTimelineSources {
  medical: Pick<Children, 'listMyChildren'> & Pick<Agreements, 'listMyAgreements'> & Pick<Cards, 'readMedicalCard'>;
  report: Pick<Admissions, 'listMyAdmissionRequests'> &
    Pick<ReportRequests, 'listMyReportRequests'> &
    Pick<Reports, 'listMyReports' | 'getReadReceipts'>;
  /** The caller's MSP id (the certificate's organisation). */
  mspId: string;
}

/** Whether a full report record (guardians, pediatrician) rather than a school's view. */
function isPartyRecord(entry: object): entry is Report {
  return 'guardianUids' in entry;
}

/**
 * Every recorded event around `childId` the caller may read, newest first (see `mergeTimeline`).
 * - A parent: the child (if a guardian), its agreements, its card, its admission and report requests, its reports
 *   with permissions, and each school's read of them (the guardians' read receipts).
 * - A pediatrician: what they are party to: their agreements for the child, the card while an agreement is in force,
 *   the report requests addressed to them and the reports they issued (no read receipts: those are the guardians').
 * - A school admin: the admission and report requests of their school for the child, nothing from `medical`.
 * @throws InvalidInputError when `childId` is not an id.
 */
export async function childTimeline(
  sources: Readonly<ChildTimelineSources>,
  childId: string,
): Promise<TimelineEvent[]> {
  const child = validateInput(id, childId, 'childId');
  const { medical, report } = sources;
  const forChild = <T extends { childId: string }>(records: readonly T[]): T[] =>
    records.filter((r) => r.childId === child);

  const [admissions, reportRequests] = await Promise.all([
    report.listMyAdmissionRequests().then(forChild),
    report.listMyReportRequests().then(forChild),
  ]);
  const reportSide: TimelineEvent[][] = [
    ...admissions.map(admissionEvents),
    ...reportRequests.map(reportRequestEvents),
  ];
  if (sources.mspId === SCHOOL_MSP) return mergeTimeline(reportSide);

  const [children, agreements, reports] = await Promise.all([
    medical.listMyChildren(),
    medical.listMyAgreements().then(forChild),
    report.listMyReports().then((list) => forChild(list.filter(isPartyRecord))),
  ]);
  const readable = children.find((c) => c.childId === child);
  // A card exists once an agreement was accepted; the chaincode lets a guardian read it, and a pediatrician while an
  // agreement is in force (then the child is among their children).
  const hasCard = agreements.some((a) => a.changes.some((c) => c.status === 'active'));
  const card = readable !== undefined && hasCard ? await medical.readMedicalCard(child) : null;
  const isGuardian = readable !== undefined && sources.mspId !== 'HospitalMSP';
  const receipts = isGuardian ? await Promise.all(reports.map((r) => report.getReadReceipts(r.reportId))) : [];

  return mergeTimeline([
    ...(readable === undefined ? [] : [childEvents(readable)]),
    ...agreements.map(agreementEvents),
    ...(card === null
      ? []
      : [
          cardEvents([
            ...card.allergies,
            ...card.conditions,
            ...card.immunizations,
            ...card.measurements,
            ...card.visitNotes,
          ]),
        ]),
    ...reportSide,
    ...reports.map(reportEvents),
    ...receipts.map(readEvents),
  ]);
}
