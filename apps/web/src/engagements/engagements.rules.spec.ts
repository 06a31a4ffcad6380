import { Role } from '../http/web-request';
import {
  capPosition,
  contractsFor,
  engagementActions,
  financialYearOf,
  financialYearsBetween,
  isFinancialYear,
  maySeeEligibility,
  pagePositionOf,
  paginationOf,
  parseApproval,
  parseEngagementFilter,
  parseReason,
  parseReferral,
  referralChangeHref,
  statusTagClass,
  yearToShow,
} from './engagements.rules';

const roles = (...list: Role[]) => new Set(list);

describe('financial years', () => {
  it('knows a year written like 2022-23, and nothing else', () => {
    expect(isFinancialYear('2022-23')).toBe(true);
    expect(isFinancialYear('1999-00')).toBe(true);
    expect(isFinancialYear('2022-24')).toBe(false);
    expect(isFinancialYear('2022/23')).toBe(false);
    expect(isFinancialYear(2022)).toBe(false);
  });

  it('puts a day in the year running 1 April to 31 March', () => {
    expect(financialYearOf('2023-03-31')).toBe('2022-23');
    expect(financialYearOf('2023-04-01')).toBe('2023-24');
    expect(financialYearOf('2000-01-15')).toBe('1999-00');
  });

  it('lists the years a programme runs in', () => {
    expect(financialYearsBetween('2021-05-31', '2024-03-31')).toEqual([
      '2021-22',
      '2022-23',
      '2023-24',
    ]);
  });

  it('opens on the year asked for, else today’s, else the nearest the programme runs in', () => {
    const programme = { startsOn: '2021-05-31', endsOn: '2024-03-31' };
    expect(yearToShow('2022-23', programme, '2026-11-26')).toBe('2022-23');
    expect(yearToShow('2030-31', programme, '2022-06-01')).toBe('2022-23');
    expect(yearToShow(undefined, programme, '2026-11-26')).toBe('2023-24');
    expect(yearToShow(undefined, programme, '2020-01-01')).toBe('2021-22');
  });
});

describe('parseEngagementFilter', () => {
  it('passes on what the api can filter by', () => {
    const { form, filter } = parseEngagementFilter({
      programmeId: '6c1f0f52-7d43-4b8e-9a55-1b5d2a0c7e01',
      serviceLine: 'POLITICAL_LEADERSHIP',
      status: ['REFERRED', 'APPROVED'],
      regionCode: 'E12000001',
      financialYear: '2022-23',
    });
    expect(filter).toEqual({
      programmeId: '6c1f0f52-7d43-4b8e-9a55-1b5d2a0c7e01',
      serviceLine: 'POLITICAL_LEADERSHIP',
      status: ['REFERRED', 'APPROVED'],
      regionCode: 'E12000001',
      financialYear: '2022-23',
    });
    expect(form.status).toEqual(['REFERRED', 'APPROVED']);
  });

  it('takes a single status as a list, and leaves out values no form could send', () => {
    const { filter } = parseEngagementFilter({
      status: 'COMPLETED',
      serviceLine: 'CATERING',
      regionCode: 'North East',
      financialYear: '2022-24',
      programmeId: '<script>',
    });
    expect(filter).toEqual({ status: ['COMPLETED'] });
  });

  it('asks for everything when nothing is chosen', () => {
    expect(parseEngagementFilter({ status: '', serviceLine: '' }).filter).toEqual({});
  });
});

describe('paging forward and back through a cursor list', () => {
  const page = (count: number, hasNextPage: boolean, endCursor: string | null) => ({
    count,
    totalCount: 45,
    hasNextPage,
    endCursor,
  });

  it('on the first page, links only to the next, remembering where the first began', () => {
    const position = pagePositionOf({});
    expect(position).toEqual({ after: null, trail: [] });
    const params = new URLSearchParams({ serviceLine: 'POLITICAL_LEADERSHIP' });
    const links = paginationOf(
      '/engagements',
      params,
      position,
      page(20, true, 'c20'),
      'engagements',
    );
    expect(links.previous).toBeUndefined();
    expect(links.next?.href).toBe('/engagements?serviceLine=POLITICAL_LEADERSHIP&after=c20&trail=');
    expect(links.summary).toBe('Showing 1 to 20 of 45 engagements');
  });

  it('on the second page, goes back to the first and on to the third', () => {
    const position = pagePositionOf({ after: 'c20', trail: '' });
    expect(position).toEqual({ after: 'c20', trail: [''] });
    const links = paginationOf(
      '/engagements',
      new URLSearchParams(),
      position,
      page(20, true, 'c40'),
      'engagements',
    );
    expect(links.previous?.href).toBe('/engagements');
    expect(links.next?.href).toBe('/engagements?after=c40&trail=%2Cc20');
    expect(links.summary).toBe('Showing 21 to 40 of 45 engagements');
  });

  it('on the last page, goes back to the one before', () => {
    const position = pagePositionOf({ after: 'c40', trail: ',c20' });
    const links = paginationOf(
      '/engagements',
      new URLSearchParams(),
      position,
      page(5, false, 'c45'),
      'engagements',
    );
    expect(links.previous?.href).toBe('/engagements?after=c20&trail=');
    expect(links.next).toBeUndefined();
    expect(links.summary).toBe('Showing 41 to 45 of 45 engagements');
  });

  it('ignores cursors that are not ones the api gives', () => {
    expect(pagePositionOf({ after: 'a b' })).toEqual({ after: null, trail: [] });
    expect(pagePositionOf({ after: 'c40', trail: 'x y,c20' })).toEqual({
      after: 'c40',
      trail: [''],
    });
  });

  it('says when there is nothing', () => {
    const links = paginationOf(
      '/x',
      new URLSearchParams(),
      pagePositionOf({}),
      { count: 0, totalCount: 0, hasNextPage: false, endCursor: null },
      'reports',
    );
    expect(links.summary).toBe('No reports');
  });
});

describe('engagementActions', () => {
  const moves = (status: string, ...list: Role[]) =>
    engagementActions(status, roles(...list)).map((action) => action.move);

  it('lets a manager approve or decline a referral', () => {
    expect(moves('REFERRED', Role.PROGRAMME_MANAGER)).toEqual(['approve', 'decline']);
    expect(moves('APPROVED', Role.PROGRAMME_MANAGER)).toEqual(['start', 'withdraw']);
    expect(moves('IN_DELIVERY', Role.ADMIN)).toEqual(['complete', 'withdraw']);
    expect(moves('COMPLETED', Role.PROGRAMME_MANAGER)).toEqual([]);
    expect(moves('DECLINED', Role.PROGRAMME_MANAGER)).toEqual([]);
  });

  it('lets a supplier only start delivery, and an adviser nothing', () => {
    expect(moves('REFERRED', Role.SUPPLIER)).toEqual([]);
    expect(moves('APPROVED', Role.SUPPLIER)).toEqual(['start']);
    expect(moves('IN_DELIVERY', Role.SUPPLIER)).toEqual([]);
    expect(moves('APPROVED', Role.REGIONAL_ADVISER)).toEqual([]);
  });

  it('sends moves that need a choice or a reason to a page of their own', () => {
    const [approve, decline] = engagementActions('REFERRED', roles(Role.PROGRAMME_MANAGER));
    expect(approve).toMatchObject({ page: true, secondary: false });
    expect(decline).toMatchObject({ page: true, secondary: true });
    expect(engagementActions('APPROVED', roles(Role.SUPPLIER))[0]).toMatchObject({ page: false });
  });
});

describe('who may see eligibility', () => {
  it('is managers, advisers and admins, never supplier staff', () => {
    expect(maySeeEligibility(roles(Role.PROGRAMME_MANAGER))).toBe(true);
    expect(maySeeEligibility(roles(Role.REGIONAL_ADVISER))).toBe(true);
    expect(maySeeEligibility(roles(Role.SUPPLIER))).toBe(false);
  });
});

describe('statusTagClass', () => {
  it('colours each state', () => {
    expect(statusTagClass('APPROVED')).toBe('govuk-tag--green');
    expect(statusTagClass('DECLINED')).toBe('govuk-tag--red');
    expect(statusTagClass('SOMETHING')).toBe('govuk-tag--grey');
  });
});

describe('the referral form', () => {
  const answers = {
    programmeId: 'p1',
    serviceLine: 'POLITICAL_LEADERSHIP',
    localAuthorityCode: 'E06000004',
    financialYear: '2022-23',
    reason: '  New leader of the council  ',
  };

  it('takes complete answers, trimmed', () => {
    expect(parseReferral(answers)).toEqual({
      values: { ...answers, reason: 'New leader of the council' },
      problems: [],
    });
  });

  it('names each missing answer', () => {
    expect(parseReferral({ programmeId: 'p1', reason: ' ' }).problems).toEqual([
      { field: 'serviceLine', message: 'Select a service line' },
      { field: 'localAuthorityCode', message: 'Select a local authority' },
      { field: 'financialYear', message: 'Select a financial year' },
      { field: 'reason', message: 'Enter why the local authority is referred' },
    ]);
  });

  it('refuses a year that is not one and a reason past 2,000 characters', () => {
    const { problems } = parseReferral({
      ...answers,
      financialYear: '2022',
      reason: 'x'.repeat(2001),
    });
    expect(problems.map((p) => p.field)).toEqual(['financialYear', 'reason']);
  });

  it('links "Change" back to the form with the answers', () => {
    expect(referralChangeHref(parseReferral(answers).values, 'localAuthorityCode')).toBe(
      '/engagements/refer?programmeId=p1&serviceLine=POLITICAL_LEADERSHIP&localAuthorityCode=E06000004&financialYear=2022-23&reason=New+leader+of+the+council#localAuthorityCode',
    );
  });
});

describe('parseReason', () => {
  it('asks for a reason', () => {
    expect(parseReason({ reason: '' }, 'declined').problems).toEqual([
      { field: 'reason', message: 'Enter why the engagement is declined' },
    ]);
    expect(parseReason({ reason: ' Council asked ' }, 'withdrawn')).toEqual({
      reason: 'Council asked',
      problems: [],
    });
  });
});

describe('the approval form', () => {
  it('needs a contract; the override reason is the api’s to ask for', () => {
    expect(parseApproval({}).problems).toEqual([
      { field: 'contractId', message: 'Select the contract to deliver it under' },
    ]);
    expect(parseApproval({ contractId: 'c1', overrideReason: ' ' })).toEqual({
      values: { contractId: 'c1', overrideReason: '' },
      problems: [],
    });
  });
});

describe('contractsFor', () => {
  const contract = (id: string, codes: string[], startsOn: string, endsOn: string) => ({
    id,
    reference: id,
    startsOn,
    endsOn,
    supplier: { name: 'North Star Leadership Ltd' },
    lot: { number: 1, title: 'Lot', serviceLines: codes.map((code) => ({ code })) },
  });

  it('keeps contracts whose lot holds the line and that run in the year', () => {
    const contracts = [
      contract('A1', ['POLITICAL_LEADERSHIP'], '2021-05-31', '2024-03-31'),
      contract('A7', ['COACHING_MENTORING'], '2021-05-31', '2024-03-31'),
      contract('old', ['POLITICAL_LEADERSHIP'], '2020-01-01', '2022-03-31'),
      contract('late', ['POLITICAL_LEADERSHIP'], '2023-03-31', '2025-03-31'),
    ];
    const ids = contractsFor(contracts, {
      serviceLine: 'POLITICAL_LEADERSHIP',
      financialYear: '2022-23',
    }).map((c) => c.id);
    expect(ids).toEqual(['A1', 'late']);
  });
});

describe('capPosition', () => {
  it('counts the places left under a cap', () => {
    expect(capPosition({ cap: 15, target: 15, localAuthoritiesReached: 1 })).toEqual({
      cap: 15,
      target: 15,
      taken: 1,
      left: 14,
      full: false,
      text: '1 place of 15 taken, 14 left',
    });
    expect(capPosition({ cap: 2, target: null, localAuthoritiesReached: 2 })).toMatchObject({
      left: 0,
      full: true,
      text: '2 places of 2 taken, 0 left',
    });
  });

  it('says when a line has no cap', () => {
    expect(capPosition({ cap: null, target: 151, localAuthoritiesReached: 4 })).toMatchObject({
      left: null,
      full: false,
      text: 'No cap for this year: 4 local authorities have support approved',
    });
  });
});
