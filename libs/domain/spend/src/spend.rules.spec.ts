import {
  spendFilterProblems,
  spendReport,
  type ContractTerms,
  type SpendFigure,
} from './spend.rules';

const PROGRAMME = '6c1f0f52-7d43-4b8e-9a55-1b5d2a0c7e01';
const SUPPLIER = '1b2c3d4e-0000-4000-8000-000000000001';

describe('spendFilterProblems', () => {
  it('finds nothing wrong with a well-formed filter', () => {
    expect(
      spendFilterProblems({
        programmeId: PROGRAMME,
        financialYear: '2022-23',
        supplierId: SUPPLIER,
        serviceLine: 'COACHING_MENTORING',
        regionCode: 'E12000001',
        localAuthorityCode: 'E06000001',
      }),
    ).toEqual([]);
  });

  it('names each field that is wrong', () => {
    expect(
      spendFilterProblems({
        programmeId: 'programme-1',
        financialYear: '2022-24',
        supplierId: 'north-star',
        regionCode: 'North East',
      }),
    ).toEqual([
      { field: 'filter.programmeId', message: 'is not an id' },
      { field: 'filter.supplierId', message: 'is not an id' },
      { field: 'filter.financialYear', message: 'must be written like 2022-23' },
      { field: 'filter.regionCode', message: 'must be a region code like E12000001' },
    ]);
  });
});

describe('spendReport', () => {
  const figure = (
    dimension: SpendFigure['dimension'],
    key: string | null,
    spentPence: number,
    charges: number,
    spentToDatePence = spentPence,
  ): SpendFigure => ({ dimension, key, spentPence, charges, spentToDatePence });

  // The reference scenario's sessions in 2022-23 (S6 falls in 2023-24), and an earlier charge to
  // Stockton in 2021-22: in the order the repository gives them.
  const figures2022: SpendFigure[] = [
    figure('FINANCIAL_YEAR', '2021-22', 0, 0, 125_000),
    figure('FINANCIAL_YEAR', '2022-23', 269_792, 7),
    figure('FINANCIAL_YEAR', '2023-24', 0, 0, 9_500),
    figure('CONTRACT', 'a1', 250_000, 4, 375_000),
    figure('CONTRACT', 'a7', 19_792, 2, 29_292),
    figure('LOCAL_AUTHORITY', 'hartlepool', 71_429, 1),
    figure('LOCAL_AUTHORITY', 'leeds', 125_000, 1),
    figure('LOCAL_AUTHORITY', 'middlesbrough', 17_857, 1),
    figure('LOCAL_AUTHORITY', 'redcar', 35_714, 1),
    figure('LOCAL_AUTHORITY', 'sandwell', 19_792, 2, 29_292),
    figure('LOCAL_AUTHORITY', 'stockton', 0, 0, 125_000),
    figure('LOT', 'lot-1', 250_000, 4, 375_000),
    figure('LOT', 'lot-7', 19_792, 2, 29_292),
    figure('SERVICE_LINE', 'COACHING_MENTORING', 19_792, 2, 29_292),
    figure('SERVICE_LINE', 'POLITICAL_LEADERSHIP', 250_000, 4, 375_000),
    figure('SUPPLIER', 'north-star', 269_792, 7, 404_292),
    figure('TOTAL', null, 269_792, 7, 404_292),
  ];
  const contracts: Array<ContractTerms<{ id: string; supplierId: string }>> = [
    { contract: { id: 'a1', supplierId: 'north-star' }, valuePence: 25_000_000 },
    { contract: { id: 'a7', supplierId: 'north-star' }, valuePence: 5_000_000 },
    { contract: { id: 'b4', supplierId: 'partners' }, valuePence: 1_850_000 },
  ];
  const budget = { budgetPence: 140_000_000, allocationPence: 50_000_000 };
  const report2022 = (over: Partial<Parameters<typeof spendReport>[0]> = {}) =>
    spendReport({
      programmeId: PROGRAMME,
      filter: { financialYear: '2022-23' },
      figures: figures2022,
      contracts,
      budget,
      ...over,
    });

  it('adds up the year by service line (in the order of SPEC §7), lot, supplier, LA and year', () => {
    const sut = report2022();
    expect(sut).toMatchObject({
      programmeId: PROGRAMME,
      financialYear: '2022-23',
      totalPence: 269_792,
      byServiceLine: [
        { serviceLine: 'POLITICAL_LEADERSHIP', spentPence: 250_000 },
        { serviceLine: 'COACHING_MENTORING', spentPence: 19_792 },
      ],
      byLot: [
        { lotId: 'lot-1', spentPence: 250_000 },
        { lotId: 'lot-7', spentPence: 19_792 },
      ],
      bySupplier: [{ supplierId: 'north-star', spentPence: 269_792 }],
      byFinancialYear: [{ financialYear: '2022-23', spentPence: 269_792 }],
    });
    // Stockton's charge is in another year: it is left out, not shown at nothing.
    expect(sut.byLocalAuthority).toEqual([
      { localAuthorityId: 'hartlepool', spentPence: 71_429 },
      { localAuthorityId: 'leeds', spentPence: 125_000 },
      { localAuthorityId: 'middlesbrough', spentPence: 17_857 },
      { localAuthorityId: 'redcar', spentPence: 35_714 },
      { localAuthorityId: 'sandwell', spentPence: 19_792 },
    ]);
  });

  it('lists every contract against its value, less everything spent under it to date', () => {
    expect(report2022().byContract).toEqual([
      {
        contract: contracts[0].contract,
        valuePence: 25_000_000,
        spentPence: 250_000,
        spentToDatePence: 375_000,
        remainingPence: 24_625_000,
      },
      {
        contract: contracts[1].contract,
        valuePence: 5_000_000,
        spentPence: 19_792,
        spentToDatePence: 29_292,
        remainingPence: 4_970_708,
      },
      {
        contract: contracts[2].contract,
        valuePence: 1_850_000,
        spentPence: 0,
        spentToDatePence: 0,
        remainingPence: 1_850_000,
      },
    ]);
  });

  it("lists only the supplier's contracts when the filter names one", () => {
    const sut = report2022({ filter: { financialYear: '2022-23', supplierId: 'partners' } });
    expect(sut.byContract.map((row) => row.contract.id)).toEqual(['b4']);
  });

  it('shows no remainder for a contract whose value the caller may not see', () => {
    const sut = report2022({ contracts: [{ ...contracts[0], valuePence: null }] });
    expect(sut.byContract).toEqual([
      {
        contract: contracts[0].contract,
        valuePence: null,
        spentPence: 250_000,
        spentToDatePence: 375_000,
        remainingPence: null,
      },
    ]);
  });

  it("measures a year with an allocation against it, by the programme's spend in the year", () => {
    expect(report2022().budget).toEqual({
      programmePence: 140_000_000,
      allocationPence: 50_000_000,
      spentPence: 269_792,
      remainingPence: 49_730_208,
    });
  });

  it('measures a year with no allocation against the whole budget, by everything spent to date', () => {
    expect(report2022({ budget: { ...budget, allocationPence: null } }).budget).toEqual({
      programmePence: 140_000_000,
      allocationPence: null,
      spentPence: 404_292,
      remainingPence: 139_595_708,
    });
  });

  it('measures every year together against the whole budget', () => {
    const sut = spendReport({
      programmeId: PROGRAMME,
      filter: {},
      figures: [
        figure('FINANCIAL_YEAR', '2021-22', 125_000, 1),
        figure('FINANCIAL_YEAR', '2022-23', 269_792, 7),
        figure('FINANCIAL_YEAR', '2023-24', 9_500, 1),
        figure('TOTAL', null, 404_292, 9),
      ],
      contracts: [],
      budget,
    });
    expect(sut).toMatchObject({
      financialYear: null,
      totalPence: 404_292,
      budget: {
        programmePence: 140_000_000,
        allocationPence: null,
        spentPence: 404_292,
        remainingPence: 139_595_708,
      },
      byFinancialYear: [
        { financialYear: '2021-22', spentPence: 125_000 },
        { financialYear: '2022-23', spentPence: 269_792 },
        { financialYear: '2023-24', spentPence: 9_500 },
      ],
    });
  });

  it('shows no budget to those who may not see it', () => {
    expect(report2022({ budget: null }).budget).toBeNull();
  });

  it('comes to nothing when nothing is charged', () => {
    expect(
      spendReport({
        programmeId: PROGRAMME,
        filter: { financialYear: '2024-25' },
        figures: [figure('TOTAL', null, 0, 0)],
        contracts: [],
        budget,
      }),
    ).toEqual({
      programmeId: PROGRAMME,
      financialYear: '2024-25',
      totalPence: 0,
      budget: {
        programmePence: 140_000_000,
        allocationPence: 50_000_000,
        spentPence: 0,
        remainingPence: 50_000_000,
      },
      byServiceLine: [],
      byLot: [],
      byContract: [],
      bySupplier: [],
      byLocalAuthority: [],
      byFinancialYear: [],
    });
  });
});
