import { type IsoDate } from '@la-tracker/platform/time';

/**
 * A date in a year whose bank holidays the calendar does not know. Refused rather than read as a
 * year without holidays, which would put due dates early without anyone noticing.
 */
export class CalendarNotCoveredError extends Error {
  constructor(
    readonly date: IsoDate,
    readonly firstYear: number,
    readonly lastYear: number,
  ) {
    super(
      `No bank holidays are known for ${date.slice(0, 4)} (date ${date}): the working-day calendar ` +
        `covers ${firstYear} to ${lastYear}. Add that year's England and Wales bank holidays to ` +
        'libs/domain/calendar/src/data/bank-holidays-england-and-wales.csv (SOURCES.md there says how).',
    );
    this.name = 'CalendarNotCoveredError';
  }
}
