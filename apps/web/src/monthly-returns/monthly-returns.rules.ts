import { record, text } from '../forms/form-values';
import { longMonth } from '@la-tracker/platform/time';
import type { FieldProblem } from '../api/api-client';
import { Role } from '../http/web-request';

export const MAX_NOTE_LENGTH = 2000;
export const MONTHLY_RETURN_STATUSES = ['SUBMITTED', 'RETURNED', 'ACCEPTED'] as const;

/** 2022-12 as "December 2022". */
export const monthLabel = longMonth;

/** The month before the one `today` falls in: the latest a return may be made for. */
export function lastEndedMonth(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * Money as people type it ("£1,250", "1250.5") as the api's Money ("1250.00"), or null when it is
 * not an amount of pounds and pence.
 */
export function parseMoney(typed: string): string | null {
  const plain = typed.replace(/^£/, '').replace(/,/g, '').trim();
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return null;
  const [pounds = '0', pence = ''] = plain.split('.');
  return `${String(Number(pounds))}.${pence.padEnd(2, '0')}`;
}

/** The return form as typed, to show again. */
export interface MonthlyReturnForm {
  programmeId: string;
  month: { month: string; year: string };
  sessionsDelivered: string;
  participants: string;
  spend: string;
  note: string;
}

export function readMonthlyReturnForm(body: unknown): MonthlyReturnForm {
  const form = record(body);
  return {
    programmeId: text(form.programmeId),
    month: { month: text(form['month-month']), year: text(form['month-year']) },
    sessionsDelivered: text(form.sessionsDelivered),
    participants: text(form.participants),
    spend: text(form.spend),
    note: text(form.note),
  };
}

export interface SubmitMonthlyReturnInput {
  programmeId: string;
  month: string;
  sessionsDelivered: number;
  participants: number;
  spend: string;
  note?: string;
}

/** The form as the api's SubmitMonthlyReturnInput, or its problems by the id of each field. */
export function parseMonthlyReturnForm(
  form: MonthlyReturnForm,
  context: { today: string },
): { input: SubmitMonthlyReturnInput | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (form.programmeId === '') problem('programmeId', 'Select the programme');

  let month = '';
  const { month: m, year } = form.month;
  if (m === '' && year === '') problem('month-month', 'Enter the month the return is for');
  else if (m === '' || year === '')
    problem('month-month', `The month must include a ${m === '' ? 'month' : 'year'}`);
  else if (!/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(year) || Number(m) < 1 || Number(m) > 12)
    problem('month-month', 'The month must be a real month');
  else {
    month = `${year}-${m.padStart(2, '0')}`;
    if (month > lastEndedMonth(context.today))
      problem('month-month', 'The month must have ended: make the return once it is over');
  }

  const whole = (field: 'sessionsDelivered' | 'participants', label: string) => {
    const typed = form[field].replace(/,/g, '');
    if (typed === '') problem(field, `Enter ${label}`);
    else if (!/^\d+$/.test(typed))
      problem(field, `${label[0]?.toUpperCase()}${label.slice(1)} must be a whole number`);
    return Number(typed);
  };
  const sessionsDelivered = whole('sessionsDelivered', 'the number of sessions delivered');
  const participants = whole('participants', 'the number of participants');

  const spend = form.spend === '' ? null : parseMoney(form.spend);
  if (form.spend === '') problem('spend', 'Enter the spend for the month');
  else if (spend === null) problem('spend', 'Spend must be an amount of money, like 1250.00');

  if (form.note.length > MAX_NOTE_LENGTH)
    problem('note', `The note must be ${MAX_NOTE_LENGTH} characters or fewer`);

  if (problems.length > 0 || spend === null) return { input: null, problems };
  return {
    input: {
      programmeId: form.programmeId,
      month,
      sessionsDelivered,
      participants,
      spend,
      ...(form.note ? { note: form.note } : {}),
    },
    problems,
  };
}

/** A return's figures back into the form, to submit it again once it has been sent back. */
export function formOfReturn(monthlyReturn: {
  month: string;
  programme: { id: string };
  sessionsDelivered: number;
  participants: number;
  spend: string;
  note: string | null;
}): MonthlyReturnForm {
  return {
    programmeId: monthlyReturn.programme.id,
    month: {
      month: String(Number(monthlyReturn.month.slice(5, 7))),
      year: monthlyReturn.month.slice(0, 4),
    },
    sessionsDelivered: String(monthlyReturn.sessionsDelivered),
    participants: String(monthlyReturn.participants),
    spend: monthlyReturn.spend,
    note: monthlyReturn.note ?? '',
  };
}

/** What a person may do with a return, by its state and their roles (the api decides in the end). */
export function monthlyReturnActions(
  status: string,
  roles: ReadonlySet<Role>,
): { resubmit: boolean; accept: boolean; sendBack: boolean } {
  const manager = roles.has(Role.PROGRAMME_MANAGER) || roles.has(Role.ADMIN);
  return {
    resubmit: roles.has(Role.SUPPLIER) && status === 'RETURNED',
    accept: manager && status === 'SUBMITTED',
    sendBack: manager && status === 'SUBMITTED',
  };
}

export function monthlyReturnTagClass(status: string): string {
  if (status === 'ACCEPTED') return 'govuk-tag--green';
  if (status === 'RETURNED') return 'govuk-tag--red';
  return 'govuk-tag--yellow';
}

/** The list's filter from its query string: a state and a financial year. */
export function parseMonthlyReturnFilter(query: unknown): {
  filter: { status?: string[]; financialYear?: string };
  values: { status: string; financialYear: string };
  after: string | null;
} {
  const q = record(query);
  const status = text(q.status);
  const financialYear = text(q.financialYear);
  const filter: { status?: string[]; financialYear?: string } = {};
  if ((MONTHLY_RETURN_STATUSES as readonly string[]).includes(status)) filter.status = [status];
  if (/^\d{4}-\d{2}$/.test(financialYear)) filter.financialYear = financialYear;
  const after = text(q.after);
  return { filter, values: { status, financialYear }, after: after === '' ? null : after };
}

/** The form's values by their names, for the check page's hidden inputs and its "Change" links. */
export function monthlyReturnFields(form: MonthlyReturnForm): Array<[string, string]> {
  return [
    ['programmeId', form.programmeId],
    ['month-month', form.month.month],
    ['month-year', form.month.year],
    ['sessionsDelivered', form.sessionsDelivered],
    ['participants', form.participants],
    ['spend', form.spend],
    ['note', form.note],
  ];
}
