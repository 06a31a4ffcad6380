import { followUpsDue, localAuthorityLinks, monthOf, overdueSessions } from './overdue.rules';

const session = (id: string, overdue: boolean, dueBy: string, date: string) => ({
  id,
  status: 'PLANNED',
  deliveredOn: null,
  plannedOn: date,
  dueBy,
  overdue,
  serviceLine: 'POLITICAL_LEADERSHIP',
  engagements: [{ localAuthority: { name: 'Leeds' } }],
  contract: { reference: 'A1', supplier: { name: 'North Star Leadership Ltd' } },
});

describe('overdueSessions', () => {
  it('keeps the overdue ones, the longest overdue first, each linking to its session', () => {
    const list = overdueSessions([
      session('s9', true, '2023-02-01', '2023-01-25'),
      session('s8', false, '2099-01-01', '2098-12-24'),
      session('s7', true, '2022-12-28', '2022-12-19'),
    ]);
    expect(list).toEqual([
      {
        href: '/sessions/s7',
        date: '2022-12-19',
        dueBy: '2022-12-28',
        status: 'PLANNED',
        serviceLine: 'POLITICAL_LEADERSHIP',
        localAuthorities: 'Leeds',
        supplier: 'North Star Leadership Ltd',
        contract: 'A1',
      },
      expect.objectContaining({ href: '/sessions/s9' }),
    ]);
  });
});

describe('followUpsDue', () => {
  const diagnostic = (id: string, followUpDueOn: string | null) => ({
    id,
    followUpDueOn,
    finalReportOn: '2023-01-16',
    localAuthority: { gssCode: 'E08000024', name: 'Sunderland' },
    supplier: { name: 'Corporate Parenting Partners' },
    engagement: { id: `e-${id}` },
  });

  it('lists reviews due on or before the day, linking to the engagement', () => {
    const due = followUpsDue(
      [diagnostic('d1', '2023-07-16'), diagnostic('d2', '2023-07-17'), diagnostic('d3', null)],
      '2023-07-16',
    );
    expect(due).toEqual([
      {
        href: '/engagements/e-d1',
        localAuthority: 'Sunderland',
        finalReportOn: '2023-01-16',
        dueBy: '2023-07-16',
        supplier: 'Corporate Parenting Partners',
      },
    ]);
  });
});

describe('localAuthorityLinks', () => {
  it('links each named LA to the code given in the same place', () => {
    expect(localAuthorityLinks('Hartlepool; Middlesbrough', ['E06000001', 'E06000002'])).toEqual([
      { name: 'Hartlepool', href: '/local-authorities/E06000001' },
      { name: 'Middlesbrough', href: '/local-authorities/E06000002' },
    ]);
    expect(localAuthorityLinks('Sandwell', [])).toEqual([{ name: 'Sandwell', href: null }]);
    expect(localAuthorityLinks(null, [])).toEqual([]);
  });
});

describe('monthOf', () => {
  it('names the month of a day', () => {
    expect(monthOf('2022-12-31')).toBe('December 2022');
    expect(monthOf('nonsense')).toBe('nonsense');
  });
});
