import {
  attendanceProblems,
  coverageOf,
  isActiveBetween,
  meetingProblems,
  normalisedCode,
  type AttendingLocalAuthority,
} from './network.rules';

const TODAY = '2024-06-01';
const meeting = {
  heldOn: '2022-10-12',
  topics: ['Corporate parenting', 'Scrutiny of children’s services'],
  attendingLocalAuthorityCodes: ['E06000001', 'E06000002', 'E08000024', 'E08000037'],
};

describe('meetingProblems', () => {
  it('takes the reference scenario’s North East meeting', () => {
    expect(meetingProblems(meeting, TODAY)).toEqual([]);
  });

  it('takes a meeting held today, not tomorrow', () => {
    expect(meetingProblems({ ...meeting, heldOn: TODAY }, TODAY)).toEqual([]);
    expect(meetingProblems({ ...meeting, heldOn: '2024-06-02' }, TODAY)).toEqual([
      { field: 'heldOn', message: 'must not be in the future' },
    ]);
    expect(meetingProblems({ ...meeting, heldOn: '12/10/2022' }, TODAY)).toEqual([
      { field: 'heldOn', message: 'must be a date (YYYY-MM-DD)' },
    ]);
  });

  it('needs 1 to 20 topics, none blank or too long', () => {
    expect(meetingProblems({ ...meeting, topics: [] }, TODAY)).toEqual([
      { field: 'topics', message: 'must list from 1 to 20 topics' },
    ]);
    expect(meetingProblems({ ...meeting, topics: Array(21).fill('Topic') }, TODAY)).toHaveLength(1);
    expect(
      meetingProblems({ ...meeting, topics: ['Budgets', ' ', 'x'.repeat(201)] }, TODAY),
    ).toEqual([
      { field: 'topics[1]', message: 'must be 1 to 200 characters' },
      { field: 'topics[2]', message: 'must be 1 to 200 characters' },
    ]);
  });

  it('needs at least one attending LA, each listed once whatever its case', () => {
    expect(meetingProblems({ ...meeting, attendingLocalAuthorityCodes: [] }, TODAY)).toEqual([
      {
        field: 'attendingLocalAuthorityCodes',
        message: 'must list from 1 to 100 local authorities',
      },
    ]);
    expect(
      meetingProblems(
        { ...meeting, attendingLocalAuthorityCodes: ['E06000001', ' e06000001'] },
        TODAY,
      ),
    ).toEqual([{ field: 'attendingLocalAuthorityCodes[1]', message: 'E06000001 is listed twice' }]);
  });
});

describe('normalisedCode', () => {
  it('trims and upper-cases', () => {
    expect(normalisedCode(' e06000001 ')).toBe('E06000001');
  });
});

describe('attendanceProblems', () => {
  const hartlepool: AttendingLocalAuthority = {
    name: 'Hartlepool',
    regionCode: 'E12000001',
    validFrom: null,
    validTo: null,
  };
  const leeds: AttendingLocalAuthority = { ...hartlepool, name: 'Leeds', regionCode: 'E12000003' };
  const cumbria: AttendingLocalAuthority = {
    name: 'Cumbria',
    regionCode: 'E12000002',
    validFrom: null,
    validTo: '2023-03-31',
  };
  const northEast = { regionCode: 'E12000001', regionName: 'North East' };
  const northWest = { regionCode: 'E12000002', regionName: 'North West' };

  it('takes LAs of the network’s region that existed on the day', () => {
    expect(attendanceProblems(['E06000001'], [hartlepool], northEast, '2022-10-12')).toEqual([]);
    expect(attendanceProblems(['E10000006'], [cumbria], northWest, '2023-03-31')).toEqual([]);
  });

  it('names an LA of another region, an unknown code and an LA gone by the day', () => {
    expect(
      attendanceProblems(
        ['E06000001', 'E08000035', 'X1'],
        [hartlepool, leeds, undefined],
        northEast,
        '2022-10-12',
      ),
    ).toEqual([
      {
        field: 'attendingLocalAuthorityCodes[1]',
        message: "Leeds is not in the North East (the network's region)",
      },
      { field: 'attendingLocalAuthorityCodes[2]', message: 'X1 is not a local authority' },
    ]);
    expect(attendanceProblems(['E10000006'], [cumbria], northWest, '2023-04-01')).toEqual([
      { field: 'attendingLocalAuthorityCodes[0]', message: 'Cumbria did not exist on 2023-04-01' },
    ]);
  });
});

describe('isActiveBetween', () => {
  it('counts an LA existing on any day of the period', () => {
    const cumbria = { validFrom: null, validTo: '2023-03-31' };
    const cumberland = { validFrom: '2023-04-01', validTo: null };
    expect(isActiveBetween(cumbria, '2022-04-01', '2023-03-31')).toBe(true);
    expect(isActiveBetween(cumbria, '2023-04-01', '2024-03-31')).toBe(false);
    expect(isActiveBetween(cumberland, '2022-04-01', '2023-03-31')).toBe(false);
    expect(isActiveBetween(cumberland, '2023-04-01', '2024-03-31')).toBe(true);
    expect(
      isActiveBetween(
        { validFrom: '2023-03-31', validTo: '2023-03-31' },
        '2023-03-31',
        '2023-03-31',
      ),
    ).toBe(true);
  });
});

describe('coverageOf', () => {
  const northEast = Array.from({ length: 12 }, (_, i) => `la-${i + 1}`);

  it('is the reference scenario’s North East: 4 of 12 LAs attended', () => {
    expect(coverageOf('E12000001', northEast, ['la-1', 'la-2', 'la-3', 'la-4'])).toEqual({
      regionCode: 'E12000001',
      attendedCount: 4,
      activeCount: 12,
      share: 4 / 12,
    });
  });

  it('counts an LA once however often it came, and none outside the active ones', () => {
    expect(coverageOf('E12000001', ['la-1', 'la-2'], ['la-1', 'la-1', 'la-9'])).toEqual({
      regionCode: 'E12000001',
      attendedCount: 1,
      activeCount: 2,
      share: 0.5,
    });
  });

  it('is nothing for a region with no LAs or no meetings', () => {
    expect(coverageOf('E12000009', [], [])).toMatchObject({ activeCount: 0, share: 0 });
    expect(coverageOf('E12000001', northEast, [])).toMatchObject({ attendedCount: 0, share: 0 });
  });
});
