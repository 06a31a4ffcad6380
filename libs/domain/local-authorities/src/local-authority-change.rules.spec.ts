import type { LocalAuthorityRow } from './local-authority-file.parser';
import {
  planLocalAuthorityChanges,
  type KnownLocalAuthority,
} from './local-authority-change.rules';

const regions = new Set(['E12000008', 'E12000003']);

function row(overrides: Partial<LocalAuthorityRow>): LocalAuthorityRow {
  return {
    line: 2,
    gssCode: 'E10000030',
    dfeCode: '936',
    name: 'Surrey',
    regionCode: 'E12000008',
    type: 'county',
    validFrom: null,
    validTo: null,
    earlierGssCodes: [],
    replacedBy: [],
    ...overrides,
  };
}

function known(overrides: Partial<KnownLocalAuthority>): KnownLocalAuthority {
  return {
    id: 'surrey-id',
    gssCode: 'E10000030',
    dfeCode: '936',
    name: 'Surrey',
    regionCode: 'E12000008',
    type: 'county',
    validFrom: null,
    validTo: null,
    earlierGssCodes: [],
    successorGssCodes: [],
    ...overrides,
  };
}

describe('planLocalAuthorityChanges', () => {
  it('changes nothing when the file says what is known', () => {
    const sut = planLocalAuthorityChanges([known({})], regions, [row({})]);
    expect(sut).toEqual({ creates: [], updates: [], successions: [], unchanged: 1, problems: [] });
  });

  it('splits a county into two new councils', () => {
    const rows = [
      row({ validTo: '2027-03-31', replacedBy: ['E06000071', 'E06000072'] }),
      row({
        line: 3,
        gssCode: 'E06000071',
        dfeCode: '944',
        name: 'East Surrey',
        type: 'unitary',
        validFrom: '2027-04-01',
      }),
      row({
        line: 4,
        gssCode: 'E06000072',
        dfeCode: '945',
        name: 'West Surrey',
        type: 'unitary',
        validFrom: '2027-04-01',
      }),
    ];
    const sut = planLocalAuthorityChanges([known({})], regions, rows);
    expect(sut.problems).toEqual([]);
    expect(sut.creates.map((r) => r.name)).toEqual(['East Surrey', 'West Surrey']);
    expect(sut.updates).toEqual([
      {
        id: 'surrey-id',
        gssCode: 'E10000030',
        changes: [{ field: 'validTo', before: null, after: '2027-03-31' }],
        addEarlierGssCodes: [],
      },
    ]);
    expect(sut.successions).toEqual([
      { predecessorGssCode: 'E10000030', successorGssCode: 'E06000071', effectiveOn: '2027-04-01' },
      { predecessorGssCode: 'E10000030', successorGssCode: 'E06000072', effectiveOn: '2027-04-01' },
    ]);
  });

  it('adds no succession that is already known', () => {
    const existing = [
      known({ validTo: '2027-03-31', successorGssCodes: ['E06000071'] }),
      known({
        id: 'east',
        gssCode: 'E06000071',
        dfeCode: '944',
        name: 'East Surrey',
        type: 'unitary',
        validFrom: '2027-04-01',
      }),
    ];
    const rows = [
      row({ validTo: '2027-03-31', replacedBy: ['E06000071'] }),
      row({
        line: 3,
        gssCode: 'E06000071',
        dfeCode: '944',
        name: 'East Surrey',
        type: 'unitary',
        validFrom: '2027-04-01',
      }),
    ];
    const sut = planLocalAuthorityChanges(existing, regions, rows);
    expect(sut.successions).toEqual([]);
    expect(sut.unchanged).toBe(2);
  });

  it('moves a changed ONS code to the earlier codes, keeping the LA', () => {
    const barnsley = known({
      id: 'barnsley',
      gssCode: 'E08000016',
      dfeCode: '370',
      name: 'Barnsley',
      regionCode: 'E12000003',
      type: 'metropolitan district',
    });
    const rows = [
      row({
        gssCode: 'E08000038',
        dfeCode: '370',
        name: 'Barnsley',
        regionCode: 'E12000003',
        type: 'metropolitan district',
        earlierGssCodes: ['E08000016'],
      }),
    ];
    const sut = planLocalAuthorityChanges([barnsley], regions, rows);
    expect(sut.problems).toEqual([]);
    expect(sut.creates).toEqual([]);
    expect(sut.updates).toEqual([
      {
        id: 'barnsley',
        gssCode: 'E08000016',
        changes: [{ field: 'gssCode', before: 'E08000016', after: 'E08000038' }],
        addEarlierGssCodes: ['E08000016'],
      },
    ]);
  });

  it('leaves the code alone when an older file names an LA by its earlier code', () => {
    const barnsley = known({
      id: 'barnsley',
      gssCode: 'E08000038',
      dfeCode: '370',
      name: 'Barnsley',
      regionCode: 'E12000003',
      type: 'metropolitan district',
      earlierGssCodes: ['E08000016'],
    });
    const rows = [
      row({
        gssCode: 'E08000016',
        dfeCode: '370',
        name: 'Barnsley',
        regionCode: 'E12000003',
        type: 'metropolitan district',
      }),
    ];
    expect(planLocalAuthorityChanges([barnsley], regions, rows).unchanged).toBe(1);
  });

  it('refuses to move a validity date that is already known', () => {
    const sut = planLocalAuthorityChanges([known({ validTo: '2027-03-31' })], regions, [
      row({ validTo: '2028-03-31' }),
    ]);
    expect(sut.problems).toEqual([
      'line 2: valid_to of Surrey is 2027-03-31; changing it to 2028-03-31 would rewrite history',
    ]);
  });

  it('refuses a DfE code that another LA holds', () => {
    const sut = planLocalAuthorityChanges([known({})], regions, [
      row({ gssCode: 'E06000099', name: 'New' }),
    ]);
    expect(sut.problems).toEqual(['line 2: dfe_code 936 already belongs to Surrey (E10000030)']);
  });

  it('refuses a successor it cannot find', () => {
    const sut = planLocalAuthorityChanges([known({})], regions, [
      row({ validTo: '2027-03-31', replacedBy: ['E06000099'] }),
    ]);
    expect(sut.problems).toEqual([
      'line 2: replaced_by E06000099 is neither known nor in this file',
    ]);
  });

  it('refuses an unknown region', () => {
    const sut = planLocalAuthorityChanges([], regions, [row({ regionCode: 'E12000010' })]);
    expect(sut.problems).toEqual(['line 2: region_code E12000010 is not a known region']);
  });
});
