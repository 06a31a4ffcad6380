import { dayOfWeek } from './calendar-date.rules';
import { englandAndWalesCalendar } from './england-and-wales.calendar';

// Written out by hand from GOV.UK's announcements, year by year: New Year (or its substitute),
// Good Friday, Easter Monday, early May, spring, summer, Christmas and Boxing Day (or substitutes),
// and the one-off days.
const expected: Record<number, string[]> = {
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

// Easter Sunday by year, from the church tables; Good Friday is two days before, Easter Monday after.
const easterSunday: Record<number, string> = {
  2018: '2018-04-01',
  2019: '2019-04-21',
  2020: '2020-04-12',
  2021: '2021-04-04',
  2022: '2022-04-17',
  2023: '2023-04-09',
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
};

describe('englandAndWalesCalendar', () => {
  const sut = englandAndWalesCalendar();

  it('is read once', () => {
    expect(englandAndWalesCalendar()).toBe(sut);
  });

  it('covers 2018 to 2027', () => {
    expect(sut.coverage).toEqual({ firstYear: 2018, lastYear: 2027 });
  });

  it.each(Object.keys(expected).map(Number))('lists the bank holidays of %d', (year) => {
    const listed = sut.holidays.filter((holiday) => holiday.date.startsWith(`${year}-`));
    expect(listed.map((holiday) => holiday.date)).toEqual(
      expected[year].map((day) => `${year}-${day}`),
    );
  });

  it('lists nothing else', () => {
    expect(sut.holidays).toHaveLength(83);
  });

  it.each(Object.entries(easterSunday))('has Good Friday and Easter Monday of %s', (_, sunday) => {
    const day = Date.parse(sunday) / 86_400_000;
    const iso = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
    expect(sut.bankHolidayOn(iso(day - 2))?.title).toBe('Good Friday');
    expect(sut.bankHolidayOn(iso(day + 1))?.title).toBe('Easter Monday');
  });

  it('puts every bank holiday on a weekday', () => {
    const weekend = sut.holidays.filter((holiday) => [0, 6].includes(dayOfWeek(holiday.date)));
    expect(weekend).toEqual([]);
  });

  it('has the one-off days', () => {
    const titles = Object.fromEntries(
      ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08'].map((date) => [
        date,
        sut.bankHolidayOn(date)?.title,
      ]),
    );
    expect(titles).toEqual({
      '2020-05-08': 'Early May bank holiday (VE day)',
      '2022-06-02': 'Spring bank holiday',
      '2022-06-03': 'Platinum Jubilee bank holiday',
      '2022-09-19': 'Bank Holiday for the State Funeral of Queen Elizabeth II',
      '2023-05-08': 'Bank holiday for the coronation of King Charles III',
    });
  });

  it('marks substitute days', () => {
    const substitutes = sut.holidays
      .filter((holiday) => holiday.notes === 'Substitute day')
      .map((holiday) => `${holiday.date} ${holiday.title}`);
    expect(substitutes).toEqual([
      '2020-12-28 Boxing Day',
      '2021-12-27 Christmas Day',
      '2021-12-28 Boxing Day',
      '2022-01-03 New Year’s Day',
      '2022-12-27 Christmas Day',
      '2023-01-02 New Year’s Day',
      '2026-12-28 Boxing Day',
      '2027-12-27 Christmas Day',
      '2027-12-28 Boxing Day',
    ]);
  });
});
