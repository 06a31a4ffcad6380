import { addCalendarMonths } from '@la-tracker/domain/calendar';
import { contactProblems, normaliseEmail } from '@la-tracker/domain/programmes';
import { ATTENDEE_ROLES, type AttendeeRole } from '@la-tracker/domain/sessions';
import type { IsoDate } from '@la-tracker/platform/time';

type Problem = { field: string; message: string };

export const MAX_PARTICIPANT_NAME = 200;
/** What an erased participant is called: no one, but the record and its counts stay. */
export const ERASED_NAME = 'Erased participant';
/** Ten years: longer than any retention period the department sets. */
export const MAX_RETENTION_MONTHS = 120;

/** A name as kept: trimmed, with runs of spaces made one. */
export function normaliseParticipantName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** An e-mail as kept: trimmed and lower case; none when left out or blank. */
export function participantEmail(email: string | null | undefined): string | null {
  if (email === undefined || email === null || email.trim() === '') return null;
  return normaliseEmail(email);
}

/**
 * What is wrong with a participant's details, field by field. Fields left out (undefined) are
 * not checked, so a change may give only what changes; a name, when given, must be there.
 */
export function participantProblems(input: {
  name?: string | null;
  email?: string | null;
  role?: string | null;
}): Problem[] {
  const problems: Problem[] = [];
  if (input.name !== undefined) {
    const name = normaliseParticipantName(input.name ?? '');
    if (name === '' || name.length > MAX_PARTICIPANT_NAME)
      problems.push({ field: 'name', message: `must be 1 to ${MAX_PARTICIPANT_NAME} characters` });
  }
  const email = participantEmail(input.email);
  if (email !== null) problems.push(...contactProblems({ email }));
  if (
    input.role !== undefined &&
    !(ATTENDEE_ROLES as readonly (string | null)[]).includes(input.role)
  )
    problems.push({ field: 'role', message: `must be one of ${ATTENDEE_ROLES.join(', ')}` });
  return problems;
}

export function isAttendeeRole(role: string): role is AttendeeRole {
  return (ATTENDEE_ROLES as readonly string[]).includes(role);
}

/** Why a participant cannot be erased or changed: once erased, there is nothing left of them. */
export function erasedRefusal(participant: { erasedAt: Date | null }): string | null {
  return participant.erasedAt === null
    ? null
    : `This participant was erased at ${participant.erasedAt.toISOString()}: their name and e-mail are gone, and nothing is left to erase or change.`;
}

/** The last day a programme's participants may be kept: `months` calendar months after it ends. */
export function keptUntil(programmeEndsOn: IsoDate, months: number): IsoDate {
  return addCalendarMonths(programmeEndsOn, months);
}

/**
 * Whether a programme's participants are due for erasure on `asOf` (SPEC §5.11): the programme
 * ended more than `months` calendar months before that day.
 */
export function isDueForErasure(programmeEndsOn: IsoDate, asOf: IsoDate, months: number): boolean {
  return keptUntil(programmeEndsOn, months) < asOf;
}

export function retentionMonthsProblems(months: number): Problem[] {
  return Number.isInteger(months) && months >= 0 && months <= MAX_RETENTION_MONTHS
    ? []
    : [
        {
          field: 'retentionMonths',
          message: `must be a whole number of months from 0 to ${MAX_RETENTION_MONTHS}`,
        },
      ];
}
