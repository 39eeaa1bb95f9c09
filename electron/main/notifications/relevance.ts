// Decides whether a chaincode event concerns the active user, and what to tell them. Event payloads carry ids only;
// where the ids alone do not say who is concerned, one cheap read the chaincode authorizes settles it (a refusal means
// "not yours").
import { z } from 'zod';
import type { MedicalWorkflow } from '../workflow/medicalWorkflow.ts';
import type { ReportWorkflow } from '../workflow/reportWorkflow.ts';
import type { NotificationKind, UserNotification } from './notification.ts';

/** Who the active user is, from their certificate's attributes. */
export interface ActiveUser {
  uid: string;
  role: 'pediatrician' | 'parent' | 'school-admin';
  schoolId: string | null;
}

/** The reads relevance may use. */
export interface RelevanceReaders {
  medical: MedicalWorkflow;
  report: ReportWorkflow;
}

/** The event's fields a notification is built from. */
export interface ReceivedEvent {
  channel: string;
  eventName: string;
  transactionId: string;
  payload: Uint8Array;
}

const Payload = z.looseObject({
  agreementId: z.string().optional(),
  childId: z.string().optional(),
  requestId: z.string().optional(),
  reportRequestId: z.string().optional(),
  reportId: z.string().optional(),
  schoolId: z.string().optional(),
  schoolIds: z.array(z.string()).optional(),
  pediatricianUid: z.string().optional(),
  status: z.string().optional(),
});
type Payload = z.infer<typeof Payload>;

type Draft = Pick<UserNotification, 'kind' | 'level' | 'title' | 'body' | 'refs'>;

function draft(kind: NotificationKind, title: string, body: string, refs: Record<string, string | undefined>): Draft {
  const cleanRefs: Record<string, string> = {};
  for (const [key, value] of Object.entries(refs)) if (value !== undefined) cleanRefs[key] = value;
  return {
    kind,
    level: kind.endsWith('declined') || kind === 'report-revoked' ? 'warning' : 'info',
    title,
    body,
    refs: cleanRefs,
  };
}

/** Runs a read; a refusal (or any failure) means the record is not the user's business. */
async function readable<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

async function medicalDraft(
  p: Payload,
  name: string,
  user: ActiveUser,
  readers: RelevanceReaders,
): Promise<Draft | null> {
  if (p.agreementId === undefined) return null;
  const agreementId = p.agreementId;
  if (name === 'AgreementProposed' && user.role === 'pediatrician') {
    const agreement = await readable(() => readers.medical.readAgreement(agreementId));
    if (agreement?.pediatricianUid !== user.uid) return null;
    return draft('agreement-proposed', 'New care agreement', `A family proposes agreement ${agreementId}.`, {
      agreementId,
      childId: p.childId,
    });
  }
  if ((name === 'AgreementAccepted' || name === 'AgreementDeclined') && user.role === 'parent') {
    const agreement = await readable(() => readers.medical.readAgreement(agreementId));
    if (agreement === null) return null;
    const accepted = name === 'AgreementAccepted';
    return draft(
      accepted ? 'agreement-accepted' : 'agreement-declined',
      accepted ? 'Agreement accepted' : 'Agreement declined',
      `${agreement.pediatricianUid} ${accepted ? 'accepted' : 'declined'} agreement ${agreementId}.`,
      { agreementId, childId: agreement.childId },
    );
  }
  return null;
}

async function guardianReport(reportId: string, user: ActiveUser, readers: RelevanceReaders): Promise<boolean> {
  const read = await readable(() => readers.report.readReport(reportId));
  return read !== null && 'envelope' in read && read.report.guardianUids.includes(user.uid);
}

type Rule = (p: Payload, user: ActiveUser, readers: RelevanceReaders) => Draft | null | Promise<Draft | null>;

/** The school the user administers, if they are a school admin. */
function schoolOf(user: ActiveUser): string | null {
  return user.role === 'school-admin' ? user.schoolId : null;
}

async function guardianReportDraft(
  p: Payload,
  user: ActiveUser,
  readers: RelevanceReaders,
  opened: boolean,
): Promise<Draft | null> {
  if (user.role !== 'parent' || p.reportId === undefined || !(await guardianReport(p.reportId, user, readers)))
    return null;
  return opened
    ? draft('report-opened', 'Report opened', `${p.schoolId ?? 'A school'} opened report ${p.reportId}.`, {
        reportId: p.reportId,
        schoolId: p.schoolId,
      })
    : draft('report-ready', 'Report ready', `Report ${p.reportId} is ready for your approval.`, {
        reportId: p.reportId,
      });
}

/** One rule per event of the report chaincode. */
const REPORT_RULES: Readonly<Record<string, Rule>> = {
  AdmissionRequestSubmitted: (p, user) =>
    schoolOf(user) !== null && p.schoolId === schoolOf(user)
      ? draft('admission-requested', 'New admission request', `Admission request ${p.requestId ?? ''} arrived.`, {
          requestId: p.requestId,
        })
      : null,
  AdmissionRequestDecided: async (p, user, readers) => {
    if (user.role !== 'parent' || p.requestId === undefined) return null;
    const requestId = p.requestId;
    const mine = await readable(() => readers.report.listMyAdmissionRequests());
    if (mine?.some((r) => r.requestId === requestId) !== true) return null;
    return draft(
      'admission-decided',
      'Admission decided',
      `Admission request ${requestId} was ${p.status ?? 'decided'}.`,
      { requestId },
    );
  },
  ReportRequested: (p, user) =>
    user.role === 'pediatrician' && p.pediatricianUid === user.uid
      ? draft('report-requested', 'Report requested', `A school asks for a report (${p.reportRequestId ?? ''}).`, {
          reportRequestId: p.reportRequestId,
        })
      : null,
  ReportRequestDeclined: (p, user) =>
    schoolOf(user) !== null && p.schoolId === schoolOf(user)
      ? draft(
          'report-request-declined',
          'Report request declined',
          `Report request ${p.reportRequestId ?? ''} was declined.`,
          { reportRequestId: p.reportRequestId },
        )
      : null,
  ReportReady: (p, user, readers) => guardianReportDraft(p, user, readers, false),
  ReportOpened: (p, user, readers) => guardianReportDraft(p, user, readers, true),
  ReportApproved: (p, user) => {
    const school = schoolOf(user);
    return school !== null && p.schoolIds?.includes(school) === true
      ? draft('report-approved', 'Report shared with you', `Report ${p.reportId ?? ''} may now be opened.`, {
          reportId: p.reportId,
        })
      : null;
  },
  ReportPermissionRevoked: (p, user) =>
    schoolOf(user) !== null && p.schoolId === schoolOf(user)
      ? draft('report-revoked', 'Access revoked', `Access to report ${p.reportId ?? ''} was revoked.`, {
          reportId: p.reportId,
        })
      : null,
};

async function reportDraft(
  p: Payload,
  name: string,
  user: ActiveUser,
  readers: RelevanceReaders,
): Promise<Draft | null> {
  const rule = REPORT_RULES[name];
  return rule === undefined ? null : rule(p, user, readers);
}

/** The notification `event` means for `user`, or null when it is none of their business. */
export async function notificationFor(
  event: Readonly<ReceivedEvent>,
  user: Readonly<ActiveUser>,
  readers: RelevanceReaders,
): Promise<UserNotification | null> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(event.payload));
  } catch {
    return null;
  }
  const payload = Payload.safeParse(json);
  if (!payload.success) return null;
  const made =
    event.channel === 'medical'
      ? await medicalDraft(payload.data, event.eventName, user, readers)
      : await reportDraft(payload.data, event.eventName, user, readers);
  if (made === null) return null;
  return { ...made, id: event.transactionId, at: new Date().toISOString(), channel: event.channel };
}
