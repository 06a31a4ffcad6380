import { Role } from '../http/web-request';
import {
  attendanceTable,
  cohortGroups,
  dateFromParts,
  formOfSession,
  parsePlanForm,
  parseSessionFilter,
  parseSessionForm,
  partsOfDate,
  readSessionForm,
  sessionActions,
  sessionFieldIds,
  statusTagClass,
} from './sessions.rules';

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const ENGAGEMENT_H = '11111111-1111-4111-8111-111111111111';
const ENGAGEMENT_M = '22222222-2222-4222-8222-222222222222';

/** A form as the browser posts it (names already nested by the body parser). */
const posted = (changes: Record<string, unknown> = {}) => ({
  _csrf: 'token',
  engagementIds: [ENGAGEMENT_H, ENGAGEMENT_M],
  'deliveredOn-day': '7',
  'deliveredOn-month': '2',
  'deliveredOn-year': '2023',
  hours: '2',
  minutes: '30',
  format: 'IN_PERSON',
  topic: ' Scrutiny ',
  notes: '',
  attendance: {
    [HARTLEPOOL]: { LEAD_MEMBER: '1', CABINET_MEMBER: '2', COUNCILLOR: '' },
    [MIDDLESBROUGH]: { LEAD_MEMBER: '1', COUNCILLOR: '0' },
  },
  ...changes,
});

const context = { today: '2023-02-10', localAuthorities: [HARTLEPOOL, MIDDLESBROUGH] };

describe('dateFromParts', () => {
  it('joins day, month and year as YYYY-MM-DD', () => {
    expect(dateFromParts({ day: '7', month: '2', year: '2023' }, 'Date')).toEqual({
      date: '2023-02-07',
    });
  });

  it('knows leap years', () => {
    expect(dateFromParts({ day: '29', month: '2', year: '2024' }, 'Date')).toEqual({
      date: '2024-02-29',
    });
    expect(dateFromParts({ day: '29', month: '2', year: '2023' }, 'Date')).toEqual({
      problem: 'Date must be a real date',
    });
    expect(dateFromParts({ day: '29', month: '2', year: '1900' }, 'Date')).toEqual({
      problem: 'Date must be a real date',
    });
  });

  it('refuses impossible dates and says which part is missing', () => {
    expect(dateFromParts({ day: '31', month: '4', year: '2023' }, 'Date')).toEqual({
      problem: 'Date must be a real date',
    });
    expect(dateFromParts({ day: '1', month: '13', year: '2023' }, 'Date')).toEqual({
      problem: 'Date must be a real date',
    });
    expect(dateFromParts({ day: 'x', month: '1', year: '2023' }, 'Date')).toEqual({
      problem: 'Date must be a real date',
    });
    expect(dateFromParts({ day: '1', month: '1', year: '23' }, 'Date')).toEqual({
      problem: 'Date must be a real date',
    });
    expect(dateFromParts({ day: '', month: '', year: '2023' }, 'Date')).toEqual({
      problem: 'Date must include a day and a month',
    });
    expect(dateFromParts({ day: '', month: '', year: '' }, 'Date of the session')).toEqual({
      problem: 'Enter date of the session',
    });
  });

  it('goes back into three boxes', () => {
    expect(partsOfDate('2022-06-14')).toEqual({ day: '14', month: '6', year: '2022' });
    expect(partsOfDate(null)).toEqual({ day: '', month: '', year: '' });
  });
});

describe('parseSessionForm', () => {
  it('gives the api its input, with only the counts above zero', () => {
    const { input, problems } = parseSessionForm(readSessionForm(posted()), context);
    expect(problems).toEqual([]);
    expect(input).toEqual({
      engagementIds: [ENGAGEMENT_H, ENGAGEMENT_M],
      deliveredOn: '2023-02-07',
      durationMinutes: 150,
      format: 'IN_PERSON',
      topic: 'Scrutiny',
      attendance: [
        { localAuthorityCode: HARTLEPOOL, role: 'LEAD_MEMBER', count: 1 },
        { localAuthorityCode: HARTLEPOOL, role: 'CABINET_MEMBER', count: 2 },
        { localAuthorityCode: MIDDLESBROUGH, role: 'LEAD_MEMBER', count: 1 },
      ],
    });
  });

  it('keeps the planned session it records, and notes when given', () => {
    const form = readSessionForm(posted({ sessionId: 'abc', notes: 'Slides sent' }));
    expect(parseSessionForm(form, context).input).toMatchObject({
      sessionId: 'abc',
      notes: 'Slides sent',
    });
  });

  it('names every problem at once, each by the id of its field', () => {
    const form = readSessionForm({ engagementIds: [ENGAGEMENT_H] });
    expect(parseSessionForm(form, context)).toEqual({
      input: null,
      problems: [
        { field: 'deliveredOn-day', message: 'Enter date of the session' },
        { field: 'hours', message: 'Enter how long the session was' },
        { field: 'format', message: 'Select how the session was delivered' },
        { field: 'topic', message: 'Enter the topic of the session' },
        {
          field: 'attendance-E06000001-LEAD_MEMBER',
          message: 'Enter how many people attended, by local authority and role',
        },
      ],
    });
  });

  it('refuses a session in the future, too short or too long, or an unknown format', () => {
    const form = readSessionForm(
      posted({ 'deliveredOn-day': '11', hours: '0', minutes: '10', format: 'BY_POST' }),
    );
    expect(parseSessionForm(form, context).problems).toEqual([
      { field: 'deliveredOn-day', message: 'Date of the session must be today or in the past' },
      { field: 'hours', message: 'The session must last between 15 minutes and 12 hours' },
      { field: 'format', message: 'Select how the session was delivered' },
    ]);
    const long = readSessionForm(posted({ hours: '12', minutes: '15' }));
    expect(parseSessionForm(long, context).problems).toEqual([
      { field: 'hours', message: 'The session must last between 15 minutes and 12 hours' },
    ]);
    const minutes = readSessionForm(posted({ hours: '1', minutes: '75' }));
    expect(parseSessionForm(minutes, context).problems).toEqual([
      { field: 'hours', message: 'Minutes must be 59 or fewer' },
    ]);
    const words = readSessionForm(posted({ hours: 'two' }));
    expect(parseSessionForm(words, context).problems).toEqual([
      { field: 'hours', message: 'Hours and minutes must be whole numbers' },
    ]);
  });

  it('accepts a session today', () => {
    const form = readSessionForm(posted({ 'deliveredOn-day': '10' }));
    expect(parseSessionForm(form, context).problems).toEqual([]);
  });

  it('points at the first attendance box that is not a whole number', () => {
    const form = readSessionForm(
      posted({ attendance: { [MIDDLESBROUGH]: { COUNCILLOR: '2.5', LEAD_MEMBER: '1001' } } }),
    );
    expect(parseSessionForm(form, context).problems).toEqual([
      {
        field: 'attendance-E06000002-LEAD_MEMBER',
        message: 'Attendance must be whole numbers from 0 to 1000',
      },
    ]);
  });

  it('reads no counts for LAs that are not among the chosen engagements', () => {
    const form = readSessionForm(posted({ attendance: { E08000035: { LEAD_MEMBER: '4' } } }));
    expect(parseSessionForm(form, context).problems).toEqual([
      {
        field: 'attendance-E06000001-LEAD_MEMBER',
        message: 'Enter how many people attended, by local authority and role',
      },
    ]);
  });

  it('needs engagements', () => {
    const form = readSessionForm(posted({ engagementIds: undefined }));
    expect(parseSessionForm(form, context).problems).toEqual([
      { field: 'engagements', message: 'Select the engagements it was for' },
    ]);
  });
});

describe('readSessionForm', () => {
  it('reads one engagement as a list, and names the query string keeps whole', () => {
    const form = readSessionForm({
      engagementIds: ENGAGEMENT_H,
      'attendance[E06000001][LEAD_MEMBER]': '3',
      'attendance[E06000001][NOT_A_ROLE]': '3',
      'attendance[nonsense][LEAD_MEMBER]': '3',
    });
    expect(form.engagementIds).toEqual([ENGAGEMENT_H]);
    expect(form.attendance).toEqual({ [HARTLEPOOL]: { LEAD_MEMBER: '3' } });
  });

  it('reads nothing from what is not a form', () => {
    expect(readSessionForm(undefined)).toMatchObject({ engagementIds: [], attendance: {} });
  });
});

describe('formOfSession', () => {
  it('turns a recorded session back into the form it came from', () => {
    const form = formOfSession({
      id: 's1',
      deliveredOn: '2022-06-14',
      durationMinutes: 180,
      format: 'IN_PERSON',
      topic: 'Corporate parenting',
      notes: null,
      engagements: [{ id: ENGAGEMENT_H }],
      attendance: [
        { count: 1, role: 'LEAD_MEMBER', localAuthority: { gssCode: HARTLEPOOL } },
        { count: 3, role: 'CABINET_MEMBER', localAuthority: { gssCode: HARTLEPOOL } },
      ],
    });
    expect(form).toEqual({
      engagementIds: [ENGAGEMENT_H],
      sessionId: 's1',
      deliveredOn: { day: '14', month: '6', year: '2022' },
      hours: '3',
      minutes: '0',
      format: 'IN_PERSON',
      topic: 'Corporate parenting',
      notes: '',
      attendance: { [HARTLEPOOL]: { LEAD_MEMBER: '1', CABINET_MEMBER: '3' } },
    });
  });
});

describe('parsePlanForm', () => {
  const plan = (changes: Record<string, unknown>) =>
    parsePlanForm(
      {
        engagementIds: [ENGAGEMENT_H],
        'plannedOn-day': '19',
        'plannedOn-month': '12',
        'plannedOn-year': '2022',
        topic: '',
        ...changes,
      },
      { today: '2022-12-01' },
    );

  it('plans for a day to come', () => {
    expect(plan({})).toEqual({
      input: { engagementIds: [ENGAGEMENT_H], plannedOn: '2022-12-19' },
      problems: [],
    });
    expect(plan({ topic: 'Budgets' }).input).toMatchObject({ topic: 'Budgets' });
  });

  it('refuses a day gone, or no engagements', () => {
    expect(plan({ 'plannedOn-day': '30', 'plannedOn-month': '11', engagementIds: [] })).toEqual({
      input: null,
      problems: [
        { field: 'engagements', message: 'Select the engagements it is for' },
        { field: 'plannedOn-day', message: 'Planned date must be today or in the future' },
      ],
    });
  });
});

describe('sessionActions', () => {
  const supplier = new Set([Role.SUPPLIER]);
  const manager = new Set([Role.PROGRAMME_MANAGER]);
  const adviser = new Set([Role.REGIONAL_ADVISER]);

  it('lets suppliers record plans and change and submit drafts and returned sessions', () => {
    expect(sessionActions('PLANNED', supplier)).toEqual({
      record: true,
      edit: false,
      submit: false,
      approve: false,
      sendBack: false,
    });
    for (const status of ['DRAFT', 'RETURNED'])
      expect(sessionActions(status, supplier)).toMatchObject({
        record: false,
        edit: true,
        submit: true,
        approve: false,
      });
    expect(Object.values(sessionActions('SUBMITTED', supplier))).not.toContain(true);
  });

  it('lets managers and admins sign off submitted sessions only', () => {
    expect(sessionActions('SUBMITTED', manager)).toMatchObject({ approve: true, sendBack: true });
    expect(sessionActions('SUBMITTED', new Set([Role.ADMIN]))).toMatchObject({ approve: true });
    expect(Object.values(sessionActions('DRAFT', manager))).not.toContain(true);
    expect(Object.values(sessionActions('APPROVED', manager))).not.toContain(true);
  });

  it('gives advisers nothing to do', () => {
    for (const status of ['PLANNED', 'DRAFT', 'SUBMITTED'])
      expect(Object.values(sessionActions(status, adviser))).not.toContain(true);
  });
});

describe('attendanceTable', () => {
  it('has a row per LA, a column per role anyone came as, and totals (S1 of the reference scenario)', () => {
    const la = (gssCode: string, name: string) => ({ gssCode, name });
    const table = attendanceTable([
      { count: 1, role: 'LEAD_MEMBER', localAuthority: la('E06000003', 'Redcar and Cleveland') },
      { count: 1, role: 'COUNCILLOR', localAuthority: la('E06000003', 'Redcar and Cleveland') },
      { count: 1, role: 'LEAD_MEMBER', localAuthority: la(HARTLEPOOL, 'Hartlepool') },
      { count: 3, role: 'CABINET_MEMBER', localAuthority: la(HARTLEPOOL, 'Hartlepool') },
      { count: 1, role: 'LEAD_MEMBER', localAuthority: la(MIDDLESBROUGH, 'Middlesbrough') },
    ]);
    expect(table).toEqual({
      roles: [
        { role: 'LEAD_MEMBER', name: 'Lead member' },
        { role: 'CABINET_MEMBER', name: 'Cabinet member' },
        { role: 'COUNCILLOR', name: 'Councillor' },
      ],
      rows: [
        { name: 'Hartlepool', counts: [1, 3, 0], total: 4 },
        { name: 'Middlesbrough', counts: [1, 0, 0], total: 1 },
        { name: 'Redcar and Cleveland', counts: [1, 0, 1], total: 2 },
      ],
      totals: [3, 3, 1],
      total: 7,
    });
  });

  it('is empty for a plan', () => {
    expect(attendanceTable([])).toEqual({ roles: [], rows: [], totals: [], total: 0 });
  });
});

describe('cohortGroups', () => {
  const engagement = (id: string, name: string, serviceLine: string, contract: string | null) => ({
    id,
    serviceLine,
    financialYear: '2022-23',
    localAuthority: { gssCode: 'E00000000', name },
    contract: contract ? { id: contract, reference: contract.toUpperCase() } : null,
  });

  it('groups by service line and contract, LAs by name, with the chosen ones checked', () => {
    const groups = cohortGroups(
      [
        engagement('m', 'Middlesbrough', 'POLITICAL_LEADERSHIP', 'a1'),
        engagement('s', 'Sandwell', 'COACHING_MENTORING', 'a7'),
        engagement('h', 'Hartlepool', 'POLITICAL_LEADERSHIP', 'a1'),
        engagement('x', 'Nowhere', 'POLITICAL_LEADERSHIP', null),
      ],
      ['h'],
    );
    expect(groups.map((group) => [group.serviceLine, group.contractReference])).toEqual([
      ['COACHING_MENTORING', 'A7'],
      ['POLITICAL_LEADERSHIP', 'A1'],
    ]);
    expect(groups[1]?.items).toEqual([
      { value: 'h', text: 'Hartlepool', hint: 'Referred for 2022-23', checked: true },
      { value: 'm', text: 'Middlesbrough', hint: 'Referred for 2022-23', checked: false },
    ]);
  });
});

describe('parseSessionFilter', () => {
  it('reads a status, an engagement and a date range', () => {
    expect(
      parseSessionFilter({
        status: 'SUBMITTED',
        engagementId: ENGAGEMENT_H,
        'from-day': '1',
        'from-month': '4',
        'from-year': '2022',
        'to-day': '',
        'to-month': '',
        'to-year': '',
        after: 'cursor',
      }),
    ).toMatchObject({
      filter: { status: ['SUBMITTED'], engagementId: ENGAGEMENT_H, from: '2022-04-01' },
      after: 'cursor',
      problems: [],
    });
  });

  it('leaves out what it does not know, and names dates that are not real', () => {
    expect(
      parseSessionFilter({
        status: 'LOST',
        engagementId: 'x',
        'to-day': '31',
        'to-month': '2',
        'to-year': '2023',
      }),
    ).toMatchObject({
      filter: {},
      after: null,
      problems: [{ field: 'to-day', message: 'To date must be a real date' }],
    });
  });
});

describe('statusTagClass', () => {
  it('colours each state', () => {
    expect(statusTagClass('APPROVED')).toBe('govuk-tag--green');
    expect(statusTagClass('RETURNED')).toBe('govuk-tag--red');
    expect(statusTagClass('SUBMITTED')).toBe('govuk-tag--yellow');
    expect(statusTagClass('ANYTHING')).toBe('govuk-tag--grey');
  });
});

describe('sessionFieldIds', () => {
  it('maps the api’s fields onto the form, attendance to the first box', () => {
    expect(sessionFieldIds([HARTLEPOOL])).toMatchObject({
      deliveredOn: 'deliveredOn-day',
      durationMinutes: 'hours',
      attendance: 'attendance-E06000001-LEAD_MEMBER',
    });
  });
});
