import { dateInEngland } from '@la-tracker/platform/time';
import type { FormErrors } from '../forms/form-errors';

export type DatePart = 'day' | 'month' | 'year';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DateAnswer =
  | { date: string }
  | {
      problem: string;
      /** The parts at fault, to mark; the first is linked from the summary. */ parts: DatePart[];
    };

const PARTS: DatePart[] = ['day', 'month', 'year'];

/**
 * A GOV.UK date input's day, month and year as YYYY-MM-DD, or what is wrong in GOV.UK's words
 * ("Expiry date must include a month", "Expiry date must be a real date").
 */
export function dateFromParts(parts: DateParts, label: string): DateAnswer {
  const text = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  const missing = PARTS.filter((part) => text[part] === '');
  if (missing.length === 3) return { problem: `Enter the ${label.toLowerCase()}`, parts: PARTS };
  if (missing.length > 0)
    return { problem: `${label} must include a ${missing.join(' and ')}`, parts: missing };
  const notNumbers = PARTS.filter((part) => !/^\d+$/.test(text[part]));
  if (notNumbers.length > 0) return { problem: `${label} must be a real date`, parts: notNumbers };
  if (text.year.length !== 4)
    return { problem: `${label} must include a 4-digit year`, parts: ['year'] };
  const [day, month, year] = [Number(text.day), Number(text.month), Number(text.year)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    month < 1 ||
    month > 12 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return {
      problem: `${label} must be a real date`,
      parts: month < 1 || month > 12 ? ['month'] : ['day'],
    };
  return {
    date: `${text.year}-${text.month.padStart(2, '0')}-${text.day.padStart(2, '0')}`,
  };
}

/** The create form as typed, kept to show again. */
export interface NewTokenForm {
  name: string;
  expiresOn: DateParts;
}

const field = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value.slice(0, 200) : '';
};

export function newTokenFormOf(body: Record<string, unknown>): NewTokenForm {
  return {
    name: field(body, 'name'),
    expiresOn: {
      day: field(body, 'expiresOn-day'),
      month: field(body, 'expiresOn-month'),
      year: field(body, 'expiresOn-year'),
    },
  };
}

export const EXPIRY_LABEL = 'Expiry date';

/** What the api needs, or the form's errors: a name, and a real expiry date. */
export function checkNewTokenForm(
  form: NewTokenForm,
): { input: { name: string; expiresOn: string } } | { errors: FormErrors; dateParts: DatePart[] } {
  const errors: FormErrors = { errorList: [], byField: {} };
  let dateParts: DatePart[] = [];
  const name = form.name.trim();
  if (name === '') {
    errors.errorList.push({ text: 'Enter a name for the token', href: '#name' });
    errors.byField.name = { text: 'Enter a name for the token' };
  } else if (name.length > 100) {
    errors.errorList.push({ text: 'Name must be 100 characters or fewer', href: '#name' });
    errors.byField.name = { text: 'Name must be 100 characters or fewer' };
  }
  const expiry = dateFromParts(form.expiresOn, EXPIRY_LABEL);
  if ('problem' in expiry) {
    dateParts = expiry.parts;
    errors.errorList.push({ text: expiry.problem, href: `#expiresOn-${expiry.parts[0]}` });
    errors.byField.expiresOn = { text: expiry.problem };
  }
  if (errors.errorList.length > 0 || !('date' in expiry)) return { errors, dateParts };
  return { input: { name, expiresOn: expiry.date } };
}

/** The api's words: "must not be in the past …" after the field's label, others as a sentence. */
export const API_FIELD_LABELS: Record<string, { label: string; href: string }> = {
  name: { label: 'Name', href: 'name' },
  expiresOn: { label: EXPIRY_LABEL, href: 'expiresOn-day' },
};

export function apiTokenFormErrorsOf(
  problems: Array<{ field: string; message: string }>,
  fallback: string,
): FormErrors {
  const errors: FormErrors = { errorList: [], byField: {} };
  const list = problems.length > 0 ? problems : [{ field: 'name', message: fallback }];
  for (const problem of list) {
    const key = problem.field.replace(/^input\./, '');
    const known = API_FIELD_LABELS[key];
    const text =
      known && /^must\b/.test(problem.message)
        ? `${known.label} ${problem.message}`
        : problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
    const id = known?.href ?? 'name';
    errors.errorList.push({ text, href: `#${id}` });
    errors.byField[key in API_FIELD_LABELS ? key : 'name'] ??= { text };
  }
  return errors;
}

export interface ApiTokenNode {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresOn: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type TokenStatus = 'Active' | 'Revoked' | 'Expired';

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  createdOn: string;
  expiresOn: string;
  lastUsedOn: string | null;
  status: TokenStatus;
}

/** A token works until revoked, or until the end of its last day in England. */
export function apiTokenRowOf(token: ApiTokenNode, now: Date): ApiTokenRow {
  const today = dateInEngland(now);
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdOn: dateInEngland(new Date(token.createdAt)),
    expiresOn: token.expiresOn,
    lastUsedOn: token.lastUsedAt ? dateInEngland(new Date(token.lastUsedAt)) : null,
    status: token.revokedAt ? 'Revoked' : token.expiresOn < today ? 'Expired' : 'Active',
  };
}
