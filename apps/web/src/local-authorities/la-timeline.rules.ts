import type { EngagementNode, InspectionNode } from './la-page.rules';
import { gradeWords, inspectionTypeWords, serviceLineWords } from './local-authorities.rules';

export type TimelineKind = 'inspection' | 'engagement' | 'session' | 'diagnostic';

export interface TimelineEvent {
  date: string;
  kind: TimelineKind;
  title: string;
  detail: string | null;
}

/** On one day, the order things happen in: a referral before its decision, before its delivery. */
const STEP = {
  inspection: 0,
  referred: 1,
  decided: 2,
  started: 3,
  session: 4,
  diagnostic: 5,
  ended: 6,
} as const;

interface Ranked extends TimelineEvent {
  step: number;
}

function inspectionEvents(inspection: InspectionNode): Ranked[] {
  const date = inspection.inspectedOn ?? inspection.letterDate ?? inspection.publishedOn;
  if (!date) return [];
  const details: string[] = [];
  const overall = gradeWords(inspection.overallEffectiveness);
  if (overall) details.push(`Overall effectiveness: ${overall}`);
  if (inspection.theme) details.push(`Theme: ${inspection.theme}`);
  const apas = inspection.priorityActionAreas.length;
  if (apas > 0) details.push(`${apas} area${apas === 1 ? '' : 's'} for priority action`);
  return [
    {
      date,
      step: STEP.inspection,
      kind: 'inspection',
      title: `Ofsted: ${inspectionTypeWords(inspection.type)}`,
      detail: details.length > 0 ? details.join('. ') : null,
    },
  ];
}

function engagementEvents(engagement: EngagementNode): Ranked[] {
  const line = serviceLineWords(engagement.serviceLine);
  const supplier = engagement.supplier ? `Supplier: ${engagement.supplier.name}` : null;
  const event = (date: string | null, step: number, title: string, detail: string | null) =>
    date ? [{ date, step, kind: 'engagement' as const, title, detail }] : [];
  const decision =
    engagement.status === 'DECLINED' ? `${line}: referral declined` : `${line}: approved`;
  return [
    ...event(
      engagement.referredOn,
      STEP.referred,
      `${line}: referred`,
      `For ${engagement.financialYear}`,
    ),
    ...event(
      engagement.decidedOn,
      STEP.decided,
      decision,
      engagement.status === 'DECLINED' ? null : supplier,
    ),
    ...event(engagement.startedOn, STEP.started, `${line}: delivery started`, null),
    ...event(engagement.completedOn, STEP.ended, `${line}: completed`, null),
    ...event(engagement.withdrawnOn, STEP.ended, `${line}: withdrawn`, null),
  ];
}

const SESSION_STATE: Record<string, string> = {
  DRAFT: 'recorded, not yet submitted',
  SUBMITTED: 'submitted for approval',
  RETURNED: 'returned to the supplier',
  APPROVED: 'approved',
};

function sessionEvents(engagement: EngagementNode): Ranked[] {
  const line = serviceLineWords(engagement.serviceLine);
  return engagement.sessions.flatMap((session): Ranked[] => {
    if (session.status === 'PLANNED')
      return session.plannedOn
        ? [
            {
              date: session.plannedOn,
              step: STEP.session,
              kind: 'session',
              title: `${line}: session planned`,
              detail: null,
            },
          ]
        : [];
    const date = session.deliveredOn ?? session.plannedOn;
    return date
      ? [
          {
            date,
            step: STEP.session,
            kind: 'session',
            title: `${line}: session delivered`,
            detail: `Report ${SESSION_STATE[session.status] ?? session.status.toLowerCase()}`,
          },
        ]
      : [];
  });
}

function diagnosticEvents(engagement: EngagementNode): Ranked[] {
  const diagnostic = engagement.diagnostic;
  if (!diagnostic) return [];
  const steps: Array<[string | null, string]> = [
    [diagnostic.plannedOn, 'Diagnostic planned'],
    [diagnostic.fieldworkStartedOn, 'Diagnostic fieldwork started'],
    [diagnostic.draftReportOn, 'Diagnostic draft report'],
    [diagnostic.finalReportOn, 'Diagnostic final report'],
  ];
  return steps.flatMap(([date, title], index) =>
    date
      ? [
          {
            date,
            step: STEP.diagnostic + index / 10,
            kind: 'diagnostic' as const,
            title,
            detail: null,
          },
        ]
      : [],
  );
}

/**
 * An LA's story in one list, newest first: its inspections and visits, the referrals and decisions
 * on its support, its sessions and its diagnostics. A session shared by two of its engagements is
 * told once. Events on the same day keep the order they happen in (read upwards).
 */
export function timelineOf(
  inspections: readonly InspectionNode[],
  engagements: readonly EngagementNode[],
): TimelineEvent[] {
  const seenSessions = new Set<string>();
  const ranked: Ranked[] = [
    ...inspections.flatMap(inspectionEvents),
    ...engagements.flatMap((engagement) => [
      ...engagementEvents(engagement),
      ...sessionEvents({
        ...engagement,
        sessions: engagement.sessions.filter((session) => {
          if (seenSessions.has(session.id)) return false;
          seenSessions.add(session.id);
          return true;
        }),
      }),
      ...diagnosticEvents(engagement),
    ]),
  ];
  ranked.sort(
    (a, b) => b.date.localeCompare(a.date) || b.step - a.step || a.title.localeCompare(b.title),
  );
  return ranked.map(({ date, kind, title, detail }) => ({ date, kind, title, detail }));
}
