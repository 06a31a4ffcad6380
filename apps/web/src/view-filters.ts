import type nunjucks from 'nunjucks';
import { longDate as longIsoDate } from '@la-tracker/platform/time';

/** `2022-06-14` as GOV.UK writes dates: "14 June 2022". Anything else is shown as it is. */
export function longDate(value: unknown): string {
  if (typeof value !== 'string') return '';
  const date = /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0];
  return date ? longIsoDate(date) : value;
}

/** A Money string ("1400000.00") as "£1,400,000.00", grouped without floating point. */
export function pounds(value: unknown): string {
  if (typeof value !== 'string' || !/^-?\d+(\.\d{1,2})?$/.test(value)) return '';
  const negative = value.startsWith('-');
  const [whole = '0', pence = ''] = value.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}£${grouped}.${pence.padEnd(2, '0')}`;
}

/** 125 minutes as "2 hours 5 minutes". */
export function duration(minutes: unknown): string {
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0) return '';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [];
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} minute${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** A share (0.25) as a whole percentage ("25%"); nothing for no share. */
export function percent(share: unknown): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return '';
  return `${Math.round(share * 100)}%`;
}

/** An enum value (IN_DELIVERY) as words ("In delivery"). */
export function words(value: unknown): string {
  if (typeof value !== 'string') return '';
  const text = value.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function addViewFilters(environment: nunjucks.Environment): void {
  environment.addFilter('longDate', longDate);
  environment.addFilter('pounds', pounds);
  environment.addFilter('duration', duration);
  environment.addFilter('percent', percent);
  environment.addFilter('words', words);
}
