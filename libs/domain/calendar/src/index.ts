export * from './bank-holiday-file.parser';
export {
  addCalendarMonths,
  addDays,
  dayOfWeek,
  daysInMonth,
  isoDate,
  isWeekend,
  toDayNumber,
  yearOf,
} from './calendar-date.rules';
export * from './calendar.error';
export * from './due-dates.rules';
export * from './england-and-wales.calendar';
export * from './working-day-calendar.rules';
export * from './financial-year.rules';
