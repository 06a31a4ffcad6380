import { Role } from '../http/web-request';
import {
  formOfReturn,
  lastEndedMonth,
  monthLabel,
  monthlyReturnActions,
  monthlyReturnFields,
  monthlyReturnTagClass,
  parseMoney,
  parseMonthlyReturnFilter,
  parseMonthlyReturnForm,
  readMonthlyReturnForm,
} from './monthly-returns.rules';

const PROGRAMME = '33333333-3333-4333-8333-333333333333';

const posted = (changes: Record<string, unknown> = {}) =>
  readMonthlyReturnForm({
    programmeId: PROGRAMME,
    'month-month': '12',
    'month-year': '2022',
    sessionsDelivered: '2',
    participants: '1,207',
    spend: '£1,250',
    note: '',
    ...changes,
  });

const today = '2023-01-05';

describe('parseMonthlyReturnForm', () => {
  it('gives the api its input', () => {
    expect(parseMonthlyReturnForm(posted(), { today })).toEqual({
      input: {
        programmeId: PROGRAMME,
        month: '2022-12',
        sessionsDelivered: 2,
        participants: 1207,
        spend: '1250.00',
      },
      problems: [],
    });
    expect(
      parseMonthlyReturnForm(posted({ note: ' Quiet month ' }), { today }).input,
    ).toMatchObject({ note: 'Quiet month' });
  });

  it('names every problem at once, by the id of its field', () => {
    expect(parseMonthlyReturnForm(readMonthlyReturnForm({}), { today })).toEqual({
      input: null,
      problems: [
        { field: 'programmeId', message: 'Select the programme' },
        { field: 'month-month', message: 'Enter the month the return is for' },
        { field: 'sessionsDelivered', message: 'Enter the number of sessions delivered' },
        { field: 'participants', message: 'Enter the number of participants' },
        { field: 'spend', message: 'Enter the spend for the month' },
      ],
    });
  });

  it('refuses a month not yet over, or not a month at all', () => {
    const problemsFor = (month: string, year: string) =>
      parseMonthlyReturnForm(posted({ 'month-month': month, 'month-year': year }), { today })
        .problems;
    expect(problemsFor('1', '2023')).toEqual([
      {
        field: 'month-month',
        message: 'The month must have ended: make the return once it is over',
      },
    ]);
    expect(problemsFor('13', '2022')).toEqual([
      { field: 'month-month', message: 'The month must be a real month' },
    ]);
    expect(problemsFor('', '2022')).toEqual([
      { field: 'month-month', message: 'The month must include a month' },
    ]);
  });

  it('refuses figures that are not whole numbers or money', () => {
    expect(
      parseMonthlyReturnForm(
        posted({ sessionsDelivered: '-1', participants: '2.5', spend: '12.345' }),
        {
          today,
        },
      ).problems,
    ).toEqual([
      {
        field: 'sessionsDelivered',
        message: 'The number of sessions delivered must be a whole number',
      },
      { field: 'participants', message: 'The number of participants must be a whole number' },
      { field: 'spend', message: 'Spend must be an amount of money, like 1250.00' },
    ]);
  });

  it('refuses a note over 2000 characters', () => {
    expect(parseMonthlyReturnForm(posted({ note: 'x'.repeat(2001) }), { today }).problems).toEqual([
      { field: 'note', message: 'The note must be 2000 characters or fewer' },
    ]);
  });
});

describe('parseMoney', () => {
  it('reads pounds as people write them', () => {
    expect(parseMoney('1250')).toBe('1250.00');
    expect(parseMoney('£1,250.5')).toBe('1250.50');
    expect(parseMoney('0.07')).toBe('0.07');
    expect(parseMoney('007')).toBe('7.00');
    expect(parseMoney('-5')).toBeNull();
    expect(parseMoney('ten')).toBeNull();
    expect(parseMoney('1.234')).toBeNull();
  });
});

describe('months', () => {
  it('names them', () => {
    expect(monthLabel('2022-12')).toBe('December 2022');
    expect(monthLabel('nonsense')).toBe('nonsense');
  });

  it('knows the latest month that has ended, across a new year', () => {
    expect(lastEndedMonth('2023-01-05')).toBe('2022-12');
    expect(lastEndedMonth('2023-03-31')).toBe('2023-02');
  });
});

describe('formOfReturn', () => {
  it('puts a return back into the form', () => {
    expect(
      formOfReturn({
        month: '2022-12',
        programme: { id: PROGRAMME },
        sessionsDelivered: 2,
        participants: 7,
        spend: '1250.00',
        note: null,
      }),
    ).toEqual({
      programmeId: PROGRAMME,
      month: { month: '12', year: '2022' },
      sessionsDelivered: '2',
      participants: '7',
      spend: '1250.00',
      note: '',
    });
  });
});

describe('monthlyReturnActions', () => {
  it('lets suppliers resubmit a returned return and managers decide a submitted one', () => {
    expect(monthlyReturnActions('RETURNED', new Set([Role.SUPPLIER]))).toEqual({
      resubmit: true,
      accept: false,
      sendBack: false,
    });
    expect(monthlyReturnActions('SUBMITTED', new Set([Role.SUPPLIER]))).toEqual({
      resubmit: false,
      accept: false,
      sendBack: false,
    });
    expect(monthlyReturnActions('SUBMITTED', new Set([Role.PROGRAMME_MANAGER]))).toEqual({
      resubmit: false,
      accept: true,
      sendBack: true,
    });
    expect(monthlyReturnActions('ACCEPTED', new Set([Role.ADMIN]))).toEqual({
      resubmit: false,
      accept: false,
      sendBack: false,
    });
  });

  it('colours each state', () => {
    expect(monthlyReturnTagClass('ACCEPTED')).toBe('govuk-tag--green');
    expect(monthlyReturnTagClass('RETURNED')).toBe('govuk-tag--red');
    expect(monthlyReturnTagClass('SUBMITTED')).toBe('govuk-tag--yellow');
  });
});

describe('parseMonthlyReturnFilter', () => {
  it('reads a state and a financial year, leaving out what it does not know', () => {
    expect(parseMonthlyReturnFilter({ status: 'RETURNED', financialYear: '2022-23' })).toEqual({
      filter: { status: ['RETURNED'], financialYear: '2022-23' },
      values: { status: 'RETURNED', financialYear: '2022-23' },
      after: null,
    });
    expect(parseMonthlyReturnFilter({ status: 'LOST', financialYear: 'soon', after: 'c' })).toEqual(
      {
        filter: {},
        values: { status: 'LOST', financialYear: 'soon' },
        after: 'c',
      },
    );
  });
});

describe('monthlyReturnFields', () => {
  it('carries every value as typed, under its form name', () => {
    expect(monthlyReturnFields(posted({ note: 'Quiet' }))).toEqual([
      ['programmeId', PROGRAMME],
      ['month-month', '12'],
      ['month-year', '2022'],
      ['sessionsDelivered', '2'],
      ['participants', '1,207'],
      ['spend', '£1,250'],
      ['note', 'Quiet'],
    ]);
  });

  it('reads back into the same form', () => {
    const form = posted({ note: 'Quiet' });
    expect(readMonthlyReturnForm(Object.fromEntries(monthlyReturnFields(form)))).toEqual(form);
  });
});
