import type { INestApplicationContext } from '@nestjs/common';
import { engagementEntities } from '@la-tracker/domain/engagements';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import {
  BudgetAllocation,
  Contract,
  Lot,
  LotServiceLine,
  Programme,
  programmeEntities,
  Supplier,
  type ServiceLine,
} from '@la-tracker/domain/programmes';
import { sessionEntities } from '@la-tracker/domain/sessions';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
import { statementCounter } from '@la-tracker/platform/database';
import { ErrorCode } from '@la-tracker/platform/errors';
import {
  callerWith,
  createDomainTestContext,
  createTestDatabase,
  grant,
  refusedWith,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { SpendModule } from './spend.module';
import type { SpendFilter, SpendReport } from './spend.rules';
import { SpendService } from './spend.service';

const PROGRAMME = 'a3000000-0000-4000-8000-000000000001';
const OTHER_PROGRAMME = 'a3000000-0000-4000-8000-000000000002';
const NORTH_STAR = 'b3000000-0000-4000-8000-000000000001';
const ELSEWHERE = 'b3000000-0000-4000-8000-000000000002';
const UNCONTRACTED = 'b3000000-0000-4000-8000-000000000003';
const LOT = {
  1: 'c3000000-0000-4000-8000-000000000001',
  5: 'c3000000-0000-4000-8000-000000000005',
  7: 'c3000000-0000-4000-8000-000000000007',
  other: 'c3000000-0000-4000-8000-000000000009',
};
const A1 = 'd3000000-0000-4000-8000-000000000001';
const A7 = 'd3000000-0000-4000-8000-000000000007';
const E5 = 'd3000000-0000-4000-8000-000000000005';
const O1 = 'd3000000-0000-4000-8000-000000000009';

const ADMIN = callerWith([grant(Role.ADMIN)]);
const MANAGER = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })]);
const OTHER_MANAGER = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: OTHER_PROGRAMME })]);
const NORTH_STAR_STAFF = callerWith([grant(Role.SUPPLIER, { supplierId: NORTH_STAR })]);
const ELSEWHERE_STAFF = callerWith([grant(Role.SUPPLIER, { supplierId: ELSEWHERE })]);
const UNCONTRACTED_STAFF = callerWith([grant(Role.SUPPLIER, { supplierId: UNCONTRACTED })]);
const ADVISER = callerWith([grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })]);

/** Pence as pounds, so expected figures read as the reference scenario writes them. */
const pounds = (pence: number) => (pence / 100).toFixed(2);

describe('SpendService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: SpendService;
  let dataSource: DataSource;
  const laIds: Record<string, string> = {};
  const laNames: Record<string, string> = {};

  /** An approved session straight into the tables, with its cost shared as given (pence by LA). */
  async function approvedSession(
    contractId: string,
    serviceLine: ServiceLine,
    deliveredOn: string,
    financialYear: string,
    shares: Record<string, number>,
  ): Promise<void> {
    const [contract] = await dataSource.query<Array<{ programme_id: string; supplier_id: string }>>(
      'SELECT programme_id, supplier_id FROM contract WHERE id = $1',
      [contractId],
    );
    const cost = Object.values(shares).reduce((sum, pence) => sum + pence, 0);
    const [session] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO delivery_session (programme_id, service_line, supplier_id, contract_id, status,
                                     delivered_on, financial_year, duration_minutes, format, topic, cost_pence)
       VALUES ($1, $2, $3, $4, 'APPROVED', $5, $6, 60, 'ONLINE', 'Leading improvement', $7)
       RETURNING id`,
      [
        contract.programme_id,
        serviceLine,
        contract.supplier_id,
        contractId,
        deliveredOn,
        financialYear,
        cost,
      ],
    );
    for (const [gssCode, pence] of Object.entries(shares))
      await dataSource.query(
        `INSERT INTO session_cost_share (session_id, local_authority_id, amount_pence)
         SELECT $1, id, $2 FROM local_authority WHERE gss_code = $3`,
        [session.id, pence, gssCode],
      );
  }

  /** The report with LAs, lots, suppliers and contracts by name, and money in pounds. */
  const readable = (report: SpendReport<Contract>) => ({
    total: pounds(report.totalPence),
    budget: report.budget && {
      programme: pounds(report.budget.programmePence),
      allocation:
        report.budget.allocationPence === null ? null : pounds(report.budget.allocationPence),
      spent: pounds(report.budget.spentPence),
      remaining: pounds(report.budget.remainingPence),
    },
    byServiceLine: report.byServiceLine.map((row) => [row.serviceLine, pounds(row.spentPence)]),
    byLot: report.byLot.map((row) => [row.lotId, pounds(row.spentPence)]),
    byContract: report.byContract.map((row) => [
      row.contract.reference,
      row.valuePence === null ? null : pounds(row.valuePence),
      pounds(row.spentPence),
      pounds(row.spentToDatePence),
      row.remainingPence === null ? null : pounds(row.remainingPence),
    ]),
    bySupplier: report.bySupplier.map((row) => [row.supplierId, pounds(row.spentPence)]),
    byLocalAuthority: report.byLocalAuthority.map((row) => [
      laNames[row.localAuthorityId],
      pounds(row.spentPence),
    ]),
    byFinancialYear: report.byFinancialYear.map((row) => [
      row.financialYear,
      pounds(row.spentPence),
    ]),
  });

  const report = (filter: Partial<SpendFilter>, caller = MANAGER) =>
    sut.report(caller, { programmeId: PROGRAMME, ...filter });

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [
        ...localAuthorityEntities,
        ...programmeEntities,
        ...engagementEntities,
        ...sessionEntities,
        AuditEvent,
      ],
      imports: [SpendModule],
    });
    sut = app.get(SpendService);
    dataSource = app.get(DataSource);

    await dataSource.getRepository(Programme).insert(
      [PROGRAMME, OTHER_PROGRAMME].map((id, i) => ({
        id,
        name: `Programme ${i + 1}`,
        contractingAuthority: 'Department for Education',
        startsOn: '2021-05-31',
        endsOn: '2024-03-31',
        budgetPence: 140_000_000,
      })),
    );
    await dataSource
      .getRepository(BudgetAllocation)
      .insert({ programmeId: PROGRAMME, financialYear: '2022-23', amountPence: 50_000_000 });
    const lots: Array<[string, string, number, ServiceLine]> = [
      [LOT[1], PROGRAMME, 1, 'POLITICAL_LEADERSHIP'],
      [LOT[5], PROGRAMME, 5, 'COUNCILLOR_GROUPS'],
      [LOT[7], PROGRAMME, 7, 'COACHING_MENTORING'],
      [LOT.other, OTHER_PROGRAMME, 1, 'POLITICAL_LEADERSHIP'],
    ];
    await dataSource.getRepository(Lot).insert(
      lots.map(([id, programmeId, number]) => ({
        id,
        programmeId,
        number,
        title: `Lot ${number}`,
        validFrom: '2021-05-31',
      })),
    );
    await dataSource
      .getRepository(LotServiceLine)
      .insert(lots.map(([lotId, , , serviceLine]) => ({ lotId, serviceLine })));
    await dataSource.getRepository(Supplier).insert([
      { id: NORTH_STAR, name: 'North Star Leadership Ltd', nameKey: 'north star leadership ltd' },
      { id: ELSEWHERE, name: 'Elsewhere Ltd', nameKey: 'elsewhere ltd' },
      { id: UNCONTRACTED, name: 'Uncontracted Ltd', nameKey: 'uncontracted ltd' },
    ]);
    const terms = { startsOn: '2021-05-31', endsOn: '2024-03-31' };
    await dataSource.getRepository(Contract).insert([
      {
        ...terms,
        id: A1,
        programmeId: PROGRAMME,
        supplierId: NORTH_STAR,
        lotId: LOT[1],
        reference: 'A1',
        valuePence: 25_000_000,
      },
      {
        ...terms,
        id: A7,
        programmeId: PROGRAMME,
        supplierId: NORTH_STAR,
        lotId: LOT[7],
        reference: 'A7',
        valuePence: 5_000_000,
      },
      {
        ...terms,
        id: E5,
        programmeId: PROGRAMME,
        supplierId: ELSEWHERE,
        lotId: LOT[5],
        reference: 'E5',
        valuePence: 2_000_000,
      },
      {
        ...terms,
        id: O1,
        programmeId: OTHER_PROGRAMME,
        supplierId: NORTH_STAR,
        lotId: LOT.other,
        reference: 'O1',
        valuePence: 9_000_000,
      },
    ]);
    const rows = await dataSource.query<Array<{ id: string; gss_code: string; name: string }>>(
      'SELECT id, gss_code, name FROM local_authority',
    );
    for (const row of rows) {
      laIds[row.gss_code] = row.id;
      laNames[row.id] = row.name;
    }

    // The reference scenario's approved sessions (S1, S2, S4, S5, S6), with their shares.
    await approvedSession(A1, 'POLITICAL_LEADERSHIP', '2022-06-14', '2022-23', {
      E06000001: 71_429,
      E06000002: 17_857,
      E06000003: 35_714,
    });
    await approvedSession(A1, 'POLITICAL_LEADERSHIP', '2022-07-05', '2022-23', {
      E08000035: 125_000,
    });
    await approvedSession(A7, 'COACHING_MENTORING', '2022-10-03', '2022-23', { E08000028: 11_875 });
    await approvedSession(A7, 'COACHING_MENTORING', '2023-03-31', '2022-23', { E08000028: 7_917 });
    await approvedSession(A7, 'COACHING_MENTORING', '2023-04-03', '2023-24', { E08000028: 9_500 });
    // Another supplier's, in Stockton-on-Tees; and North Star's in another programme.
    await approvedSession(E5, 'COUNCILLOR_GROUPS', '2022-11-08', '2022-23', { E06000004: 12_750 });
    await approvedSession(O1, 'POLITICAL_LEADERSHIP', '2022-06-20', '2022-23', {
      E08000035: 99_900,
    });
    // A submitted session is not yet costed: it is no spend.
    await dataSource.query(
      `INSERT INTO delivery_session (programme_id, service_line, supplier_id, contract_id, status,
                                     delivered_on, financial_year, duration_minutes, format, topic)
       VALUES ($1, 'POLITICAL_LEADERSHIP', $2, $3, 'SUBMITTED', '2022-09-13', '2022-23', 90, 'ONLINE', 'Scrutiny')`,
      [PROGRAMME, NORTH_STAR, A1],
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('report', () => {
    it('adds up a year of the programme for its manager, against contract values and the allocation', async () => {
      expect(readable(await report({ financialYear: '2022-23' }))).toEqual({
        total: '2825.42',
        budget: {
          programme: '1400000.00',
          allocation: '500000.00',
          spent: '2825.42',
          remaining: '497174.58',
        },
        byServiceLine: [
          ['POLITICAL_LEADERSHIP', '2500.00'],
          ['COUNCILLOR_GROUPS', '127.50'],
          ['COACHING_MENTORING', '197.92'],
        ],
        byLot: [
          [LOT[1], '2500.00'],
          [LOT[5], '127.50'],
          [LOT[7], '197.92'],
        ],
        byContract: [
          ['A1', '250000.00', '2500.00', '2500.00', '247500.00'],
          ['A7', '50000.00', '197.92', '292.92', '49707.08'],
          ['E5', '20000.00', '127.50', '127.50', '19872.50'],
        ],
        bySupplier: [
          [ELSEWHERE, '127.50'],
          [NORTH_STAR, '2697.92'],
        ],
        byLocalAuthority: [
          ['Hartlepool', '714.29'],
          ['Leeds', '1250.00'],
          ['Middlesbrough', '178.57'],
          ['Redcar and Cleveland', '357.14'],
          ['Sandwell', '197.92'],
          ['Stockton-on-Tees', '127.50'],
        ],
        byFinancialYear: [['2022-23', '2825.42']],
      });
    });

    it('adds up every year against the whole budget', async () => {
      expect(readable(await report({}, ADMIN))).toMatchObject({
        total: '2920.42',
        budget: {
          programme: '1400000.00',
          allocation: null,
          spent: '2920.42',
          remaining: '1397079.58',
        },
        byFinancialYear: [
          ['2022-23', '2825.42'],
          ['2023-24', '95.00'],
        ],
      });
    });

    it.each<[string, Partial<SpendFilter>, string]>([
      ['a service line, every year', { serviceLine: 'COACHING_MENTORING' }, '292.92'],
      ['a supplier', { financialYear: '2022-23', supplierId: NORTH_STAR }, '2697.92'],
      ['a region', { financialYear: '2022-23', regionCode: 'E12000001' }, '1377.50'],
      ['an LA by its DfE code', { localAuthorityCode: '806' }, '178.57'],
      [
        'an LA by its ONS code, in a year',
        { financialYear: '2023-24', localAuthorityCode: 'E08000028' },
        '95.00',
      ],
    ])('narrows to %s', async (_what, filter, total) => {
      expect(readable(await report(filter)).total).toBe(total);
    });

    it('measures the budget by the whole programme, whatever the other filters', async () => {
      expect(
        readable(await report({ financialYear: '2022-23', serviceLine: 'COACHING_MENTORING' })),
      ).toMatchObject({
        total: '197.92',
        budget: { allocation: '500000.00', spent: '2825.42', remaining: '497174.58' },
        byContract: [
          ['A1', '250000.00', '0.00', '2500.00', '247500.00'],
          ['A7', '50000.00', '197.92', '292.92', '49707.08'],
          ['E5', '20000.00', '0.00', '127.50', '19872.50'],
        ],
      });
    });

    it("shows a supplier only its own contracts' spend and values, totals included, and no budget", async () => {
      expect(readable(await report({ financialYear: '2022-23' }, NORTH_STAR_STAFF))).toEqual({
        total: '2697.92',
        budget: null,
        byServiceLine: [
          ['POLITICAL_LEADERSHIP', '2500.00'],
          ['COACHING_MENTORING', '197.92'],
        ],
        byLot: [
          [LOT[1], '2500.00'],
          [LOT[7], '197.92'],
        ],
        byContract: [
          ['A1', '250000.00', '2500.00', '2500.00', '247500.00'],
          ['A7', '50000.00', '197.92', '292.92', '49707.08'],
        ],
        bySupplier: [[NORTH_STAR, '2697.92']],
        byLocalAuthority: [
          ['Hartlepool', '714.29'],
          ['Leeds', '1250.00'],
          ['Middlesbrough', '178.57'],
          ['Redcar and Cleveland', '357.14'],
          ['Sandwell', '197.92'],
        ],
        byFinancialYear: [['2022-23', '2697.92']],
      });
      expect(readable(await report({}, ELSEWHERE_STAFF))).toMatchObject({
        total: '127.50',
        budget: null,
        byContract: [['E5', '20000.00', '127.50', '127.50', '19872.50']],
        bySupplier: [[ELSEWHERE, '127.50']],
      });
      // Asking after another supplier finds nothing of theirs.
      expect(readable(await report({ supplierId: ELSEWHERE }, NORTH_STAR_STAFF))).toMatchObject({
        total: '0.00',
        byContract: [],
        bySupplier: [],
      });
    });

    it('refuses advisers, and answers NOT_FOUND for a programme the caller has no part in', async () => {
      await refusedWith(report({}, ADVISER), ErrorCode.FORBIDDEN);
      await refusedWith(report({}, OTHER_MANAGER), ErrorCode.NOT_FOUND);
      await refusedWith(report({}, UNCONTRACTED_STAFF), ErrorCode.NOT_FOUND);
      await refusedWith(
        report({ programmeId: 'a3000000-0000-4000-8000-0000000000ff' }, ADMIN),
        ErrorCode.NOT_FOUND,
      );
      await refusedWith(report({ localAuthorityCode: 'E99999999' }), ErrorCode.NOT_FOUND);
    });

    it('refuses a malformed filter', async () => {
      const refusal = await refusedWith(
        report({ financialYear: '2022', supplierId: 'north-star' }),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(refusal.message).toContain('filter.financialYear');
      expect(refusal.message).toContain('filter.supplierId');
    });

    it('costs the same statements for 200 charges as for a handful', async () => {
      // 200 approved sessions of the other programme, each charged to an LA of its own.
      await dataSource.query(
        `WITH numbered AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 200) n),
         made AS (
           INSERT INTO delivery_session (id, programme_id, service_line, supplier_id, contract_id, status,
                                         delivered_on, financial_year, duration_minutes, format, topic, cost_pence)
           SELECT id, $1, 'POLITICAL_LEADERSHIP', $2, $3, 'APPROVED', DATE '2021-07-01' + n, '2021-22', 60,
                  'ONLINE', 'Cohort ' || n, 1000
             FROM numbered
           RETURNING id
         ),
         las AS (SELECT id, row_number() OVER (ORDER BY gss_code) AS n FROM local_authority)
         INSERT INTO session_cost_share (session_id, local_authority_id, amount_pence)
         SELECT made.id, las.id, 1000
           FROM made JOIN numbered USING (id) JOIN las ON las.n = (numbered.n - 1) % 150 + 1`,
        [OTHER_PROGRAMME, NORTH_STAR, O1],
      );
      const statements = (caller: typeof ADMIN, filter: SpendFilter) =>
        statementCounter.run(async () => {
          const found = await sut.report(caller, filter);
          return { statements: statementCounter.current(), las: found.byLocalAuthority.length };
        });
      const few = await statements(MANAGER, { programmeId: PROGRAMME, financialYear: '2023-24' });
      const many = await statements(ADMIN, {
        programmeId: OTHER_PROGRAMME,
        financialYear: '2021-22',
      });
      expect(few.las).toBe(1);
      expect(many.las).toBe(150);
      // The budget, the contracts and the figures.
      expect(many.statements).toBe(3);
      expect(few.statements).toBe(3);
    });
  });

  describe('spentToDateOn', () => {
    it('adds up everything charged under each contract, every year', async () => {
      expect((await sut.spentToDateOn([A7, E5, A1, LOT[1]])).map(pounds)).toEqual([
        '292.92',
        '127.50',
        '2500.00',
        '0.00',
      ]);
    });
  });
});
