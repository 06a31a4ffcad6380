import type { INestApplicationContext } from '@nestjs/common';
import { coachingEntities, CoachingModule, CoachingService } from '@la-tracker/domain/coaching';
import { engagementEntities } from '@la-tracker/domain/engagements';
import { inspectionEntities } from '@la-tracker/domain/inspections';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { programmeEntities } from '@la-tracker/domain/programmes';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
import { ErrorCode } from '@la-tracker/platform/errors';
import { QueueModule } from '@la-tracker/platform/queue';
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
import { sessionEntities } from './sessions.entities';
import { SessionsModule } from './sessions.module';
import { SessionsService, type RecordSessionInput } from './sessions.service';

const PROGRAMME = 'a7000000-0000-4000-8000-000000000001';
const OTHER_PROGRAMME = 'a7000000-0000-4000-8000-000000000002';
const SUPPLIER = 'b7000000-0000-4000-8000-000000000001';
const LOT_7 = 'c7000000-0000-4000-8000-000000000007';
const LOT_1 = 'c7000000-0000-4000-8000-000000000001';
const A7 = 'd7000000-0000-4000-8000-000000000007';
const A1 = 'd7000000-0000-4000-8000-000000000001';

const MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })],
  'e7000000-0000-4000-8000-000000000001',
);
const OTHER_MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: OTHER_PROGRAMME })],
  'e7000000-0000-4000-8000-000000000002',
);
const SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: SUPPLIER })],
  'e7000000-0000-4000-8000-000000000003',
);
const WEST_MIDLANDS_ADVISER = callerWith(
  [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000005' })],
  'e7000000-0000-4000-8000-000000000004',
);

/** Coaching hours (libs/domain/coaching) as recorded sessions draw them down (SPEC §5.7). */
describe('CoachingService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: CoachingService;
  let sessions: SessionsService;
  let dataSource: DataSource;

  const writes = async () => ({
    allocations: await dataSource.query('SELECT * FROM coaching_allocation ORDER BY 1, 2'),
    variations: await dataSource.query('SELECT * FROM coaching_variation ORDER BY id'),
    sessions: await dataSource.query('SELECT * FROM delivery_session ORDER BY id'),
    attendance: await dataSource.query('SELECT * FROM session_attendance ORDER BY 1, 2, 3'),
    audit: await dataSource.query('SELECT count(*) FROM audit_event'),
  });

  async function givenProgramme(): Promise<void> {
    await dataSource.query(
      `INSERT INTO programme (id, name, contracting_authority, starts_on, ends_on, budget_pence)
       VALUES ($1, 'Coaching programme', 'DfE', '2021-05-31', '2024-03-31', 140000000),
              ($2, 'Another programme', 'DfE', '2021-05-31', '2024-03-31', 140000000)`,
      [PROGRAMME, OTHER_PROGRAMME],
    );
    await dataSource.query(
      `INSERT INTO programme_service_line (programme_id, service_line, name)
       VALUES ($1, 'COACHING_MENTORING', 'Coaching'), ($1, 'POLITICAL_LEADERSHIP', 'Leadership')`,
      [PROGRAMME],
    );
    await dataSource.query(
      `INSERT INTO lot (id, programme_id, number, title, valid_from)
       VALUES ($2, $1, 7, 'Lot 7', '2021-05-31'), ($3, $1, 1, 'Lot 1', '2021-05-31')`,
      [PROGRAMME, LOT_7, LOT_1],
    );
    await dataSource.query(
      `INSERT INTO lot_service_line (lot_id, service_line)
       VALUES ($1, 'COACHING_MENTORING'), ($2, 'POLITICAL_LEADERSHIP')`,
      [LOT_7, LOT_1],
    );
    await dataSource.query(
      `INSERT INTO supplier (id, name, name_key) VALUES ($1, 'North Star Leadership Ltd', 'north star leadership ltd')`,
      [SUPPLIER],
    );
    await dataSource.query(
      `INSERT INTO contract (id, programme_id, supplier_id, lot_id, reference, value_pence, starts_on, ends_on)
       VALUES ($1, $3, $4, $5, 'A7', 5000000, '2021-05-31', '2024-03-31'),
              ($2, $3, $4, $6, 'A1', 5000000, '2021-05-31', '2024-03-31')`,
      [A7, A1, PROGRAMME, SUPPLIER, LOT_7, LOT_1],
    );
  }

  /** An approved engagement of the LA, written straight to the table. */
  async function engagement(gssCode: string, contractId = A7, status = 'APPROVED') {
    const [row] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year, status,
                               referral_reason, referred_on, contract_id, decided_on)
       SELECT $1, $2, la.id, '2022-23', $3, 'Needs support', '2022-06-01', $4, '2022-06-08'
         FROM local_authority la WHERE la.gss_code = $5
       RETURNING id`,
      [
        PROGRAMME,
        contractId === A7 ? 'COACHING_MENTORING' : 'POLITICAL_LEADERSHIP',
        status,
        contractId,
        gssCode,
      ],
    );
    return row.id;
  }

  const oneToOne = (
    engagementId: string,
    durationMinutes: number,
    deliveredOn = '2022-10-03',
  ): RecordSessionInput => ({
    engagementIds: [engagementId],
    deliveredOn,
    durationMinutes,
    format: 'ONLINE',
    topic: 'Leading through an inspection',
    attendance: [{ role: 'LEADER_OF_COUNCIL', count: 1 }],
  });

  const balances = async (id: string) => (await sut.balancesOf(MANAGER, [id]))[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    app = await createDomainTestContext({
      config,
      entities: [
        ...localAuthorityEntities,
        ...inspectionEntities,
        ...programmeEntities,
        ...engagementEntities,
        ...sessionEntities,
        ...coachingEntities,
        AuditEvent,
      ],
      imports: [CoachingModule, SessionsModule, QueueModule.forRoot(config)],
    });
    sut = app.get(CoachingService);
    sessions = app.get(SessionsService);
    dataSource = app.get(DataSource);
    await givenProgramme();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('allocate, sessions drawing hours down, and approveVariation', () => {
    it("holds Sandwell's 10 hours to the reference scenario: 415 minutes left after S4 to S6", async () => {
      const sandwell = await engagement('E08000028');
      await sut.allocate(MANAGER, {
        engagementId: sandwell,
        role: 'LEADER_OF_COUNCIL',
        minutes: 600,
      });
      for (const [minutes, date] of [
        [75, '2022-10-03'],
        [50, '2023-03-31'],
        [60, '2023-04-03'],
      ] as const)
        await sessions.recordSession(SUPPLIER_STAFF, oneToOne(sandwell, minutes, date));
      // 75 + 50 + 60 = 185 used; 600 - 185 = 415 left.
      expect(await balances(sandwell)).toEqual([
        {
          engagementId: sandwell,
          role: 'LEADER_OF_COUNCIL',
          allocatedMinutes: 600,
          variationMinutes: 0,
          usedMinutes: 185,
        },
      ]);
    });

    it('refuses a session past the allocation with CAP_REACHED and writes nothing, then takes it after a variation', async () => {
      const dudley = await engagement('E08000027');
      await sut.allocate(MANAGER, {
        engagementId: dudley,
        role: 'LEADER_OF_COUNCIL',
        minutes: 120,
      });
      const first = await sessions.recordSession(SUPPLIER_STAFF, oneToOne(dudley, 90));
      const before = await writes();
      const refusal = await refusedWith(
        sessions.recordSession(SUPPLIER_STAFF, oneToOne(dudley, 45)),
        ErrorCode.CAP_REACHED,
      );
      expect(refusal.message).toBe(
        "Dudley's LEADER_OF_COUNCIL has 2 h allocated, of which 30 min is left; this session would use 45 min. A programme manager may approve a variation.",
      );
      // Changing the first session to take more than is allocated is refused the same way.
      await refusedWith(
        sessions.updateSession(SUPPLIER_STAFF, { id: first.id, durationMinutes: 121 }),
        ErrorCode.CAP_REACHED,
      );
      // A role with nothing allocated has nothing to draw on.
      await refusedWith(
        sessions.recordSession(SUPPLIER_STAFF, {
          ...oneToOne(dudley, 30),
          attendance: [{ role: 'CHIEF_EXECUTIVE', count: 1 }],
        }),
        ErrorCode.CAP_REACHED,
      );
      expect(await writes()).toEqual(before);

      // A session may be changed within what it already holds plus what is left: 90 + 30.
      await sessions.updateSession(SUPPLIER_STAFF, { id: first.id, durationMinutes: 120 });
      await sessions.updateSession(SUPPLIER_STAFF, { id: first.id, durationMinutes: 90 });

      const varied = await sut.approveVariation(MANAGER, {
        engagementId: dudley,
        role: 'LEADER_OF_COUNCIL',
        extraMinutes: 15,
        reason: 'An inspection brought forward',
      });
      expect(varied).toMatchObject({
        allocatedMinutes: 120,
        variationMinutes: 15,
        usedMinutes: 90,
      });
      await sessions.recordSession(SUPPLIER_STAFF, oneToOne(dudley, 45));
      expect(await balances(dudley)).toEqual([
        {
          engagementId: dudley,
          role: 'LEADER_OF_COUNCIL',
          allocatedMinutes: 120,
          variationMinutes: 15,
          usedMinutes: 135,
        },
      ]);
      const audit = await dataSource.query<
        Array<{ action: string; after: Record<string, unknown> }>
      >(
        `SELECT action, after FROM audit_event WHERE entity_type = 'coaching_allocation' AND entity_id = $1 ORDER BY id`,
        [dudley],
      );
      expect(audit.map((event) => event.action)).toEqual([
        'coaching.allocate',
        'coaching.variation',
      ]);
      expect(audit[1].after).toMatchObject({
        variationMinutes: 15,
        extraMinutes: 15,
        reason: '[personal data not recorded]',
      });
    });

    it('does not count a planned session, and keeps counting a returned one', async () => {
      const walsall = await engagement('E08000030');
      await sut.allocate(MANAGER, {
        engagementId: walsall,
        role: 'LEADER_OF_COUNCIL',
        minutes: 60,
      });
      await sessions.planSession(SUPPLIER_STAFF, {
        engagementIds: [walsall],
        plannedOn: '2022-11-01',
        durationMinutes: 600,
      });
      const draft = await sessions.recordSession(SUPPLIER_STAFF, oneToOne(walsall, 60));
      await sessions.submitSession(SUPPLIER_STAFF, draft.id);
      await sessions.returnSession(MANAGER, draft.id, 'Wrong date');
      await refusedWith(
        sessions.recordSession(SUPPLIER_STAFF, oneToOne(walsall, 15)),
        ErrorCode.CAP_REACHED,
      );
      expect((await balances(walsall)) as unknown[]).toEqual([
        expect.objectContaining({ allocatedMinutes: 60, usedMinutes: 60 }),
      ]);
    });

    it('leaves sessions of other service lines alone', async () => {
      const leeds = await engagement('E08000035', A1);
      await sessions.recordSession(SUPPLIER_STAFF, oneToOne(leeds, 720));
      expect(await balances(leeds)).toEqual([]);
    });

    it('refuses to cut an allocation below what is used, and writes nothing', async () => {
      const wolverhampton = await engagement('E08000031');
      await sut.allocate(MANAGER, {
        engagementId: wolverhampton,
        role: 'LEADER_OF_COUNCIL',
        minutes: 300,
      });
      await sessions.recordSession(SUPPLIER_STAFF, oneToOne(wolverhampton, 185));
      const before = await writes();
      const error = await refusedWith(
        sut.allocate(MANAGER, {
          engagementId: wolverhampton,
          role: 'LEADER_OF_COUNCIL',
          minutes: 180,
        }),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(error.message).toBe(
        'Invalid input. minutes: must be at least 185 (3 h 5 min): 3 h 5 min is already used, 0 min of it covered by approved variations.',
      );
      expect(await writes()).toEqual(before);
      await sut.allocate(MANAGER, {
        engagementId: wolverhampton,
        role: 'LEADER_OF_COUNCIL',
        minutes: 185,
      });
    });
  });

  describe('who may allocate and see', () => {
    it('answers each caller who may not with its code, and writes nothing', async () => {
      const birmingham = await engagement('E08000025');
      const wakefield = await engagement('E08000036', A1);
      const withdrawn = await engagement('E08000029', A7, 'WITHDRAWN');
      const before = await writes();
      const allocation = { engagementId: birmingham, role: 'LEAD_MEMBER' as const, minutes: 60 };
      const refusals: Array<[ErrorCode, () => Promise<unknown>]> = [
        [ErrorCode.NOT_FOUND, () => sut.allocate(OTHER_MANAGER, allocation)],
        [ErrorCode.FORBIDDEN, () => sut.allocate(SUPPLIER_STAFF, allocation)],
        [ErrorCode.FORBIDDEN, () => sut.allocate(WEST_MIDLANDS_ADVISER, allocation)],
        [
          ErrorCode.BAD_USER_INPUT,
          () => sut.allocate(MANAGER, { ...allocation, engagementId: wakefield }),
        ],
        [
          ErrorCode.INVALID_TRANSITION,
          () => sut.allocate(MANAGER, { ...allocation, engagementId: withdrawn }),
        ],
        [ErrorCode.BAD_USER_INPUT, () => sut.allocate(MANAGER, { ...allocation, minutes: -1 })],
        [
          ErrorCode.NOT_FOUND,
          () =>
            sut.approveVariation(OTHER_MANAGER, {
              engagementId: birmingham,
              role: 'LEAD_MEMBER',
              extraMinutes: 60,
              reason: 'More time',
            }),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () =>
            sut.approveVariation(MANAGER, {
              engagementId: birmingham,
              role: 'LEAD_MEMBER',
              extraMinutes: 60,
              reason: ' ',
            }),
        ],
      ];
      for (const [code, refusal] of refusals) await refusedWith(refusal(), code);
      expect(await writes()).toEqual(before);

      await sut.allocate(MANAGER, allocation);
      const [forSupplier] = await sut.balancesOf(SUPPLIER_STAFF, [birmingham]);
      expect(forSupplier).toEqual([expect.objectContaining({ allocatedMinutes: 60 })]);
      const [forAdviser] = await sut.balancesOf(WEST_MIDLANDS_ADVISER, [birmingham]);
      expect(forAdviser).toBeInstanceOf(Error);
    });
  });

  describe('under concurrency', () => {
    it('lets only as many racing sessions through as the allocation holds', async () => {
      const coventry = await engagement('E08000026');
      await sut.allocate(MANAGER, {
        engagementId: coventry,
        role: 'LEADER_OF_COUNCIL',
        minutes: 600,
      });
      // Ten sessions of 90 minutes race for 600 minutes: six fit (540), the others are refused.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          sessions.recordSession(SUPPLIER_STAFF, oneToOne(coventry, 90)),
        ),
      );
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(6);
      for (const outcome of refused)
        expect(outcome.reason).toMatchObject({
          code: ErrorCode.CAP_REACHED,
        });
      expect(await balances(coventry)).toEqual([
        expect.objectContaining({ allocatedMinutes: 600, usedMinutes: 540 }),
      ]);
    });

    it('never cuts an allocation below a session recorded at the same moment', async () => {
      const solihull = await engagement('E08000029');
      await sut.allocate(MANAGER, {
        engagementId: solihull,
        role: 'LEADER_OF_COUNCIL',
        minutes: 120,
      });
      const [recorded, cut] = await Promise.allSettled([
        sessions.recordSession(SUPPLIER_STAFF, oneToOne(solihull, 120)),
        sut.allocate(MANAGER, { engagementId: solihull, role: 'LEADER_OF_COUNCIL', minutes: 60 }),
      ]);
      const [balance] = (await balances(solihull)) as Array<{
        allocatedMinutes: number;
        usedMinutes: number;
      }>;
      // Whichever came first, what is used never exceeds what is allocated.
      expect(balance.usedMinutes).toBeLessThanOrEqual(balance.allocatedMinutes);
      expect([recorded.status, cut.status].sort()).toEqual(['fulfilled', 'rejected']);
    });
  });
});
