import { addDays } from '@la-tracker/domain/calendar';
import type { IsoDate } from '@la-tracker/platform/time';

/**
 * How long each kind of personal data is kept (SPEC §5.11). When a programme's participants are
 * due is the participants' own rule (`isDueForErasure`); this adds what else holds an address.
 */
export interface RetentionPolicy {
  /** Participants: calendar months after their programme ends. */
  monthsAfterProgrammeEnd: number;
  /** Development outbox messages: days after the day they were sent (in England). */
  outboxDays: number;
}

/**
 * The first day whose development outbox messages are kept on `asOf`: a message sent on an
 * earlier day (in England) is due for deletion. With 0 days, only today's are kept.
 */
export function outboxKeptFrom(
  asOf: IsoDate,
  policy: Pick<RetentionPolicy, 'outboxDays'>,
): IsoDate {
  return addDays(asOf, -policy.outboxDays);
}

/** What is wrong with a policy, field by field. */
export function retentionPolicyProblems(
  policy: RetentionPolicy,
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const { monthsAfterProgrammeEnd: months, outboxDays: days } = policy;
  if (!Number.isInteger(months) || months < 0 || months > 120)
    problems.push({
      field: 'monthsAfterProgrammeEnd',
      message: 'must be a whole number of months from 0 to 120',
    });
  if (!Number.isInteger(days) || days < 0 || days > 3650)
    problems.push({
      field: 'outboxDays',
      message: 'must be a whole number of days from 0 to 3650',
    });
  return problems;
}
