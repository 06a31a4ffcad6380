import type { INestApplicationContext } from '@nestjs/common';
import { engagementEntities } from '@la-tracker/domain/engagements';
import { identityEntities } from '@la-tracker/domain/identity';
import { inspectionEntities } from '@la-tracker/domain/inspections';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import {
  Contract,
  ContractRate,
  Lot,
  LotServiceLine,
  Programme,
  programmeEntities,
  ProgrammeServiceLine,
  ServiceLineTarget,
  Supplier,
} from '@la-tracker/domain/programmes';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
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
import { CORPORATE_PARENTING_PRINCIPLES, type RagRating } from './diagnostic.rules';
import { diagnosticEntities } from './diagnostics.entities';
import { DiagnosticsModule } from './diagnostics.module';
import { DiagnosticsService } from './diagnostics.service';

const PROGRAMME = 'a4000000-0000-4000-8000-000000000001';
const OTHER_PROGRAMME = 'a4000000-0000-4000-8000-000000000002';
/** Its own programme, so the reading tests count only what they made. */
const READING_PROGRAMME = 'a4000000-0000-4000-8000-000000000003';
const SUPPLIER = 'b4000000-0000-4000-8000-000000000001';
const OTHER_SUPPLIER = 'b4000000-0000-4000-8000-000000000002';
const LOT_1 = 'c4000000-0000-4000-8000-000000000001';
const LOT_4 = 'c4000000-0000-4000-8000-000000000004';
const READING_LOT_4 = 'c4000000-0000-4000-8000-000000000014';
/** £18,500.00 per diagnostic; a fixed price; another supplier's with no rate; a session contract. */
const B4 = 'd4000000-0000-4000-8000-000000000004';
const F4 = 'd4000000-0000-4000-8000-000000000014';
const N4 = 'd4000000-0000-4000-8000-000000000024';
const A1 = 'd4000000-0000-4000-8000-000000000001';
const R4 = 'd4000000-0000-4000-8000-000000000034';

const MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })],
  'e4000000-0000-4000-8000-000000000001',
);
const READING_MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: READING_PROGRAMME })],
  'e4000000-0000-4000-8000-000000000008',
);
const OTHER_MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: OTHER_PROGRAMME })],
  'e4000000-0000-4000-8000-000000000002',
);
const SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: SUPPLIER })],
  'e4000000-0000-4000-8000-000000000003',
);
const OTHER_SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: OTHER_SUPPLIER })],
  'e4000000-0000-4000-8000-000000000004',
);
const NORTH_EAST_ADVISER = callerWith(
  [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })],
  'e4000000-0000-4000-8000-000000000005',
);
const YORKSHIRE_ADVISER = callerWith(
  [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000003' })],
  'e4000000-0000-4000-8000-000000000006',
);
const ADMIN = callerWith([grant(Role.ADMIN)], 'e4000000-0000-4000-8000-000000000007');

const SUNDERLAND = 'E08000024';
const GATESHEAD = 'E08000037';
const HARTLEPOOL = 'E06000001';
const LEEDS = 'E08000035';
const BRADFORD = 'E08000032';
const WAKEFIELD = 'E08000036';

describe('DiagnosticsService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: DiagnosticsService;
  let dataSource: DataSource;

  /** Every row a refused request must leave as it was. */
  const writes = async () => ({
    diagnostics: await dataSource.query('SELECT * FROM diagnostic ORDER BY id'),
    findings: await dataSource.query('SELECT * FROM diagnostic_finding ORDER BY 1, 2'),
    recommendations: await dataSource.query('SELECT * FROM diagnostic_recommendation ORDER BY id'),
    engagements: await dataSource.query(
      'SELECT id, status, started_on FROM engagement ORDER BY id',
    ),
    audit: await dataSource.query('SELECT count(*) FROM audit_event'),
  });

  async function givenProgramme(): Promise<void> {
    await dataSource.getRepository(Programme).insert(
      [PROGRAMME, OTHER_PROGRAMME, READING_PROGRAMME].map((id, i) => ({
        id,
        name: `Programme ${i + 1}`,
        contractingAuthority: 'Department for Education',
        startsOn: '2021-05-31',
        endsOn: '2024-03-31',
        budgetPence: 140_000_000,
      })),
    );
    await dataSource.getRepository(ProgrammeServiceLine).insert([
      { programmeId: PROGRAMME, serviceLine: 'POLITICAL_LEADERSHIP', name: 'Lot 1' },
      { programmeId: PROGRAMME, serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC', name: 'Lot 4' },
      {
        programmeId: READING_PROGRAMME,
        serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
        name: 'Lot 4',
      },
    ]);
    await dataSource.getRepository(Lot).insert([
      { id: LOT_1, programmeId: PROGRAMME, number: 1, title: 'Lot 1', validFrom: '2021-05-31' },
      { id: LOT_4, programmeId: PROGRAMME, number: 4, title: 'Lot 4', validFrom: '2021-05-31' },
      {
        id: READING_LOT_4,
        programmeId: READING_PROGRAMME,
        number: 4,
        title: 'Lot 4',
        validFrom: '2021-05-31',
      },
    ]);
    await dataSource.getRepository(LotServiceLine).insert([
      { lotId: LOT_1, serviceLine: 'POLITICAL_LEADERSHIP' },
      { lotId: LOT_4, serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC' },
      { lotId: READING_LOT_4, serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC' },
    ]);
    await dataSource.getRepository(ServiceLineTarget).insert({
      programmeId: READING_PROGRAMME,
      serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
      financialYear: '2022-23',
      targetBasis: 'NUMBER',
      target: 12,
      cap: null,
      effectiveFrom: '2021-05-31',
    });
    await dataSource.getRepository(Supplier).insert([
      {
        id: SUPPLIER,
        name: 'Corporate Parenting Partners',
        nameKey: 'corporate parenting partners',
      },
      { id: OTHER_SUPPLIER, name: 'Elsewhere Ltd', nameKey: 'elsewhere ltd' },
    ]);
    const terms = {
      programmeId: PROGRAMME,
      valuePence: 50_000_000,
      startsOn: '2021-05-31',
      endsOn: '2024-03-31',
    };
    await dataSource.getRepository(Contract).insert([
      { ...terms, id: B4, supplierId: SUPPLIER, lotId: LOT_4, reference: 'B4' },
      { ...terms, id: F4, supplierId: SUPPLIER, lotId: LOT_4, reference: 'F4' },
      { ...terms, id: N4, supplierId: OTHER_SUPPLIER, lotId: LOT_4, reference: 'N4' },
      { ...terms, id: A1, supplierId: SUPPLIER, lotId: LOT_1, reference: 'A1' },
      {
        ...terms,
        programmeId: READING_PROGRAMME,
        id: R4,
        supplierId: SUPPLIER,
        lotId: READING_LOT_4,
        reference: 'R4',
      },
    ]);
    await dataSource.getRepository(ContractRate).insert([
      {
        contractId: B4,
        serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
        unit: 'PER_DIAGNOSTIC',
        amountPence: 1_850_000,
      },
      {
        contractId: F4,
        serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
        unit: 'FIXED',
        amountPence: 9_000_000,
      },
      { contractId: A1, serviceLine: 'POLITICAL_LEADERSHIP', unit: 'PER_SESSION', amountPence: 1 },
      {
        contractId: R4,
        serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
        unit: 'PER_DIAGNOSTIC',
        amountPence: 1_850_000,
      },
    ]);
  }

  /** An engagement written straight to the table: approved under B4 unless told otherwise. */
  async function engagement(
    gssCode: string,
    financialYear: string,
    { contractId = B4, status = 'APPROVED' }: { contractId?: string; status?: string } = {},
  ): Promise<string> {
    const [row] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year, status,
                               referral_reason, referred_on, contract_id, decided_on)
       SELECT $1, $2, la.id, $3, $4, 'Needs support', '2021-06-01', $5, '2021-06-10'
         FROM local_authority la WHERE la.gss_code = $6
       RETURNING id`,
      [
        contractId === R4 ? READING_PROGRAMME : PROGRAMME,
        contractId === A1 ? 'POLITICAL_LEADERSHIP' : 'CORPORATE_PARENTING_DIAGNOSTIC',
        financialYear,
        status,
        contractId,
        gssCode,
      ],
    );
    return row.id;
  }

  const rateAll = async (diagnosticId: string, rating: RagRating = 'AMBER') => {
    for (const principle of CORPORATE_PARENTING_PRINCIPLES)
      await sut.ratePrinciple(SUPPLIER_STAFF, {
        diagnosticId,
        principle,
        rating,
        commentary: `Seen in fieldwork: ${principle}`,
      });
  };

  /** Planned, through fieldwork and draft, every principle rated, final report issued. */
  const finalReport = async (
    engagementId: string,
    dates = ['2022-09-05', '2022-10-03', '2022-12-12', '2023-01-16'],
    rating: RagRating = 'AMBER',
  ) => {
    const planned = await sut.plan(SUPPLIER_STAFF, { engagementId, plannedOn: dates[0] });
    await sut.startFieldwork(SUPPLIER_STAFF, planned.id, dates[1]);
    await sut.submitDraftReport(SUPPLIER_STAFF, planned.id, dates[2]);
    await rateAll(planned.id, rating);
    return sut.issueFinalReport(SUPPLIER_STAFF, planned.id, dates[3]);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    // The clock stands at noon on 1 June 2024 (the test context's default).
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [
        ...localAuthorityEntities,
        ...identityEntities,
        ...inspectionEntities,
        ...programmeEntities,
        ...engagementEntities,
        ...diagnosticEntities,
        AuditEvent,
      ],
      imports: [DiagnosticsModule],
    });
    sut = app.get(DiagnosticsService);
    dataSource = app.get(DataSource);
    await givenProgramme();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('the workflow', () => {
    it("takes Sunderland's diagnostic to its final report: £18,500.00 in 2022-23, follow-up due 2023-07-16", async () => {
      const sunderland = await engagement(SUNDERLAND, '2022-23');
      const planned = await sut.plan(SUPPLIER_STAFF, {
        engagementId: sunderland,
        plannedOn: '2022-09-05',
      });
      expect(planned).toMatchObject({
        status: 'PLANNED',
        programmeId: PROGRAMME,
        serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
        engagementId: sunderland,
        supplierId: SUPPLIER,
        contractId: B4,
        financialYear: '2022-23',
        plannedOn: '2022-09-05',
        costPence: null,
      });
      // Planning it starts the engagement's delivery, as a first session does.
      expect(
        await dataSource.query(`SELECT status, started_on FROM engagement WHERE id = $1`, [
          sunderland,
        ]),
      ).toEqual([{ status: 'IN_DELIVERY', started_on: '2022-09-05' }]);

      await sut.startFieldwork(SUPPLIER_STAFF, planned.id, '2022-10-03');
      await sut.submitDraftReport(SUPPLIER_STAFF, planned.id, '2022-12-12');
      await rateAll(planned.id);
      // Rating a principle again replaces its rating.
      await sut.ratePrinciple(SUPPLIER_STAFF, {
        diagnosticId: planned.id,
        principle: 'EXPRESS_VIEWS',
        rating: 'RED',
        commentary: '  No children in care council since 2021.  ',
      });
      const recommendation = await sut.addRecommendation(SUPPLIER_STAFF, {
        diagnosticId: planned.id,
        text: 'Re-establish the children in care council with the lead member attending.',
        ownerRole: 'LEAD_MEMBER',
        dueOn: '2023-06-30',
        enabler: 'LEADERSHIP_AND_GOVERNANCE',
      });
      expect(recommendation).toMatchObject({ status: 'OPEN', diagnosticId: planned.id });

      const final = await sut.issueFinalReport(SUPPLIER_STAFF, planned.id, '2023-01-16');
      expect(final).toMatchObject({
        status: 'FINAL_REPORT',
        fieldworkStartedOn: '2022-10-03',
        draftReportOn: '2022-12-12',
        finalReportOn: '2023-01-16',
        followUpDueOn: '2023-07-16',
        costPence: 1_850_000,
        rateUnit: 'PER_DIAGNOSTIC',
        rateAmountPence: 1_850_000,
        costedOn: '2023-01-16',
        costFinancialYear: '2022-23',
      });
      expect(sut.noChargeReason(final)).toBeNull();

      const [findings] = await sut.findingsOf([planned.id]);
      expect(findings.map((f) => [f.principle, f.rating])).toEqual([
        ['BEST_INTERESTS_AND_WELLBEING', 'AMBER'],
        ['EXPRESS_VIEWS', 'RED'],
        ['TAKE_VIEWS_INTO_ACCOUNT', 'AMBER'],
        ['ACCESS_TO_SERVICES', 'AMBER'],
        ['HIGH_ASPIRATIONS', 'AMBER'],
        ['SAFETY_AND_STABILITY', 'AMBER'],
        ['PREPARATION_FOR_ADULTHOOD', 'AMBER'],
      ]);
      expect(findings[1].commentary).toBe('No children in care council since 2021.');

      // After the final report the recommendation's progress still moves.
      await expect(
        sut.updateRecommendation(SUPPLIER_STAFF, { id: recommendation.id, status: 'IN_PROGRESS' }),
      ).resolves.toMatchObject({ status: 'IN_PROGRESS' });

      const audit: Array<{ action: string; entity_id: string; after: Record<string, unknown> }> =
        await dataSource.query(
          `SELECT action, entity_id, after FROM audit_event WHERE entity_id IN ($1, $2, $3) ORDER BY id`,
          [planned.id, recommendation.id, sunderland],
        );
      expect(audit.map((event) => event.action)).toEqual([
        'engagement.start',
        'diagnostic.plan',
        'diagnostic.start-fieldwork',
        'diagnostic.submit-draft-report',
        ...CORPORATE_PARENTING_PRINCIPLES.map(() => 'diagnostic.rate'),
        'diagnostic.rate',
        'diagnostic.recommendation.add',
        'diagnostic.issue-final-report',
        'diagnostic.recommendation.update',
      ]);
      // Free text never reaches the log.
      expect(JSON.stringify(audit)).not.toContain('children in care council');
    });

    it('costs nothing at a fixed price, and says why', async () => {
      const final = await finalReport(await engagement(GATESHEAD, '2022-23', { contractId: F4 }));
      expect(final).toMatchObject({
        costPence: 0,
        rateUnit: 'FIXED',
        rateAmountPence: 9_000_000,
        costFinancialYear: '2022-23',
      });
      expect(sut.noChargeReason(final)).toBe(
        'A fixed-price contract is paid its price, not by diagnostic.',
      );
    });

    it('counts a final report issued in April in the next year, the diagnostic in its own', async () => {
      const final = await finalReport(await engagement(HARTLEPOOL, '2022-23'), [
        '2022-11-01',
        '2022-12-01',
        '2023-03-20',
        '2023-04-03',
      ]);
      expect(final).toMatchObject({
        financialYear: '2022-23',
        costFinancialYear: '2023-24',
        followUpDueOn: '2023-10-03',
      });
    });
  });

  describe('one diagnostic per LA per financial year', () => {
    it('lets one of many racing plans land, and the rest are CONFLICT', async () => {
      const leeds = await engagement(LEEDS, '2022-23');
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, () =>
          sut.plan(SUPPLIER_STAFF, { engagementId: leeds, plannedOn: '2022-10-10' }),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results.filter((r) => r.status === 'rejected'))
        expect(result.reason).toMatchObject({ code: ErrorCode.CONFLICT });
      const counts = await dataSource.query(
        `SELECT (SELECT count(*)::int FROM diagnostic WHERE engagement_id = $1) AS diagnostics,
                (SELECT count(*)::int FROM audit_event WHERE action = 'diagnostic.plan'
                   AND after->>'engagementId' = $2) AS plans,
                (SELECT count(*)::int FROM audit_event WHERE action = 'engagement.start'
                   AND entity_id = $2) AS starts`,
        [leeds, leeds],
      );
      expect(counts).toEqual([{ diagnostics: 1, plans: 1, starts: 1 }]);
    });

    it('is held by the database too: a second row for the LA and year is refused', async () => {
      const bradford = await engagement(BRADFORD, '2022-23');
      await sut.plan(SUPPLIER_STAFF, { engagementId: bradford, plannedOn: '2022-10-10' });
      const withdrawn = await engagement(BRADFORD, '2022-23', { status: 'WITHDRAWN' });
      await expect(
        dataSource.query(
          `INSERT INTO diagnostic (programme_id, service_line, engagement_id, local_authority_id,
                                   supplier_id, contract_id, financial_year, status, planned_on)
           SELECT programme_id, service_line, $1, local_authority_id, supplier_id, contract_id,
                  financial_year, 'PLANNED', planned_on
             FROM diagnostic WHERE engagement_id = $2`,
          [withdrawn, bradford],
        ),
      ).rejects.toThrow(/diagnostic_one_per_la_and_year/);
    });

    it('lets the LA have one in another year', async () => {
      await sut.plan(SUPPLIER_STAFF, {
        engagementId: await engagement(LEEDS, '2023-24'),
        plannedOn: '2023-05-02',
      });
    });
  });

  describe('refusals', () => {
    it('answers each with its code and writes nothing', async () => {
      const wakefield = await engagement(WAKEFIELD, '2021-22');
      const planned = await sut.plan(SUPPLIER_STAFF, {
        engagementId: wakefield,
        plannedOn: '2021-09-06',
      });
      const fieldwork = await sut.plan(SUPPLIER_STAFF, {
        engagementId: await engagement(GATESHEAD, '2021-22'),
        plannedOn: '2021-09-06',
      });
      await sut.startFieldwork(SUPPLIER_STAFF, fieldwork.id, '2021-09-13');
      const draft = await sut.plan(SUPPLIER_STAFF, {
        engagementId: await engagement(SUNDERLAND, '2021-22'),
        plannedOn: '2021-09-06',
      });
      await sut.startFieldwork(SUPPLIER_STAFF, draft.id, '2021-09-13');
      await sut.submitDraftReport(SUPPLIER_STAFF, draft.id, '2021-11-01');
      const final = await finalReport(await engagement(HARTLEPOOL, '2021-22'), [
        '2021-09-06',
        '2021-09-13',
        '2021-11-01',
        '2021-12-01',
      ]);
      const recommendation = await sut.addRecommendation(SUPPLIER_STAFF, {
        diagnosticId: planned.id,
        text: 'Report to full council on care leavers each year.',
        ownerRole: 'CHIEF_EXECUTIVE',
        dueOn: '2022-03-31',
        enabler: 'STRATEGIC_APPROACH',
      });
      const referred = await engagement(BRADFORD, '2021-22', { status: 'REFERRED' });
      await dataSource.query(`UPDATE engagement SET contract_id = NULL WHERE id = $1`, [referred]);
      const completed = await engagement(LEEDS, '2021-22', { status: 'COMPLETED' });
      const leadership = await engagement(WAKEFIELD, '2022-23', { contractId: A1 });
      const elsewhere = await engagement(BRADFORD, '2023-24', { contractId: N4 });
      const before = await writes();

      const rating = {
        diagnosticId: fieldwork.id,
        principle: 'EXPRESS_VIEWS' as const,
        rating: 'GREEN' as const,
        commentary: 'Strong.',
      };
      const refusals: Array<[ErrorCode, () => Promise<unknown>]> = [
        // A second for the same LA and year.
        [
          ErrorCode.CONFLICT,
          () => sut.plan(SUPPLIER_STAFF, { engagementId: wakefield, plannedOn: '2021-10-04' }),
        ],
        // Another supplier's engagement and diagnostics are not there for them.
        [
          ErrorCode.NOT_FOUND,
          () =>
            sut.plan(OTHER_SUPPLIER_STAFF, { engagementId: wakefield, plannedOn: '2021-10-04' }),
        ],
        [ErrorCode.NOT_FOUND, () => sut.startFieldwork(OTHER_SUPPLIER_STAFF, planned.id)],
        [
          ErrorCode.NOT_FOUND,
          () => sut.ratePrinciple(OTHER_SUPPLIER_STAFF, { ...rating, diagnosticId: planned.id }),
        ],
        [
          ErrorCode.NOT_FOUND,
          () =>
            sut.updateRecommendation(OTHER_SUPPLIER_STAFF, {
              id: recommendation.id,
              status: 'DONE',
            }),
        ],
        [
          ErrorCode.NOT_FOUND,
          () => sut.plan(SUPPLIER_STAFF, { engagementId: elsewhere, plannedOn: '2023-05-02' }),
        ],
        [ErrorCode.NOT_FOUND, () => sut.get(OTHER_MANAGER, planned.id)],
        // Managers and admins read the report but do not write it.
        [
          ErrorCode.FORBIDDEN,
          () => sut.plan(MANAGER, { engagementId: completed, plannedOn: '2021-10-04' }),
        ],
        [ErrorCode.FORBIDDEN, () => sut.startFieldwork(ADMIN, planned.id, '2021-09-13')],
        [ErrorCode.FORBIDDEN, () => sut.ratePrinciple(MANAGER, rating)],
        // Moves out of order.
        [ErrorCode.INVALID_TRANSITION, () => sut.submitDraftReport(SUPPLIER_STAFF, planned.id)],
        [ErrorCode.INVALID_TRANSITION, () => sut.issueFinalReport(SUPPLIER_STAFF, fieldwork.id)],
        [ErrorCode.INVALID_TRANSITION, () => sut.startFieldwork(SUPPLIER_STAFF, final.id)],
        // A final report rates every principle.
        [
          ErrorCode.INVALID_TRANSITION,
          () => sut.issueFinalReport(SUPPLIER_STAFF, draft.id, '2021-12-01'),
        ],
        // The final report's findings and recommendations stand.
        [
          ErrorCode.INVALID_TRANSITION,
          () => sut.ratePrinciple(SUPPLIER_STAFF, { ...rating, diagnosticId: final.id }),
        ],
        [
          ErrorCode.INVALID_TRANSITION,
          () =>
            sut.addRecommendation(SUPPLIER_STAFF, {
              diagnosticId: final.id,
              text: 'Too late',
              ownerRole: 'LEAD_MEMBER',
              dueOn: '2022-03-31',
              enabler: 'WORKFORCE',
            }),
        ],
        // Engagements not open to a diagnostic.
        [
          ErrorCode.INVALID_TRANSITION,
          () => sut.plan(SUPPLIER_STAFF, { engagementId: completed, plannedOn: '2021-10-04' }),
        ],
        [
          ErrorCode.NOT_FOUND,
          () => sut.plan(SUPPLIER_STAFF, { engagementId: referred, plannedOn: '2021-10-04' }),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () => sut.plan(SUPPLIER_STAFF, { engagementId: leadership, plannedOn: '2022-10-04' }),
        ],
        // Bad input.
        [
          ErrorCode.BAD_USER_INPUT,
          () =>
            sut.ratePrinciple(SUPPLIER_STAFF, {
              ...rating,
              principle: 'VALUE_FOR_MONEY' as never,
            }),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () => sut.startFieldwork(SUPPLIER_STAFF, planned.id, '2024-06-02'),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () => sut.submitDraftReport(SUPPLIER_STAFF, fieldwork.id, '2021-09-12'),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () => sut.plan(SUPPLIER_STAFF, { engagementId: wakefield, plannedOn: '2024-04-01' }),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () =>
            sut.updateRecommendation(SUPPLIER_STAFF, {
              id: recommendation.id,
              enabler: 'LUCK' as never,
            }),
        ],
        [ErrorCode.BAD_USER_INPUT, () => sut.progress(MANAGER, PROGRAMME, '2022-2023')],
      ];
      for (const [code, attempt] of refusals) await refusedWith(attempt(), code);
      expect(await writes()).toEqual(before);
    });

    it('keeps a final report’s recommendations as written: only their status moves', async () => {
      const diagnostic = await sut.plan(SUPPLIER_STAFF, {
        engagementId: await engagement(WAKEFIELD, '2023-24'),
        plannedOn: '2023-05-02',
      });
      const recommendation = await sut.addRecommendation(SUPPLIER_STAFF, {
        diagnosticId: diagnostic.id,
        text: 'Train every member in corporate parenting.',
        ownerRole: 'CHIEF_EXECUTIVE',
        dueOn: '2023-12-31',
        enabler: 'WORKFORCE',
      });
      await sut.startFieldwork(SUPPLIER_STAFF, diagnostic.id, '2023-05-08');
      await sut.submitDraftReport(SUPPLIER_STAFF, diagnostic.id, '2023-06-12');
      await rateAll(diagnostic.id, 'GREEN');
      await sut.issueFinalReport(SUPPLIER_STAFF, diagnostic.id, '2023-07-03');
      const refusal = await refusedWith(
        sut.updateRecommendation(SUPPLIER_STAFF, {
          id: recommendation.id,
          text: 'Train some members.',
          status: 'DONE',
        }),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(refusal.details).toEqual({
        fields: [
          {
            field: 'text',
            message:
              'stands as the final report wrote it: only the status of a recommendation moves',
          },
        ],
      });
      await expect(
        sut.updateRecommendation(SUPPLIER_STAFF, { id: recommendation.id, status: 'DONE' }),
      ).resolves.toMatchObject({
        status: 'DONE',
        text: 'Train every member in corporate parenting.',
      });
    });
  });

  describe('reading', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      // Three final reports (Sunderland RED for expressing views, the rest AMBER; Hartlepool
      // GREEN throughout), Leeds planned and Bradford in fieldwork: all 2022-23.
      const sunderland = await finalReport(
        await engagement(SUNDERLAND, '2022-23', { contractId: R4 }),
      );
      await dataSource.query(
        `UPDATE diagnostic_finding SET rating = 'RED' WHERE diagnostic_id = $1 AND principle = 'EXPRESS_VIEWS'`,
        [sunderland.id],
      );
      await finalReport(await engagement(GATESHEAD, '2022-23', { contractId: R4 }));
      await finalReport(
        await engagement(HARTLEPOOL, '2022-23', { contractId: R4 }),
        undefined,
        'GREEN',
      );
      await sut.plan(SUPPLIER_STAFF, {
        engagementId: await engagement(LEEDS, '2022-23', { contractId: R4 }),
        plannedOn: '2022-11-07',
      });
      const bradford = await sut.plan(SUPPLIER_STAFF, {
        engagementId: await engagement(BRADFORD, '2022-23', { contractId: R4 }),
        plannedOn: '2022-11-07',
      });
      await sut.startFieldwork(SUPPLIER_STAFF, bradford.id, '2022-11-14');
      ids.sunderlandEngagement = sunderland.engagementId;
    });

    it('shows each role its own share of the list', async () => {
      const codes = async (caller: typeof MANAGER) => {
        const page = await sut.list(
          caller,
          { programmeId: READING_PROGRAMME, financialYear: '2022-23' },
          { first: 100 },
        );
        const las: Array<{ gss_code: string }> = await dataSource.query(
          `SELECT gss_code FROM local_authority WHERE id = ANY($1) ORDER BY gss_code`,
          [page.edges.map((edge) => edge.node.localAuthorityId)],
        );
        return { total: page.totalCount, codes: las.map((la) => la.gss_code) };
      };
      const all = { total: 5, codes: [HARTLEPOOL, BRADFORD, SUNDERLAND, LEEDS, GATESHEAD].sort() };
      expect(await codes(READING_MANAGER)).toEqual(all);
      expect(await codes(ADMIN)).toEqual(all);
      expect(await codes(SUPPLIER_STAFF)).toEqual(all);
      expect(await codes(OTHER_SUPPLIER_STAFF)).toEqual({ total: 0, codes: [] });
      expect(await codes(MANAGER)).toEqual({ total: 0, codes: [] });
      expect(await codes(NORTH_EAST_ADVISER)).toEqual({
        total: 3,
        codes: [HARTLEPOOL, SUNDERLAND, GATESHEAD].sort(),
      });
      expect(await codes(YORKSHIRE_ADVISER)).toEqual({ total: 2, codes: [BRADFORD, LEEDS].sort() });
    });

    it('pages through the list with its cursor', async () => {
      const first = await sut.list(
        READING_MANAGER,
        { programmeId: READING_PROGRAMME },
        { first: 2 },
      );
      const rest = await sut.list(
        READING_MANAGER,
        { programmeId: READING_PROGRAMME },
        { first: 100, after: first.edges[1].cursor },
      );
      const seen = [...first.edges, ...rest.edges].map((edge) => edge.node.id);
      expect({
        first: first.hasNextPage,
        rest: rest.hasNextPage,
        seen: new Set(seen).size,
      }).toEqual({ first: true, rest: false, seen: 5 });
      await refusedWith(
        sut.list(READING_MANAGER, {}, { after: 'bm90IGEgY3Vyc29y' }),
        ErrorCode.BAD_USER_INPUT,
      );
    });

    it('counts the year against the target of 12, as far as the caller sees', async () => {
      expect(await sut.progress(READING_MANAGER, READING_PROGRAMME, '2022-23')).toEqual({
        target: 12,
        planned: 1,
        inProgress: 1,
        finalReports: 3,
        total: 5,
        remaining: 9,
      });
      expect(await sut.progress(YORKSHIRE_ADVISER, READING_PROGRAMME, '2022-23')).toEqual({
        target: 12,
        planned: 1,
        inProgress: 1,
        finalReports: 0,
        total: 2,
        remaining: 12,
      });
      expect(await sut.progress(READING_MANAGER, READING_PROGRAMME, '2023-24')).toMatchObject({
        target: null,
        total: 0,
      });
      await refusedWith(sut.progress(MANAGER, READING_PROGRAMME, '2022-23'), ErrorCode.NOT_FOUND);
    });

    it('rates by principle across the year’s final reports, as far as the caller sees', async () => {
      const ratings = await sut.ratings(READING_MANAGER, READING_PROGRAMME, '2022-23');
      expect(ratings[0]).toEqual({
        principle: 'BEST_INTERESTS_AND_WELLBEING',
        red: 0,
        amber: 2,
        green: 1,
      });
      expect(ratings[1]).toEqual({ principle: 'EXPRESS_VIEWS', red: 1, amber: 1, green: 1 });
      expect(ratings.map((row) => row.red + row.amber + row.green)).toEqual([3, 3, 3, 3, 3, 3, 3]);
      expect(
        (await sut.ratings(YORKSHIRE_ADVISER, READING_PROGRAMME, '2022-23')).map(
          (row) => row.red + row.amber + row.green,
        ),
      ).toEqual([0, 0, 0, 0, 0, 0, 0]);
      await refusedWith(sut.ratings(MANAGER, READING_PROGRAMME, '2022-23'), ErrorCode.NOT_FOUND);
    });

    it('finds each engagement’s diagnostic within the caller’s scope', async () => {
      const [mine] = await sut.ofEngagements(SUPPLIER_STAFF, [ids.sunderlandEngagement]);
      expect(mine).toMatchObject({ finalReportOn: '2023-01-16', costPence: 1_850_000 });
      expect(
        await sut.ofEngagements(OTHER_SUPPLIER_STAFF, [ids.sunderlandEngagement, 'nonsense']),
      ).toEqual([null, null]);
    });
  });
});
