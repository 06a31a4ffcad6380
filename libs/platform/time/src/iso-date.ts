/** A calendar date written `YYYY-MM-DD`, with no time of day and no time zone. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (so `2023-02-29` is false). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const englandDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in England at a given instant: "today" is judged there, not in UTC. */
export function dateInEngland(instant: Date): IsoDate {
  return englandDateFormat.format(instant);
}

const englandHourFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The instant a calendar day begins in England (midnight there, 23:00 UTC the day before in summer). */
export function startOfDayInEngland(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD).`);
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  // England is UTC or an hour ahead, and its clocks change at 01:00 UTC: the offset at UTC
  // midnight is the one in force at the start of England's day.
  const hoursAhead = Number(englandHourFormat.format(utcMidnight));
  return new Date(utcMidnight.getTime() - hoursAhead * 3_600_000);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2022-12 → December 2022; anything that is not a month is given back as it is. */
export function longMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : month;
}

/** 2022-12-28 → 28 December 2022, as GOV.UK writes dates. */
export function longDate(date: IsoDate): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}
