import type { INestApplicationContext } from '@nestjs/common';
import { coachingEntities } from '@la-tracker/domain/coaching';
import { engagementEntities } from '@la-tracker/domain/engagements';
import { inspectionEntities } from '@la-tracker/domain/inspections';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import {
  ATTENDEE_ROLES,
  Contract,
  ContractRate,
  Lot,
  LotServiceLine,
  Programme,
  programmeEntities,
  ProgrammeServiceLine,
  Supplier,
  type ServiceLine,
} from '@la-tracker/domain/programmes';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role, type Caller } from '@la-tracker/platform/auth';
import { ErrorCode } from '@la-tracker/platform/errors';
import { QueueModule } from '@la-tracker/platform/queue';
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
import { Clock, type FixedClock } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import { sessionEntities } from './sessions.entities';
import { SessionsModule } from './sessions.module';
import { SessionsService, type RecordSessionInput } from './sessions.service';

const PROGRAMME = 'a2000000-0000-4000-8000-000000000001';
const OTHER_PROGRAMME = 'a2000000-0000-4000-8000-000000000002';
const SUPPLIER = 'b2000000-0000-4000-8000-000000000001';
const OTHER_SUPPLIER = 'b2000000-0000-4000-8000-000000000002';
const LOT = {
  1: 'c2000000-0000-4000-8000-000000000001',
  2: 'c2000000-0000-4000-8000-000000000002',
  4: 'c2000000-0000-4000-8000-000000000004',
  5: 'c2000000-0000-4000-8000-000000000005',
  7: 'c2000000-0000-4000-8000-000000000007',
};
/** Per session, per hour, per diagnostic; no rate at all; another supplier's per participant. */
const A1 = 'd2000000-0000-4000-8000-000000000001';
const A7 = 'd2000000-0000-4000-8000-000000000007';
const B4 = 'd2000000-0000-4000-8000-000000000004';
const C2 = 'd2000000-0000-4000-8000-000000000002';
const E5 = 'd2000000-0000-4000-8000-000000000005';

const MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })],
  'e2000000-0000-4000-8000-000000000001',
);
const OTHER_MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: OTHER_PROGRAMME })],
  'e2000000-0000-4000-8000-000000000002',
);
const SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: SUPPLIER })],
  'e2000000-0000-4000-8000-000000000003',
);
const OTHER_SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: OTHER_SUPPLIER })],
  'e2000000-0000-4000-8000-000000000004',
);
const NORTH_EAST_ADVISER = callerWith(
  [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })],
  'e2000000-0000-4000-8000-000000000005',
);
const ADMIN = callerWith([grant(Role.ADMIN)], 'e2000000-0000-4000-8000-000000000006');

const HARTLEPOOL = 'E06000001';
const MIDDLESBROUGH = 'E06000002';
const REDCAR = 'E06000003';
const LEEDS = 'E08000035';
const SANDWELL = 'E08000028';

describe('SessionsService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: SessionsService;
  let dataSource: DataSource;

  /** Every row a refused request must leave as it was. */
  const writes = async () => ({
    sessions: await dataSource.query('SELECT * FROM delivery_session ORDER BY id'),
    links: await dataSource.query('SELECT * FROM session_engagement ORDER BY 1, 2'),
    attendance: await dataSource.query('SELECT * FROM session_attendance ORDER BY 1, 2, 3'),
    shares: await dataSource.query('SELECT * FROM session_cost_share ORDER BY 1, 2'),
    engagements: await dataSource.query('SELECT id, status FROM engagement ORDER BY id'),
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
    const lines: Array<[keyof typeof LOT, ServiceLine]> = [
      [1, 'POLITICAL_LEADERSHIP'],
      [2, 'CORPORATE_LEADERSHIP'],
      [4, 'CORPORATE_PARENTING_DIAGNOSTIC'],
      [5, 'COUNCILLOR_GROUPS'],
      [7, 'COACHING_MENTORING'],
    ];
    await dataSource.getRepository(ProgrammeServiceLine).insert(
      lines.map(([, serviceLine]) => ({
        programmeId: PROGRAMME,
        serviceLine,
        name: serviceLine,
      })),
    );
    await dataSource.getRepository(Lot).insert(
      lines.map(([number]) => ({
        id: LOT[number],
        programmeId: PROGRAMME,
        number,
        title: `Lot ${number}`,
        validFrom: '2021-05-31',
      })),
    );
    await dataSource
      .getRepository(LotServiceLine)
      .insert(lines.map(([number, serviceLine]) => ({ lotId: LOT[number], serviceLine })));
    await dataSource.getRepository(Supplier).insert([
      { id: SUPPLIER, name: 'North Star Leadership Ltd', nameKey: 'north star leadership ltd' },
      { id: OTHER_SUPPLIER, name: 'Elsewhere Ltd', nameKey: 'elsewhere ltd' },
    ]);
    const terms = {
      programmeId: PROGRAMME,
      valuePence: 50_000_000,
      startsOn: '2021-05-31',
      endsOn: '2024-03-31',
    };
    await dataSource.getRepository(Contract).insert([
      { ...terms, id: A1, supplierId: SUPPLIER, lotId: LOT[1], reference: 'A1' },
      { ...terms, id: C2, supplierId: SUPPLIER, lotId: LOT[2], reference: 'C2' },
      { ...terms, id: B4, supplierId: SUPPLIER, lotId: LOT[4], reference: 'B4' },
      { ...terms, id: E5, supplierId: OTHER_SUPPLIER, lotId: LOT[5], reference: 'E5' },
      { ...terms, id: A7, supplierId: SUPPLIER, lotId: LOT[7], reference: 'A7' },
    ]);
    await dataSource.getRepository(ContractRate).insert([
      {
        contractId: A1,
        serviceLine: 'POLITICAL_LEADERSHIP',
        unit: 'PER_SESSION',
        amountPence: 125_000,
      },
      { contractId: A7, serviceLine: 'COACHING_MENTORING', unit: 'PER_HOUR', amountPence: 9_500 },
      {
        contractId: B4,
        serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
        unit: 'PER_DIAGNOSTIC',
        amountPence: 1_850_000,
      },
      {
        contractId: E5,
        serviceLine: 'COUNCILLOR_GROUPS',
        unit: 'PER_PARTICIPANT',
        amountPence: 4_250,
      },
    ]);
  }

  const CONTRACT_LINES: Record<string, ServiceLine> = {
    [A1]: 'POLITICAL_LEADERSHIP',
    [C2]: 'CORPORATE_LEADERSHIP',
    [B4]: 'CORPORATE_PARENTING_DIAGNOSTIC',
    [E5]: 'COUNCILLOR_GROUPS',
    [A7]: 'COACHING_MENTORING',
  };

  /** An engagement written straight to the table: approved under a contract unless told otherwise. */
  async function engagement(
    gssCode: string,
    financialYear: string,
    contractId = A1,
    status = 'APPROVED',
  ): Promise<string> {
    const [row] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year, status,
                               referral_reason, referred_on, contract_id, decided_on)
       SELECT $1, $2, la.id, $3, $4, 'Needs support', '2021-06-01', $5, '2021-06-10'
         FROM local_authority la WHERE la.gss_code = $6
       RETURNING id`,
      [
        PROGRAMME,
        CONTRACT_LINES[contractId],
        financialYear,
        status,
        status === 'REFERRED' ? null : contractId,
        gssCode,
      ],
    );
    // Coaching draws on allocated hours (libs/domain/coaching): ten hours for every role.
    if (contractId === A7)
      await dataSource.query(
        `INSERT INTO coaching_allocation (engagement_id, role, allocated_minutes)
         SELECT $1, role, 600 FROM unnest($2::text[]) role`,
        [row.id, ATTENDEE_ROLES],
      );
    return row.id;
  }

  const laId = async (gssCode: string): Promise<string> => {
    const [la] = await dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM local_authority WHERE gss_code = $1`,
      [gssCode],
    );
    return la.id;
  };

  /** The reference scenario's S1: a cohort of three LAs, 180 minutes on 2022-06-14. */
  const s1 = (engagementIds: string[]): RecordSessionInput => ({
    engagementIds,
    deliveredOn: '2022-06-14',
    durationMinutes: 180,
    format: 'IN_PERSON',
    topic: 'Corporate parenting for new lead members',
    attendance: [
      { localAuthorityCode: HARTLEPOOL, role: 'LEAD_MEMBER', count: 1 },
      { localAuthorityCode: HARTLEPOOL, role: 'CABINET_MEMBER', count: 3 },
      { localAuthorityCode: '806', role: 'LEAD_MEMBER', count: 1 }, // Middlesbrough's DfE code
      { localAuthorityCode: REDCAR, role: 'LEAD_MEMBER', count: 1 },
      { localAuthorityCode: REDCAR, role: 'COUNCILLOR', count: 1 },
    ],
    notes: 'Lead member for Hartlepool asked for the slides',
  });

  const oneToOne = (
    engagementId: string,
    deliveredOn: string,
    durationMinutes: number,
  ): RecordSessionInput => ({
    engagementIds: [engagementId],
    deliveredOn,
    durationMinutes,
    format: 'ONLINE',
    topic: 'Leading through an inspection',
    attendance: [{ role: 'LEADER_OF_COUNCIL', count: 1 }],
  });

  const submitted = async (input: RecordSessionInput) => {
    const draft = await sut.recordSession(SUPPLIER_STAFF, input);
    return sut.submitSession(SUPPLIER_STAFF, draft.id);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    // The clock stands at noon on 1 June 2024 (the test context's default).
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
      imports: [SessionsModule, QueueModule.forRoot(config)],
    });
    sut = app.get(SessionsService);
    dataSource = app.get(DataSource);
    await givenProgramme();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('recordSession, submitSession and approveSession', () => {
    it('records a cohort session, starts its engagements, and costs it once at approval (S1)', async () => {
      const ids = [
        await engagement(HARTLEPOOL, '2022-23'),
        await engagement(MIDDLESBROUGH, '2022-23'),
        await engagement(REDCAR, '2022-23'),
      ];
      const draft = await sut.recordSession(SUPPLIER_STAFF, s1(ids));
      expect(draft).toMatchObject({
        status: 'DRAFT',
        programmeId: PROGRAMME,
        serviceLine: 'POLITICAL_LEADERSHIP',
        supplierId: SUPPLIER,
        contractId: A1,
        deliveredOn: '2022-06-14',
        plannedOn: null,
        financialYear: '2022-23',
        costPence: null,
      });
      const engagements: Array<{ status: string; started_on: string }> = await dataSource.query(
        `SELECT status, started_on FROM engagement WHERE id = ANY($1)`,
        [ids],
      );
      expect(engagements).toEqual(
        ids.map(() => ({ status: 'IN_DELIVERY', started_on: '2022-06-14' })),
      );

      await sut.submitSession(SUPPLIER_STAFF, draft.id);
      const approved = await sut.approveSession(MANAGER, draft.id);
      expect(approved).toMatchObject({
        status: 'APPROVED',
        costPence: 125_000,
        rateUnit: 'PER_SESSION',
        rateAmountPence: 125_000,
        approvedByUserId: MANAGER.userId,
      });
      const [shares] = await sut.costSharesOf(MANAGER, [draft.id]);
      expect(shares.map((share) => [share.localAuthorityId, share.amountPence])).toEqual([
        [await laId(HARTLEPOOL), 71_429],
        [await laId(MIDDLESBROUGH), 17_857],
        [await laId(REDCAR), 35_714],
      ]);

      const audit: Array<{ action: string; after: Record<string, unknown> }> =
        await dataSource.query(
          `SELECT action, after FROM audit_event WHERE entity_id = $1 ORDER BY id`,
          [draft.id],
        );
      expect(audit.map((event) => event.action)).toEqual([
        'session.record',
        'session.submit',
        'session.approve',
      ]);
      expect(audit[0].after).toMatchObject({
        status: 'DRAFT',
        notes: '[personal data not recorded]',
        engagementIds: ids,
      });
      expect(audit[0].after.attendance).toHaveLength(5);
      expect(audit[2].after).toMatchObject({ costPence: 125_000, costShares: expect.any(Array) });
      const starts = await dataSource.query(
        `SELECT count(*)::int AS count FROM audit_event WHERE action = 'engagement.start' AND entity_id = ANY($1)`,
        [ids],
      );
      expect(starts).toEqual([{ count: 3 }]);
    });

    it('charges by the minute at an hourly rate (S4, S5, S6), each in the year of its date', async () => {
      const sandwell = await engagement(SANDWELL, '2022-23', A7);
      const costs = [];
      for (const [date, minutes] of [
        ['2022-10-03', 75],
        ['2023-03-31', 50],
        ['2023-04-03', 60],
      ] as const) {
        const session = await submitted(oneToOne(sandwell, date, minutes));
        const approved = await sut.approveSession(MANAGER, session.id);
        costs.push([approved.financialYear, approved.costPence]);
      }
      expect(costs).toEqual([
        ['2022-23', 11_875],
        ['2022-23', 7_917],
        ['2023-24', 9_500],
      ]);
    });

    it('costs nothing, and keeps why, at a diagnostic rate and where the contract has no rate', async () => {
      const diagnostic = await submitted(
        oneToOne(await engagement(HARTLEPOOL, '2022-23', B4), '2022-11-01', 240),
      );
      await expect(sut.approveSession(MANAGER, diagnostic.id)).resolves.toMatchObject({
        costPence: 0,
        rateUnit: 'PER_DIAGNOSTIC',
        rateAmountPence: 1_850_000,
      });
      const unrated = await submitted(
        oneToOne(await engagement(HARTLEPOOL, '2022-23', C2), '2022-11-02', 90),
      );
      await expect(sut.approveSession(ADMIN, unrated.id)).resolves.toMatchObject({
        costPence: 0,
        rateUnit: null,
        rateAmountPence: null,
      });
      const [shares] = await sut.costSharesOf(MANAGER, [unrated.id]);
      expect(shares.map((share) => share.amountPence)).toEqual([0]);
    });

    it('costs a session once when two approvals race', async () => {
      const session = await submitted(
        oneToOne(await engagement(LEEDS, '2022-23'), '2022-07-05', 120),
      );
      const results = await Promise.allSettled([
        sut.approveSession(MANAGER, session.id),
        sut.approveSession(ADMIN, session.id),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const [refusal] = results.filter((result) => result.status === 'rejected');
      expect(refusal.reason).toMatchObject({ code: ErrorCode.INVALID_TRANSITION });
      const shares = await dataSource.query(
        `SELECT amount_pence FROM session_cost_share WHERE session_id = $1`,
        [session.id],
      );
      expect(shares).toEqual([{ amount_pence: '125000' }]);
      const approvals = await dataSource.query(
        `SELECT count(*)::int AS count FROM audit_event WHERE entity_id = $1 AND action = 'session.approve'`,
        [session.id],
      );
      expect(approvals).toEqual([{ count: 1 }]);
    });
  });

  describe('refusals', () => {
    it('answers each with its code and writes nothing', async () => {
      const leeds = await engagement(LEEDS, '2023-24');
      const hartlepool = await engagement(HARTLEPOOL, '2023-24');
      const coaching = await engagement(MIDDLESBROUGH, '2023-24', A7);
      const referred = await engagement(REDCAR, '2023-24', A1, 'REFERRED');
      const completed = await engagement(REDCAR, '2021-22', A1, 'COMPLETED');
      const elsewhere = await engagement(LEEDS, '2023-24', E5);
      const draft = await sut.recordSession(SUPPLIER_STAFF, oneToOne(leeds, '2023-05-02', 60));
      const before = await writes();

      const refusals: Array<[ErrorCode, () => Promise<unknown>]> = [
        [
          ErrorCode.NOT_FOUND,
          () => sut.recordSession(OTHER_SUPPLIER_STAFF, oneToOne(leeds, '2023-05-02', 60)),
        ],
        [
          ErrorCode.NOT_FOUND,
          () => sut.recordSession(SUPPLIER_STAFF, oneToOne(elsewhere, '2023-05-02', 60)),
        ],
        [
          ErrorCode.NOT_FOUND,
          () => sut.recordSession(SUPPLIER_STAFF, oneToOne(referred, '2023-05-02', 60)),
        ],
        [
          ErrorCode.NOT_FOUND,
          () => sut.recordSession(SUPPLIER_STAFF, oneToOne('not-an-id', '2023-05-02', 60)),
        ],
        [ErrorCode.FORBIDDEN, () => sut.recordSession(MANAGER, oneToOne(leeds, '2023-05-02', 60))],
        [
          ErrorCode.INVALID_TRANSITION,
          () => sut.recordSession(SUPPLIER_STAFF, oneToOne(completed, '2021-09-01', 60)),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () => sut.recordSession(SUPPLIER_STAFF, oneToOne(leeds, '2024-06-02', 60)),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () => sut.recordSession(SUPPLIER_STAFF, oneToOne(leeds, '2023-05-02', 721)),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () => sut.recordSession(SUPPLIER_STAFF, oneToOne(leeds, '2021-05-30', 60)),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () =>
            sut.recordSession(SUPPLIER_STAFF, {
              ...oneToOne(leeds, '2023-05-02', 60),
              engagementIds: [leeds, coaching],
              attendance: [{ localAuthorityCode: LEEDS, role: 'LEAD_MEMBER', count: 1 }],
            }),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () =>
            sut.recordSession(SUPPLIER_STAFF, {
              ...oneToOne(leeds, '2023-05-02', 60),
              engagementIds: [leeds, hartlepool],
              attendance: [{ localAuthorityCode: SANDWELL, role: 'LEAD_MEMBER', count: 1 }],
            }),
        ],
        [
          ErrorCode.BAD_USER_INPUT,
          () =>
            sut.recordSession(SUPPLIER_STAFF, {
              ...oneToOne(leeds, '2023-05-02', 60),
              engagementIds: [],
            }),
        ],
        [ErrorCode.INVALID_TRANSITION, () => sut.approveSession(MANAGER, draft.id)],
        [ErrorCode.FORBIDDEN, () => sut.approveSession(SUPPLIER_STAFF, draft.id)],
        [ErrorCode.NOT_FOUND, () => sut.approveSession(OTHER_MANAGER, draft.id)],
        [ErrorCode.FORBIDDEN, () => sut.submitSession(MANAGER, draft.id)],
        [ErrorCode.NOT_FOUND, () => sut.submitSession(NORTH_EAST_ADVISER, draft.id)],
        [ErrorCode.BAD_USER_INPUT, () => sut.returnSession(MANAGER, draft.id, '  ')],
        [ErrorCode.INVALID_TRANSITION, () => sut.returnSession(MANAGER, draft.id, 'Wrong date')],
      ];
      // One at a time: each must find the rows as they were.
      for (const [code, refusal] of refusals) await refusedWith(refusal(), code);
      expect(await writes()).toEqual(before);
    });

    it('says what is wrong with a report, field by field', async () => {
      const ids = [await engagement(LEEDS, '2021-22'), await engagement(HARTLEPOOL, '2021-22')];
      const error = await refusedWith(
        sut.recordSession(SUPPLIER_STAFF, {
          ...s1(ids),
          deliveredOn: '2024-06-02',
          durationMinutes: 721,
          attendance: [
            { localAuthorityCode: REDCAR, role: 'LEAD_MEMBER', count: 1 },
            { role: 'COUNCILLOR', count: 1 },
          ],
        }),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(error.message).toBe(
        'Invalid input. deliveredOn: must not be in the future; ' +
          'durationMinutes: must be a whole number of minutes from 15 to 720 (12 hours); ' +
          'attendance[0].localAuthorityCode: is not one of the local authorities of the session’s engagements; ' +
          'attendance[1].localAuthorityCode: is needed: the session covers more than one local authority; ' +
          'deliveredOn: must fall within contract A1 (2021-05-31 to 2024-03-31).',
      );
    });
  });

  describe('planSession, updateSession and returnSession', () => {
    it('plans a session, records it, and takes it round a return', async () => {
      const leeds = await engagement(LEEDS, '2022-23', A7);
      const planned = await sut.planSession(SUPPLIER_STAFF, {
        engagementIds: [leeds],
        plannedOn: '2022-12-19',
        topic: 'Budget scrutiny',
      });
      expect(planned).toMatchObject({
        status: 'PLANNED',
        plannedOn: '2022-12-19',
        deliveredOn: null,
        financialYear: '2022-23',
        topic: 'Budget scrutiny',
        durationMinutes: null,
      });
      expect(sut.deadlineOf(planned)).toEqual({ dueBy: '2022-12-28', overdue: true });
      // A plan keeps its engagement as it was: delivery has not begun.
      expect(
        await dataSource.query(`SELECT status FROM engagement WHERE id = $1`, [leeds]),
      ).toEqual([{ status: 'APPROVED' }]);
      await refusedWith(
        sut.submitSession(SUPPLIER_STAFF, planned.id),
        ErrorCode.INVALID_TRANSITION,
      );
      await refusedWith(
        sut.updateSession(SUPPLIER_STAFF, { id: planned.id, deliveredOn: '2022-12-19' }),
        ErrorCode.BAD_USER_INPUT,
      );
      const moved = await sut.updateSession(SUPPLIER_STAFF, {
        id: planned.id,
        plannedOn: '2023-04-04',
      });
      expect(moved).toMatchObject({ plannedOn: '2023-04-04', financialYear: '2023-24' });

      const recorded = await sut.recordSession(SUPPLIER_STAFF, {
        ...oneToOne(leeds, '2023-04-05', 45),
        sessionId: planned.id,
      });
      expect(recorded).toMatchObject({
        id: planned.id,
        status: 'DRAFT',
        plannedOn: '2023-04-04',
        deliveredOn: '2023-04-05',
        financialYear: '2023-24',
      });
      expect(
        await dataSource.query(`SELECT status, started_on FROM engagement WHERE id = $1`, [leeds]),
      ).toEqual([{ status: 'IN_DELIVERY', started_on: '2023-04-05' }]);
      await refusedWith(
        sut.recordSession(SUPPLIER_STAFF, {
          ...oneToOne(leeds, '2023-04-05', 45),
          sessionId: planned.id,
        }),
        ErrorCode.INVALID_TRANSITION,
      );

      await sut.submitSession(SUPPLIER_STAFF, planned.id);
      const returned = await sut.returnSession(
        MANAGER,
        planned.id,
        ' Two people attended, not one ',
      );
      expect(returned).toMatchObject({
        status: 'RETURNED',
        returnReason: 'Two people attended, not one',
        returnedByUserId: MANAGER.userId,
      });
      await refusedWith(
        sut.updateSession(SUPPLIER_STAFF, { id: planned.id, plannedOn: '2023-04-05' }),
        ErrorCode.BAD_USER_INPUT,
      );
      const corrected = await sut.updateSession(SUPPLIER_STAFF, {
        id: planned.id,
        attendance: [
          { role: 'LEADER_OF_COUNCIL', count: 1 },
          { role: 'CHIEF_EXECUTIVE', count: 1 },
        ],
      });
      expect(corrected).toMatchObject({ status: 'RETURNED', durationMinutes: 45 });
      await sut.submitSession(SUPPLIER_STAFF, planned.id);
      // £95.00 an hour for 45 minutes, whoever attended.
      await expect(sut.approveSession(MANAGER, planned.id)).resolves.toMatchObject({
        costPence: 7_125,
      });
      const [attendance] = await sut.attendanceOf(MANAGER, [planned.id]);
      expect(attendance.map((line) => [line.role, line.count])).toEqual([
        ['LEADER_OF_COUNCIL', 1],
        ['CHIEF_EXECUTIVE', 1],
      ]);
      await refusedWith(
        sut.updateSession(SUPPLIER_STAFF, { id: planned.id, durationMinutes: 60 }),
        ErrorCode.INVALID_TRANSITION,
      );
      const actions: Array<{ action: string }> = await dataSource.query(
        `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`,
        [planned.id],
      );
      expect(actions.map((row) => row.action)).toEqual([
        'session.plan',
        'session.update',
        'session.record',
        'session.submit',
        'session.return',
        'session.update',
        'session.submit',
        'session.approve',
      ]);
    });
  });

  describe('deliverySessions and deliverySession', () => {
    // Each test here makes its own sessions, in a line and year no other test uses.
    const YEAR = '2021-22';
    const filter = { financialYear: YEAR, serviceLine: 'COUNCILLOR_GROUPS' as const };

    it('shows each role its own sessions, and advisers only their regions’ part of a cohort', async () => {
      const hartlepool = await engagement(HARTLEPOOL, YEAR, E5);
      const leeds = await engagement(LEEDS, YEAR, E5);
      const cohort = await sut.recordSession(OTHER_SUPPLIER_STAFF, {
        engagementIds: [hartlepool, leeds],
        deliveredOn: '2021-11-09',
        durationMinutes: 120,
        format: 'HYBRID',
        topic: 'Working as a cabinet',
        attendance: [
          { localAuthorityCode: HARTLEPOOL, role: 'CABINET_MEMBER', count: 6 },
          { localAuthorityCode: LEEDS, role: 'CABINET_MEMBER', count: 4 },
        ],
      });
      const ids = async (who: Caller) =>
        (await sut.list(who, filter, {})).edges.map((edge) => edge.node.id);
      expect(await ids(MANAGER)).toEqual([cohort.id]);
      expect(await ids(ADMIN)).toEqual([cohort.id]);
      expect(await ids(OTHER_SUPPLIER_STAFF)).toEqual([cohort.id]);
      expect(await ids(NORTH_EAST_ADVISER)).toEqual([cohort.id]);
      expect(await ids(SUPPLIER_STAFF)).toEqual([]);
      expect(await ids(OTHER_MANAGER)).toEqual([]);
      await refusedWith(sut.get(SUPPLIER_STAFF, cohort.id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.get(MANAGER, 'not-an-id'), ErrorCode.NOT_FOUND);

      const [adviserSees] = await sut.attendanceOf(NORTH_EAST_ADVISER, [cohort.id]);
      expect(adviserSees.map((line) => line.localAuthorityId)).toEqual([await laId(HARTLEPOOL)]);
      const [managerSees] = await sut.attendanceOf(MANAGER, [cohort.id]);
      expect(managerSees.map((line) => [line.localAuthorityId, line.count])).toEqual([
        [await laId(HARTLEPOOL), 6],
        [await laId(LEEDS), 4],
      ]);
      const [engagementsSeen] = await sut.engagementsOf(NORTH_EAST_ADVISER, [cohort.id]);
      expect(engagementsSeen.map((e) => e.id)).toEqual([hartlepool]);
      const [ofLeeds] = await sut.ofEngagements(MANAGER, [leeds]);
      expect(ofLeeds.map((session) => session.id)).toEqual([cohort.id]);

      // Filtering by the part of the cohort the adviser may not see finds nothing.
      const count = async (who: Caller, more: Record<string, unknown>) =>
        (await sut.list(who, { ...filter, ...more }, {})).totalCount;
      expect(await count(NORTH_EAST_ADVISER, { localAuthorityCode: HARTLEPOOL })).toBe(1);
      expect(await count(NORTH_EAST_ADVISER, { localAuthorityCode: LEEDS })).toBe(0);
      expect(await count(NORTH_EAST_ADVISER, { engagementId: hartlepool })).toBe(1);
      expect(await count(NORTH_EAST_ADVISER, { engagementId: leeds })).toBe(0);
      expect(await count(NORTH_EAST_ADVISER, { regionCode: 'E12000001' })).toBe(1);
      expect(await count(NORTH_EAST_ADVISER, { regionCode: 'E12000003' })).toBe(0);
      expect(await count(MANAGER, { engagementId: leeds })).toBe(1);
      expect(await count(OTHER_SUPPLIER_STAFF, { regionCode: 'E12000003' })).toBe(1);
    });

    it('filters by status, date, LA, region and engagement, and pages without repeats', async () => {
      const redcar = await engagement(REDCAR, YEAR, E5);
      const made: string[] = [];
      for (let day = 1; day <= 12; day += 1) {
        const session = await sut.recordSession(OTHER_SUPPLIER_STAFF, {
          engagementIds: [redcar],
          deliveredOn: `2022-01-${String(day).padStart(2, '0')}`,
          durationMinutes: 60,
          format: 'ONLINE',
          topic: `Session ${day}`,
          attendance: [{ role: 'COUNCILLOR', count: day }],
        });
        made.push(session.id);
        if (day <= 3) await sut.submitSession(OTHER_SUPPLIER_STAFF, session.id);
      }
      const mine = { ...filter, engagementId: redcar };
      const first = await sut.list(MANAGER, mine, { first: 10 });
      expect(first.totalCount).toBe(12);
      expect(first.hasNextPage).toBe(true);
      const next = await sut.list(MANAGER, mine, { first: 10, after: first.edges[9].cursor });
      const pages = [...first.edges, ...next.edges].map((edge) => edge.node.id);
      // The latest first.
      expect(pages).toEqual([...made].reverse());

      // An engagement's latest few, and all of them without a limit, however many engagements ask.
      const unknown = 'e9999999-0000-4000-8000-000000000001';
      const [latestFive, none] = await sut.ofEngagements(MANAGER, [redcar, unknown], 5);
      expect(latestFive.map((session) => session.id)).toEqual(made.slice(7).reverse());
      expect(none).toEqual([]);
      const [all] = await sut.ofEngagements(MANAGER, [redcar]);
      expect(all.map((session) => session.id)).toEqual([...made].reverse());
      expect(await sut.ofEngagements(OTHER_MANAGER, [redcar], 5)).toEqual([[]]);
      await refusedWith(sut.ofEngagements(MANAGER, [redcar], 101), ErrorCode.BAD_USER_INPUT);

      const count = async (more: Record<string, unknown>) =>
        (await sut.list(MANAGER, { ...mine, ...more }, {})).totalCount;
      expect(await count({ status: ['SUBMITTED'] })).toBe(3);
      expect(await count({ status: ['DRAFT', 'SUBMITTED'] })).toBe(12);
      expect(await count({ from: '2022-01-05', to: '2022-01-07' })).toBe(3);
      expect(await count({ localAuthorityCode: REDCAR })).toBe(12);
      expect(await count({ localAuthorityCode: LEEDS })).toBe(0);
      expect(await count({ regionCode: 'E12000001' })).toBe(12);
      expect(await count({ regionCode: 'E12000002' })).toBe(0);
      expect(await count({ supplierId: SUPPLIER })).toBe(0);
      expect(await count({ programmeId: PROGRAMME })).toBe(12);
      const error = await refusedWith(
        sut.list(MANAGER, { financialYear: '2021-2022', from: '2022-02-01', to: '2022-01-01' }, {}),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(error.message).toBe(
        'Invalid input. filter.financialYear: must be written like 2022-23; filter.to: must not be before filter.from.',
      );
    });
  });

  describe('notices to the managers of a session awaiting sign-off', () => {
    const M1 = 'e2000000-0000-4000-8000-000000000011';
    const M2 = 'e2000000-0000-4000-8000-000000000012';
    const ELSEWHERE = 'e2000000-0000-4000-8000-000000000013';
    const notices = (sessionId: string) =>
      dataSource.query<Array<Record<string, string>>>(
        `SELECT n.recipient_id, n.programme_id, n.due_on::text, n.summary, n.status, o.job_id
           FROM notification n LEFT JOIN outbox_job o ON o.job_id = 'notifications.send/' || n.id
          WHERE n.kind = 'SESSION_AWAITING_SIGN_OFF' AND n.subject_id = $1
          ORDER BY n.created_at, n.recipient_id`,
        [sessionId],
      );

    it("tells each of its programme's managers, once per submission, with its send queued", async () => {
      for (const [i, [id, programmeId]] of [
        [M1, PROGRAMME],
        [M2, PROGRAMME],
        [ELSEWHERE, OTHER_PROGRAMME],
      ].entries()) {
        await dataSource.query(
          `INSERT INTO app_user (id, issuer, subject, email) VALUES ($1, 'test', $2, $3)`,
          [id, `sign-off-${i}`, `manager${i}@education.gov.example`],
        );
        await dataSource.query(
          `INSERT INTO role_assignment (user_id, role, programme_id) VALUES ($1, 'PROGRAMME_MANAGER', $2)`,
          [id, programmeId],
        );
      }
      const clock = app.get<FixedClock>(Clock);
      const session = await submitted(
        oneToOne(await engagement(SANDWELL, '2022-23'), '2022-09-14', 90),
      );

      const first = await notices(session.id);
      expect(first).toEqual(
        [M1, M2].map((recipientId) => ({
          recipient_id: recipientId,
          programme_id: PROGRAMME,
          due_on: '2024-06-01',
          summary:
            'The session of 14 September 2022 for Sandwell was submitted on 1 June 2024 and awaits your sign-off.',
          status: 'PENDING',
          job_id: expect.stringMatching(/^notifications\.send\//),
        })),
      );
      // Submitted already: refused, and nobody is told again.
      await refusedWith(
        sut.submitSession(SUPPLIER_STAFF, session.id),
        ErrorCode.INVALID_TRANSITION,
      );
      expect(await notices(session.id)).toEqual(first);

      // Returned, changed and submitted again three days later: a new notice to each.
      await sut.returnSession(MANAGER, session.id, 'Attendance is missing a lead member');
      clock.set(new Date('2024-06-04T09:00:00Z'));
      try {
        await sut.submitSession(SUPPLIER_STAFF, session.id);
      } finally {
        clock.set(new Date('2024-06-01T12:00:00Z'));
      }
      const both = await notices(session.id);
      expect(both.map((n) => [n.recipient_id, n.due_on])).toEqual([
        [M1, '2024-06-01'],
        [M2, '2024-06-01'],
        [M1, '2024-06-04'],
        [M2, '2024-06-04'],
      ]);
      expect(new Set(both.map((n) => n.job_id)).size).toBe(4);
    });
  });
});
