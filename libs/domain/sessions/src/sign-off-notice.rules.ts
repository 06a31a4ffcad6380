import type { NewNotification } from '@la-tracker/domain/notifications';
import { dateInEngland, longDate, type IsoDate } from '@la-tracker/platform/time';

export interface SubmittedSession {
  id: string;
  programmeId: string;
  deliveredOn: IsoDate;
  submittedAt: Date;
  /** The LAs it covers, by name: public words that name no person. */
  localAuthorityNames: readonly string[];
}

/**
 * The notice to each of the programme's managers that a submitted session awaits their sign-off
 * (SPEC §2). The key names the session and the instant of its submission, so a session returned
 * and submitted again is a new notice, while one submission is told once however often it is
 * looked at.
 */
export function signOffNotices(
  session: SubmittedSession,
  managerUserIds: readonly string[],
): NewNotification[] {
  const submission = session.submittedAt.toISOString();
  const summary = signOffSummary(session);
  return [...new Set(managerUserIds)].sort().map((managerId) => ({
    key: ['SESSION_AWAITING_SIGN_OFF', session.id, submission, 'PROGRAMME_MANAGER', managerId]
      .join(':')
      .toLowerCase(),
    kind: 'SESSION_AWAITING_SIGN_OFF',
    subjectId: session.id,
    programmeId: session.programmeId,
    recipientType: 'PROGRAMME_MANAGER',
    recipientId: managerId,
    dueOn: dateInEngland(session.submittedAt),
    summary,
  }));
}

/** What the notice says: the session by its day and LAs, and the day it was submitted. */
export function signOffSummary(session: SubmittedSession): string {
  const las = [...session.localAuthorityNames].sort();
  const covering = las.length > 0 ? ` for ${las.join(', ')}` : '';
  return `The session of ${longDate(session.deliveredOn)}${covering} was submitted on ${longDate(dateInEngland(session.submittedAt))} and awaits your sign-off.`;
}
