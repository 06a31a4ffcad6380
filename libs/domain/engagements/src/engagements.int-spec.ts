import type { INestApplicationContext } from '@nestjs/common';
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
  type ServiceLine,
} from '@la-tracker/domain/programmes';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role, type Caller } from '@la-tracker/platform/auth';
import { encodeCursor } from '@la-tracker/platform/database';
import { ErrorCode } from '@la-tracker/platform/errors';
import {
  callerWith,
  createDomainTestContext,
  grant,
  refusedWith,
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { engagementEntities } from './engagements.entities';
import { EngagementsModule } from './engagements.module';
import { EngagementsService } from './engagements.service';

const PROGRAMME = 'a0000000-0000-4000-8000-000000000001';
const OTHER_PROGRAMME = 'a0000000-0000-4000-8000-000000000002';
const SUPPLIER = 'b0000000-0000-4000-8000-000000000001';
const OTHER_SUPPLIER = 'b0000000-0000-4000-8000-000000000002';
const LOT_1 = 'c0000000-0000-4000-8000-000000000001';
const LOT_5 = 'c0000000-0000-4000-8000-000000000005';
const LOT_7 = 'c0000000-0000-4000-8000-000000000007';
const A1 = 'd0000000-0000-4000-8000-000000000001';
const A5 = 'd0000000-0000-4000-8000-000000000005';
const A7 = 'd0000000-0000-4000-8000-000000000007';

const MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })],
  'e0000000-0000-4000-8000-000000000001',
);
const OTHER_MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: OTHER_PROGRAMME })],
  'e0000000-0000-4000-8000-000000000002',
);
const SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: SUPPLIER })],
  'e0000000-0000-4000-8000-000000000003',
);
const OTHER_SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: OTHER_SUPPLIER })],
  'e0000000-0000-4000-8000-000000000004',
);
const NORTH_EAST_ADVISER = callerWith(
  [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })],
  'e0000000-0000-4000-8000-000000000005',
);

const HARTLEPOOL = 'E06000001';
const LEEDS = 'E08000035';
const TAMESIDE = 'E08000008';
const CUMBRIA = 'E10000006';

describe('EngagementsService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: EngagementsService;
  let dataSource: DataSource;

  const writes = async () => ({
    engagements: await dataSource.query('SELECT * FROM engagement ORDER BY id'),
    audit: await dataSource.query('SELECT count(*) FROM audit_event'),
  });

  async function givenProgramme(): Promise<void> {
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
    const lines: ServiceLine[] = [
      'POLITICAL_LEADERSHIP',
      'COUNCILLOR_GROUPS',
      'COACHING_MENTORING',
    ];
    await dataSource
      .getRepository(ProgrammeServiceLine)
      .insert(
        lines.map((serviceLine) => ({ programmeId: PROGRAMME, serviceLine, name: serviceLine })),
      );
    await dataSource.getRepository(Lot).insert([
      { id: LOT_1, programmeId: PROGRAMME, number: 1, title: 'Lot 1', validFrom: '2021-05-31' },
      { id: LOT_5, programmeId: PROGRAMME, number: 5, title: 'Lot 5', validFrom: '2021-05-31' },
      { id: LOT_7, programmeId: PROGRAMME, number: 7, title: 'Lot 7', validFrom: '2021-05-31' },
    ]);
    await dataSource.getRepository(LotServiceLine).insert([
      { lotId: LOT_1, serviceLine: 'POLITICAL_LEADERSHIP' },
      { lotId: LOT_5, serviceLine: 'COUNCILLOR_GROUPS' },
      { lotId: LOT_7, serviceLine: 'COACHING_MENTORING' },
    ]);
    await dataSource.getRepository(ServiceLineTarget).insert(
      ['2021-22', '2022-23', '2023-24'].flatMap((financialYear) => [
        {
          programmeId: PROGRAMME,
          serviceLine: 'COACHING_MENTORING' as const,
          financialYear,
          targetBasis: 'NONE' as const,
          target: null,
          cap: 15,
          effectiveFrom: '2021-05-31',
        },
        {
          programmeId: PROGRAMME,
          serviceLine: 'COUNCILLOR_GROUPS' as const,
          financialYear,
          targetBasis: 'NONE' as const,
          target: null,
          cap: 15,
          effectiveFrom: '2021-05-31',
        },
      ]),
    );
    await dataSource.getRepository(Supplier).insert([
      { id: SUPPLIER, name: 'North Star Leadership Ltd', nameKey: 'north star leadership ltd' },
      { id: OTHER_SUPPLIER, name: 'Elsewhere Ltd', nameKey: 'elsewhere ltd' },
    ]);
    const contract = {
      programmeId: PROGRAMME,
      valuePence: 50_000_000,
      startsOn: '2021-05-31',
      endsOn: '2024-03-31',
    };
    await dataSource.getRepository(Contract).insert([
      { ...contract, id: A1, supplierId: SUPPLIER, lotId: LOT_1, reference: 'A1' },
      { ...contract, id: A5, supplierId: OTHER_SUPPLIER, lotId: LOT_5, reference: 'A5' },
      { ...contract, id: A7, supplierId: SUPPLIER, lotId: LOT_7, reference: 'A7' },
    ]);
    await dataSource.getRepository(ContractRate).insert([
      {
        contractId: A1,
        serviceLine: 'POLITICAL_LEADERSHIP',
        unit: 'PER_SESSION',
        amountPence: 125_000,
      },
      { contractId: A7, serviceLine: 'COACHING_MENTORING', unit: 'PER_HOUR', amountPence: 9_500 },
    ]);
  }

  const refer = (
    localAuthorityCode: string,
    serviceLine: ServiceLine = 'POLITICAL_LEADERSHIP',
    financialYear = '2022-23',
  ) =>
    sut.refer(MANAGER, {
      programmeId: PROGRAMME,
      serviceLine,
      localAuthorityCode,
      financialYear,
      reason: 'New lead member after the May elections',
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    // The clock stands at noon on 1 June 2024 (the test context's default).
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [
        ...localAuthorityEntities,
        ...inspectionEntities,
        ...programmeEntities,
        ...engagementEntities,
        AuditEvent,
      ],
      imports: [EngagementsModule],
    });
    sut = app.get(EngagementsService);
    dataSource = app.get(DataSource);
    await givenProgramme();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('refer', () => {
    it('records a referral, audited', async () => {
      const engagement = await refer(HARTLEPOOL);
      expect(engagement).toMatchObject({
        status: 'REFERRED',
        programmeId: PROGRAMME,
        serviceLine: 'POLITICAL_LEADERSHIP',
        financialYear: '2022-23',
        referredOn: '2024-06-01',
        referralReason: 'New lead member after the May elections',
        contractId: null,
      });
      const [audit] = await dataSource.query(
        `SELECT action, programme_id, before, after FROM audit_event WHERE entity_id = $1`,
        [engagement.id],
      );
      expect(audit).toMatchObject({
        action: 'engagement.refer',
        programme_id: PROGRAMME,
        before: null,
        after: { status: 'REFERRED', financialYear: '2022-23', contractId: null },
      });
    });

    it('refuses a second open engagement for the same LA, line and year, writing nothing', async () => {
      await refer(LEEDS, 'POLITICAL_LEADERSHIP', '2021-22');
      const before = await writes();
      const error = await refusedWith(
        refer(LEEDS, 'POLITICAL_LEADERSHIP', '2021-22'),
        ErrorCode.CONFLICT,
      );
      expect(error.message).toBe(
        'Leeds already has an open POLITICAL_LEADERSHIP engagement for 2021-22.',
      );
      expect(await writes()).toEqual(before);
    });

    it('refuses an LA that did not exist in the year', async () => {
      const error = await refusedWith(
        refer(CUMBRIA, 'POLITICAL_LEADERSHIP', '2023-24'),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(error.message).toContain('Cumbria ended on 2023-03-31, before 2023-24');
      await expect(refer(CUMBRIA, 'POLITICAL_LEADERSHIP', '2022-23')).resolves.toMatchObject({
        status: 'REFERRED',
      });
    });

    it('refuses a year outside the programme and a line it does not buy', async () => {
      const error = await refusedWith(
        refer(HARTLEPOOL, 'TARGETED_SUPPORT', '2024-25'),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(error.message).toContain('serviceLine: Programme 1 does not buy TARGETED_SUPPORT');
      expect(error.message).toContain(
        'financialYear: Programme 1 runs from 2021-05-31 to 2024-03-31, not in 2024-25',
      );
    });

    it("answers NOT_FOUND to another programme's manager, as for a programme that does not exist", async () => {
      const input = {
        programmeId: PROGRAMME,
        serviceLine: 'POLITICAL_LEADERSHIP' as const,
        localAuthorityCode: HARTLEPOOL,
        financialYear: '2023-24',
        reason: 'x',
      };
      await refusedWith(sut.refer(OTHER_MANAGER, input), ErrorCode.NOT_FOUND);
      await refusedWith(
        sut.refer(MANAGER, { ...input, programmeId: 'a0000000-0000-4000-8000-0000000000ff' }),
        ErrorCode.NOT_FOUND,
      );
      await refusedWith(
        sut.refer(MANAGER, { ...input, programmeId: 'not-an-id' }),
        ErrorCode.NOT_FOUND,
      );
    });
  });

  describe('approve', () => {
    it('approves under a contract covering the line, audited with the values before and after', async () => {
      const referral = await refer('E06000002'); // Middlesbrough
      const approved = await sut.approve(MANAGER, { engagementId: referral.id, contractId: A1 });
      expect(approved).toMatchObject({
        status: 'APPROVED',
        contractId: A1,
        decidedOn: '2024-06-01',
        decidedByUserId: MANAGER.userId,
        overrideReason: null,
        eligibility: null,
      });
      const [audit] = await dataSource.query(
        `SELECT actor_user_id, before, after FROM audit_event WHERE entity_id = $1 AND action = 'engagement.approve'`,
        [referral.id],
      );
      expect(audit.actor_user_id).toBe(MANAGER.userId);
      expect(audit.before).toMatchObject({ status: 'REFERRED', contractId: null, decidedOn: null });
      expect(audit.after).toMatchObject({
        status: 'APPROVED',
        contractId: A1,
        decidedOn: '2024-06-01',
      });
    });

    it('refuses a contract whose lot does not hold the line, and one of another programme, writing nothing', async () => {
      const referral = await refer('E06000003'); // Redcar and Cleveland
      const before = await writes();
      const error = await refusedWith(
        sut.approve(MANAGER, { engagementId: referral.id, contractId: A7 }),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(error.message).toContain(
        'contractId: Contract A7 does not cover POLITICAL_LEADERSHIP: its lot holds COACHING_MENTORING',
      );
      await refusedWith(
        sut.approve(MANAGER, {
          engagementId: referral.id,
          contractId: 'd0000000-0000-4000-8000-0000000000ff',
        }),
        ErrorCode.NOT_FOUND,
      );
      expect(await writes()).toEqual(before);
    });

    it('refuses to approve twice', async () => {
      const referral = await refer('E06000004'); // Stockton-on-Tees
      await sut.approve(MANAGER, { engagementId: referral.id, contractId: A1 });
      const error = await refusedWith(
        sut.approve(MANAGER, { engagementId: referral.id, contractId: A1 }),
        ErrorCode.INVALID_TRANSITION,
      );
      expect(error.message).toBe(
        'This engagement is APPROVED: only a REFERRED engagement can be approved.',
      );
    });

    it('refuses coaching for an LA that is not eligible, unless a manager gives an override reason', async () => {
      // Leeds: Outstanding at its 2018 and 2022 inspections, no APAs, no concern.
      const referral = await refer(LEEDS, 'COACHING_MENTORING');
      const before = await writes();
      const error = await refusedWith(
        sut.approve(MANAGER, { engagementId: referral.id, contractId: A7 }),
        ErrorCode.NOT_ELIGIBLE,
      );
      expect(error.message).toBe(
        'Leeds is not eligible for COACHING_MENTORING as of 2024-06-01: approve it with an override reason if it should have support all the same.',
      );
      expect(await writes()).toEqual(before);

      const approved = await sut.approve(MANAGER, {
        engagementId: referral.id,
        contractId: A7,
        overrideReason: 'New leader of the council asked for support',
      });
      expect(approved).toMatchObject({
        status: 'APPROVED',
        overrideReason: 'New leader of the council asked for support',
        eligibility: { asOf: '2024-06-01', eligible: false, basis: [] },
      });
      const [audit] = await dataSource.query(
        `SELECT before, after FROM audit_event WHERE entity_id = $1 AND action = 'engagement.approve'`,
        [referral.id],
      );
      expect(audit.before).toMatchObject({ overrideReason: null, eligibility: null });
      expect(audit.after).toMatchObject({
        overrideReason: 'New leader of the council asked for support',
        eligibility: { eligible: false },
      });
    });

    it('approves coaching for an eligible LA and keeps the answer it rested on', async () => {
      // Tameside: Inadequate overall in its standard inspection published 2024-02-13, down from
      // Requires improvement in 2019 (overall, leaders, help and protection).
      const referral = await refer(TAMESIDE, 'COACHING_MENTORING');
      const approved = await sut.approve(MANAGER, { engagementId: referral.id, contractId: A7 });
      expect(approved.eligibility).toMatchObject({
        asOf: '2024-06-01',
        eligible: true,
        basis: ['INADEQUATE_JUDGEMENT', 'DECLINING_JUDGEMENT'],
      });
      expect(approved.eligibility?.inspectionIds).toHaveLength(2);
    });

    it('holds the cap however the decision is dated', async () => {
      // A cap of 1 for 2021-22 taking effect on 2021-06-30: a decision dated before it is still
      // held to it, as approvals are recorded now.
      await dataSource.getRepository(ServiceLineTarget).insert({
        programmeId: PROGRAMME,
        serviceLine: 'POLITICAL_LEADERSHIP',
        financialYear: '2021-22',
        targetBasis: 'NONE',
        target: null,
        cap: 1,
        effectiveFrom: '2021-06-30',
      });
      const backDated = (code: string) =>
        sut.refer(MANAGER, {
          programmeId: PROGRAMME,
          serviceLine: 'POLITICAL_LEADERSHIP',
          localAuthorityCode: code,
          financialYear: '2021-22',
          reason: 'Entered from the 2021 spreadsheet',
          referredOn: '2021-05-31',
        });
      const first = await backDated('E08000001'); // Bolton
      const second = await backDated('E08000002'); // Bury
      await expect(
        sut.approve(MANAGER, { engagementId: first.id, contractId: A1, decidedOn: '2021-06-01' }),
      ).resolves.toMatchObject({ status: 'APPROVED', decidedOn: '2021-06-01' });
      await refusedWith(
        sut.approve(MANAGER, { engagementId: second.id, contractId: A1, decidedOn: '2021-06-01' }),
        ErrorCode.CAP_REACHED,
      );
    });

    it('holds the cap when 50 approvals race for 15 places, round after round', async () => {
      const las: Array<{ gss_code: string }> = await dataSource.query(
        `SELECT gss_code FROM local_authority WHERE valid_to IS NULL ORDER BY gss_code LIMIT 50`,
      );
      for (const financialYear of ['2021-22', '2022-23', '2023-24']) {
        const referrals = [];
        for (const la of las)
          referrals.push(await refer(la.gss_code, 'COUNCILLOR_GROUPS', financialYear));
        const results = await Promise.allSettled(
          referrals.map((referral) =>
            sut.approve(MANAGER, { engagementId: referral.id, contractId: A5 }),
          ),
        );
        const refusals = results.filter((r) => r.status === 'rejected');
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(15);
        expect(refusals).toHaveLength(35);
        for (const refusal of refusals)
          expect(refusal.reason).toMatchObject({
            code: ErrorCode.CAP_REACHED,
            message: `COUNCILLOR_GROUPS has reached its cap of 15 local authorities for ${financialYear}.`,
          });
        const [{ count }] = await dataSource.query(
          `SELECT count(*)::int AS count FROM engagement
            WHERE service_line = 'COUNCILLOR_GROUPS' AND financial_year = $1 AND status = 'APPROVED'`,
          [financialYear],
        );
        expect(count).toBe(15);
      }
    });
  });

  describe('the other moves', () => {
    it('runs referral → approval → start → completion', async () => {
      const referral = await refer('E06000005'); // Darlington
      await sut.approve(MANAGER, { engagementId: referral.id, contractId: A1 });
      const started = await sut.start(SUPPLIER_STAFF, referral.id);
      expect(started).toMatchObject({ status: 'IN_DELIVERY', startedOn: '2024-06-01' });
      const completed = await sut.complete(MANAGER, referral.id);
      expect(completed).toMatchObject({ status: 'COMPLETED', completedOn: '2024-06-01' });
      const actions: Array<{ action: string }> = await dataSource.query(
        `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`,
        [referral.id],
      );
      expect(actions.map((row) => row.action)).toEqual([
        'engagement.refer',
        'engagement.approve',
        'engagement.start',
        'engagement.complete',
      ]);
    });

    it('declines a referral with a reason, and then refuses to start it', async () => {
      const referral = await refer('E06000047'); // County Durham
      await refusedWith(sut.decline(MANAGER, referral.id, ' '), ErrorCode.BAD_USER_INPUT);
      const declined = await sut.decline(MANAGER, referral.id, 'Already supported by the region');
      expect(declined).toMatchObject({
        status: 'DECLINED',
        declineReason: 'Already supported by the region',
      });
      await refusedWith(sut.start(MANAGER, referral.id), ErrorCode.INVALID_TRANSITION);
      // A declined engagement is closed: the LA may be referred again.
      await expect(refer('E06000047')).resolves.toMatchObject({ status: 'REFERRED' });
    });

    it('withdraws an engagement in delivery, and refuses to complete what is not in delivery', async () => {
      const referral = await refer('E08000037'); // Gateshead
      await refusedWith(sut.complete(MANAGER, referral.id), ErrorCode.INVALID_TRANSITION);
      await refusedWith(
        sut.withdraw(MANAGER, referral.id, 'No longer needed'),
        ErrorCode.INVALID_TRANSITION,
      );
      await sut.approve(MANAGER, { engagementId: referral.id, contractId: A1 });
      await sut.start(MANAGER, referral.id);
      await expect(sut.withdraw(MANAGER, referral.id, 'Leader resigned')).resolves.toMatchObject({
        status: 'WITHDRAWN',
        withdrawalReason: 'Leader resigned',
      });
    });

    it('answers NOT_FOUND to those who cannot see it and FORBIDDEN to those who see it but may not move it', async () => {
      const referral = await refer('E08000021'); // Newcastle upon Tyne
      await refusedWith(
        sut.approve(OTHER_MANAGER, { engagementId: referral.id, contractId: A1 }),
        ErrorCode.NOT_FOUND,
      );
      await sut.approve(MANAGER, { engagementId: referral.id, contractId: A1 });
      await refusedWith(sut.start(OTHER_SUPPLIER_STAFF, referral.id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.complete(SUPPLIER_STAFF, referral.id), ErrorCode.FORBIDDEN);
      await refusedWith(sut.start(NORTH_EAST_ADVISER, referral.id), ErrorCode.FORBIDDEN);
    });
  });

  describe('list and get', () => {
    // Each test here makes its own engagements, in a year and line no other test uses.
    const YEAR = '2023-24';
    const approvedIn2023 = async (code: string, contractId = A1) => {
      const referral = await refer(code, 'POLITICAL_LEADERSHIP', YEAR);
      return sut.approve(MANAGER, { engagementId: referral.id, contractId });
    };

    it('shows each role only its own engagements', async () => {
      const hartlepool = await approvedIn2023('E06000001'); // North East
      const leeds = await approvedIn2023('E08000035'); // Yorkshire and The Humber
      const referredOnly = await refer('E06000005', 'POLITICAL_LEADERSHIP', YEAR); // Darlington
      const ids = async (who: Caller) =>
        (
          await sut.list(who, { financialYear: YEAR, serviceLine: 'POLITICAL_LEADERSHIP' }, {})
        ).edges.map((edge) => edge.node.id);

      expect((await ids(MANAGER)).sort()).toEqual(
        [hartlepool.id, leeds.id, referredOnly.id].sort(),
      );
      // Supplier staff see approved engagements under their own contracts, not referrals.
      expect((await ids(SUPPLIER_STAFF)).sort()).toEqual([hartlepool.id, leeds.id].sort());
      expect(await ids(OTHER_SUPPLIER_STAFF)).toEqual([]);
      expect(await ids(OTHER_MANAGER)).toEqual([]);
      // The North East adviser sees Hartlepool's and Darlington's, not Leeds's.
      expect((await ids(NORTH_EAST_ADVISER)).sort()).toEqual(
        [hartlepool.id, referredOnly.id].sort(),
      );
      await expect(sut.get(NORTH_EAST_ADVISER, hartlepool.id)).resolves.toMatchObject({
        id: hartlepool.id,
      });
      await refusedWith(sut.get(NORTH_EAST_ADVISER, leeds.id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.get(OTHER_SUPPLIER_STAFF, leeds.id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.get(MANAGER, 'not-an-id'), ErrorCode.NOT_FOUND);
    });

    it('filters by status, line, year and LA, and pages without repeats', async () => {
      // Twelve LAs of the North West (E12000002), approved in 2023-24.
      const las: Array<{ gss_code: string }> = await dataSource.query(
        `SELECT gss_code FROM local_authority
          WHERE region_code = 'E12000002' AND valid_to IS NULL ORDER BY gss_code LIMIT 12`,
      );
      for (const la of las) await approvedIn2023(la.gss_code);
      const filter = {
        status: ['APPROVED' as const],
        serviceLine: 'POLITICAL_LEADERSHIP' as const,
        financialYear: YEAR,
        regionCode: 'E12000002',
      };
      const first = await sut.list(MANAGER, filter, { first: 10 });
      expect(first.totalCount).toBe(12);
      expect(first.hasNextPage).toBe(true);
      const next = await sut.list(MANAGER, filter, { first: 10, after: first.edges[9].cursor });
      expect(next.edges).toHaveLength(2);
      expect(next.hasNextPage).toBe(false);
      const ids = [...first.edges, ...next.edges].map((e) => e.node.id);
      expect(new Set(ids).size).toBe(12);

      const one = await sut.list(
        MANAGER,
        {
          localAuthorityCode: las[0].gss_code,
          financialYear: YEAR,
          serviceLine: 'POLITICAL_LEADERSHIP',
        },
        {},
      );
      expect(one.edges.map((e) => [e.node.serviceLine, e.node.status])).toEqual([
        ['POLITICAL_LEADERSHIP', 'APPROVED'],
      ]);
      const referred = await sut.list(MANAGER, { ...filter, status: ['REFERRED'] }, {});
      expect(referred.totalCount).toBe(0);
      await refusedWith(
        sut.list(MANAGER, { financialYear: '2022-2023', regionCode: 'North' }, {}),
        ErrorCode.BAD_USER_INPUT,
      );
      // A cursor it did not give out is refused, not sent to the database.
      await refusedWith(
        sut.list(MANAGER, {}, { after: encodeCursor(['not-a-date', 'x']) }),
        ErrorCode.BAD_USER_INPUT,
      );
    });
  });
});
