import type { INestApplicationContext } from '@nestjs/common';
import { engagementEntities } from '@la-tracker/domain/engagements';
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
  Supplier,
} from '@la-tracker/domain/programmes';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
import { FileProblemsError } from '@la-tracker/platform/errors';
import { QueueModule } from '@la-tracker/platform/queue';
import {
  callerWith,
  createDomainTestContext,
  createTestDatabase,
  grant,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { DataSource } from 'typeorm';
import { SessionImportService } from './session-import.service';
import { sessionEntities } from './sessions.entities';
import { SessionsModule } from './sessions.module';

const PROGRAMME = 'a3000000-0000-4000-8000-000000000001';
const SUPPLIER = 'b3000000-0000-4000-8000-000000000001';
const OTHER_SUPPLIER = 'b3000000-0000-4000-8000-000000000002';
const LOT_1 = 'c3000000-0000-4000-8000-000000000001';
const A1 = 'd3000000-0000-4000-8000-000000000001';
const Z1 = 'd3000000-0000-4000-8000-000000000002';

const STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: SUPPLIER })],
  'e3000000-0000-4000-8000-000000000001',
);

const HEADER =
  'session_reference,service_line,delivered_on,duration_minutes,format,topic,local_authority,engagement_id,lead_member,leader_of_council,cabinet_member,councillor,chief_executive,director_of_childrens_services,chief_finance_officer,hr_lead,it_lead,other_senior_leader,notes';

/** A CSV file of the template's layout, from its data rows. */
const csv = (...rows: string[]) => ({
  buffer: Buffer.from([HEADER, ...rows].join('\n')),
  fileName: 'june.csv',
});

/** The reference scenario's S1 (a cohort; Middlesbrough by DfE code, Redcar by name) and S2. */
const S1_AND_S2 = [
  'NS-S1,POLITICAL_LEADERSHIP,2022-06-14,180,In person,Corporate parenting,E06000001,,1,,3,,,,,,,,Slides sent',
  'NS-S1,POLITICAL_LEADERSHIP,2022-06-14,180,In person,Corporate parenting,806,,1,,,,,,,,,,',
  'NS-S1,POLITICAL_LEADERSHIP,2022-06-14,180,In person,Corporate parenting,Redcar and Cleveland,,1,,,1,,,,,,,',
  'NS-S2,POLITICAL_LEADERSHIP,05/07/2022,120,online,Scrutiny,Leeds,,1,1,,,,,,,,,',
];

describe('SessionImportService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: SessionImportService;
  let dataSource: DataSource;
  const engagement: Record<string, string> = {};

  const writes = async () => ({
    sessions: await dataSource.query('SELECT * FROM delivery_session ORDER BY id'),
    links: await dataSource.query('SELECT * FROM session_engagement ORDER BY 1, 2'),
    attendance: await dataSource.query('SELECT * FROM session_attendance ORDER BY 1, 2, 3'),
    engagements: await dataSource.query('SELECT id, status FROM engagement ORDER BY id'),
    audit: await dataSource.query('SELECT count(*) FROM audit_event'),
  });

  const problemsOf = async (promise: Promise<unknown>) => {
    const error: unknown = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileProblemsError);
    return (error as FileProblemsError).problems;
  };

  async function givenEngagement(
    gssCode: string,
    contractId: string,
    financialYear = '2022-23',
    status = 'APPROVED',
  ): Promise<string> {
    const [row] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year, status,
                               referral_reason, referred_on, contract_id, decided_on)
       SELECT $1, 'POLITICAL_LEADERSHIP', la.id, $2, $3, 'Needs support', '2021-06-01', $4, '2021-06-10'
         FROM local_authority la WHERE la.gss_code = $5
       RETURNING id`,
      [PROGRAMME, financialYear, status, contractId, gssCode],
    );
    return row.id;
  }

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
        AuditEvent,
      ],
      imports: [SessionsModule, QueueModule.forRoot(config)],
    });
    sut = app.get(SessionImportService);
    dataSource = app.get(DataSource);

    await dataSource.getRepository(Programme).insert({
      id: PROGRAMME,
      name: 'Programme',
      contractingAuthority: 'Department for Education',
      startsOn: '2021-05-31',
      endsOn: '2024-03-31',
      budgetPence: 140_000_000,
    });
    await dataSource.getRepository(ProgrammeServiceLine).insert({
      programmeId: PROGRAMME,
      serviceLine: 'POLITICAL_LEADERSHIP',
      name: 'Political leadership',
    });
    await dataSource.getRepository(Lot).insert({
      id: LOT_1,
      programmeId: PROGRAMME,
      number: 1,
      title: 'Lot 1',
      validFrom: '2021-05-31',
    });
    await dataSource
      .getRepository(LotServiceLine)
      .insert({ lotId: LOT_1, serviceLine: 'POLITICAL_LEADERSHIP' });
    await dataSource.getRepository(Supplier).insert([
      { id: SUPPLIER, name: 'North Star Leadership Ltd', nameKey: 'north star leadership ltd' },
      { id: OTHER_SUPPLIER, name: 'Elsewhere Ltd', nameKey: 'elsewhere ltd' },
    ]);
    const terms = {
      programmeId: PROGRAMME,
      lotId: LOT_1,
      valuePence: 50_000_000,
      startsOn: '2021-05-31',
      endsOn: '2024-03-31',
    };
    await dataSource.getRepository(Contract).insert([
      { ...terms, id: A1, supplierId: SUPPLIER, reference: 'A1' },
      { ...terms, id: Z1, supplierId: OTHER_SUPPLIER, reference: 'Z1' },
    ]);
    await dataSource.getRepository(ContractRate).insert({
      contractId: A1,
      serviceLine: 'POLITICAL_LEADERSHIP',
      unit: 'PER_SESSION',
      amountPence: 125_000,
    });
    engagement.hartlepool = await givenEngagement('E06000001', A1);
    engagement.middlesbrough = await givenEngagement('E06000002', A1);
    engagement.redcar = await givenEngagement('E06000003', A1);
    engagement.leeds = await givenEngagement('E08000035', A1);
    // Stockton and Sunderland are supported by the other supplier only.
    engagement.stockton = await givenEngagement('E06000004', Z1);
    engagement.sunderland = await givenEngagement('E08000024', Z1);
    // Darlington has two open engagements with the supplier, one per year.
    engagement.darlington2022 = await givenEngagement('E06000005', A1, '2022-23');
    engagement.darlington2023 = await givenEngagement('E06000005', A1, '2023-24');
    engagement.gatesheadCompleted = await givenEngagement('E08000037', A1, '2022-23', 'COMPLETED');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('writes nothing when one row among good ones is bad, and says which', async () => {
    const before = await writes();
    const problems = await problemsOf(
      sut.importFile(
        STAFF,
        csv(
          ...S1_AND_S2,
          'NS-S3,POLITICAL_LEADERSHIP,2024-06-02,90,ONLINE,Budgets,E08000035,,1,,,,,,,,,,',
        ),
      ),
    );
    // The clock stands at 1 June 2024, after contract A1 ended.
    expect(problems).toEqual([
      { row: 6, column: 'delivered_on', message: 'must not be in the future' },
      {
        row: 6,
        column: 'delivered_on',
        message: 'must fall within contract A1 (2021-05-31 to 2024-03-31)',
      },
    ]);
    expect(await writes()).toEqual(before);
  });

  it('reports every problem of a file at once, each on its row and column', async () => {
    const before = await writes();
    const problems = await problemsOf(
      sut.importFile(
        STAFF,
        csv(
          'P1,POLITICAL_LEADERSHIP,2022-06-14,10,ONLINE,Budgets,Leeds,,1,,,,,,,,,,',
          'P2,POLITICAL_LEADERSHIP,2022-06-14,60,ONLINE,Budgets,Atlantis,,1,,,,,,,,,,',
          'P3,POLITICAL_LEADERSHIP,2022-06-14,60,ONLINE,Budgets,E06000004,,1,,,,,,,,,,',
          `P4,POLITICAL_LEADERSHIP,2022-06-14,60,ONLINE,Budgets,E08000024,${engagement.sunderland},1,,,,,,,,,,`,
          `P5,POLITICAL_LEADERSHIP,2022-06-14,60,ONLINE,Budgets,E08000024,00000000-0000-4000-8000-000000000000,1,,,,,,,,,,`,
          'P6,POLITICAL_LEADERSHIP,2022-06-14,60,ONLINE,Budgets,Darlington,,1,,,,,,,,,,',
          'P7,POLITICAL_LEADERSHIP,2022-06-14,60,ONLINE,Budgets,Leeds,,1001,,,,,,,,,,',
          `P8,POLITICAL_LEADERSHIP,2022-06-14,60,ONLINE,Budgets,Gateshead,${engagement.gatesheadCompleted},1,,,,,,,,,,`,
          'P9,POLITICAL_LEADERSHIP,2021-05-30,60,ONLINE,Budgets,Leeds,,1,,,,,,,,,,',
          'P10,POLITICAL_LEADERSHIP,2022-06-14,60,ONLINE,Budgets,Leeds,,1,,,,,,,,,,',
          'P10,POLITICAL_LEADERSHIP,2022-06-14,60,ONLINE,Budgets,383,,,1,,,,,,,,,',
        ),
      ),
    );
    expect(problems).toEqual([
      {
        row: 2,
        column: 'duration_minutes',
        message: 'must be a whole number of minutes from 15 to 720 (12 hours)',
      },
      {
        row: 3,
        column: 'local_authority',
        message:
          'no local authority is known by "Atlantis": give its ONS code (E06000001), DfE code (805) or name',
      },
      // Another supplier's LA and engagement answer as if they did not exist.
      {
        row: 4,
        column: 'local_authority',
        message:
          'Stockton-on-Tees has no APPROVED or IN_DELIVERY POLITICAL_LEADERSHIP engagement under your contracts',
      },
      { row: 5, column: 'engagement_id', message: 'no engagement of yours has this id' },
      { row: 6, column: 'engagement_id', message: 'no engagement of yours has this id' },
      {
        row: 7,
        column: 'engagement_id',
        message: `is needed: Darlington has 2 open POLITICAL_LEADERSHIP engagements with you (${engagement.darlington2022} for 2022-23 under contract A1; ${engagement.darlington2023} for 2023-24 under contract A1)`,
      },
      { row: 8, column: 'lead_member', message: 'must be a whole number from 1 to 1000' },
      {
        row: 9,
        column: 'engagement_id',
        message: `Engagement ${engagement.gatesheadCompleted} is COMPLETED: sessions are for APPROVED or IN_DELIVERY engagements.`,
      },
      {
        row: 10,
        column: 'delivered_on',
        message: 'must fall within contract A1 (2021-05-31 to 2024-03-31)',
      },
      // 383 is Leeds's DfE code.
      {
        row: 12,
        column: 'local_authority',
        message: 'Leeds is also on row 11 of session P10: give each LA one row',
      },
    ]);
    expect(await writes()).toEqual(before);
  });

  it('imports a cohort session and a single-LA one in one go, then refuses the same file again', async () => {
    const report = await sut.importFile(STAFF, csv(...S1_AND_S2));
    expect(report).toMatchObject({
      fileName: 'june.csv',
      supplierId: SUPPLIER,
      dryRun: false,
      rowsRead: 4,
      sessions: [
        {
          reference: 'NS-S1',
          rows: [2, 3, 4],
          status: 'DRAFT',
          deliveredOn: '2022-06-14',
          localAuthorities: 3,
          attendees: 7,
        },
        {
          reference: 'NS-S2',
          rows: [5],
          status: 'DRAFT',
          deliveredOn: '2022-07-05',
          localAuthorities: 1,
          attendees: 2,
        },
      ],
    });
    const [s1, s2] = report.sessions.map((s) => s.sessionId);
    const sessions = await dataSource.query(
      `SELECT id, supplier_reference, status, delivered_on, duration_minutes, format, topic, notes, contract_id
         FROM delivery_session WHERE id = ANY($1) ORDER BY delivered_on`,
      [[s1, s2]],
    );
    expect(sessions).toEqual([
      {
        id: s1,
        supplier_reference: 'NS-S1',
        status: 'DRAFT',
        delivered_on: '2022-06-14',
        duration_minutes: 180,
        format: 'IN_PERSON',
        topic: 'Corporate parenting',
        notes: 'Slides sent',
        contract_id: A1,
      },
      {
        id: s2,
        supplier_reference: 'NS-S2',
        status: 'DRAFT',
        delivered_on: '2022-07-05',
        duration_minutes: 120,
        format: 'ONLINE',
        topic: 'Scrutiny',
        notes: null,
        contract_id: A1,
      },
    ]);
    const attendance = await dataSource.query(
      `SELECT la.gss_code, a.role, a.count FROM session_attendance a
         JOIN local_authority la ON la.id = a.local_authority_id
        WHERE a.session_id = $1 ORDER BY la.gss_code, a.role`,
      [s1],
    );
    expect(attendance).toEqual([
      { gss_code: 'E06000001', role: 'CABINET_MEMBER', count: 3 },
      { gss_code: 'E06000001', role: 'LEAD_MEMBER', count: 1 },
      { gss_code: 'E06000002', role: 'LEAD_MEMBER', count: 1 },
      { gss_code: 'E06000003', role: 'COUNCILLOR', count: 1 },
      { gss_code: 'E06000003', role: 'LEAD_MEMBER', count: 1 },
    ]);
    const started = await dataSource.query(`SELECT status FROM engagement WHERE id = ANY($1)`, [
      [engagement.hartlepool, engagement.middlesbrough, engagement.redcar, engagement.leeds],
    ]);
    expect(started).toEqual(Array(4).fill({ status: 'IN_DELIVERY' }));
    const audit = await dataSource.query(
      `SELECT actor_user_id, entity_id, after FROM audit_event WHERE action = 'session.import'`,
    );
    expect(audit).toEqual([
      {
        actor_user_id: STAFF.userId,
        entity_id: SUPPLIER,
        after: { rowsRead: 4, submitted: false, sessionIds: [s1, s2] },
      },
    ]);

    const before = await writes();
    const problems = await problemsOf(sut.importFile(STAFF, csv(...S1_AND_S2)));
    expect(problems).toEqual(
      [2, 3, 4, 5].map((row) => ({
        row,
        column: 'session_reference',
        message: `session ${row === 5 ? 'NS-S2' : 'NS-S1'} was already imported (session ${row === 5 ? s2 : s1}): nothing from it is imported again`,
      })),
    );
    expect(await writes()).toEqual(before);
  });

  it('writes nothing on a dry run, and submits what it records when asked', async () => {
    const file = csv(
      `NS-D1,POLITICAL_LEADERSHIP,2023-05-02,60,HYBRID,Budgets,Darlington,${engagement.darlington2023},,,,2,,,,,,,`,
    );
    const manager = 'e3000000-0000-4000-8000-000000000099';
    await dataSource.query(
      `INSERT INTO app_user (id, issuer, subject, email) VALUES ($1, 'test', 'import-manager', 'manager@education.gov.example')`,
      [manager],
    );
    await dataSource.query(
      `INSERT INTO role_assignment (user_id, role, programme_id) VALUES ($1, 'PROGRAMME_MANAGER', $2)`,
      [manager, PROGRAMME],
    );
    const notices = () =>
      dataSource.query(
        `SELECT recipient_id, subject_id FROM notification WHERE kind = 'SESSION_AWAITING_SIGN_OFF'`,
      );
    const before = await writes();
    const dryRun = await sut.importFile(STAFF, file, { dryRun: true, submit: true });
    expect(dryRun.sessions).toEqual([
      {
        reference: 'NS-D1',
        rows: [2],
        sessionId: null,
        status: 'SUBMITTED',
        deliveredOn: '2023-05-02',
        localAuthorities: 1,
        attendees: 2,
      },
    ]);
    expect(await writes()).toEqual(before);
    expect(await notices()).toEqual([]);

    const submitted = await sut.importFile(STAFF, file, { submit: true });
    const [row] = await dataSource.query(
      `SELECT status, submitted_by_user_id FROM delivery_session WHERE id = $1`,
      [submitted.sessions[0].sessionId],
    );
    expect(row).toEqual({ status: 'SUBMITTED', submitted_by_user_id: STAFF.userId });
    // Submitted by import as by hand: the programme's manager is told it awaits sign-off.
    expect(await notices()).toEqual([
      { recipient_id: manager, subject_id: submitted.sessions[0].sessionId },
    ]);
  });

  it('refuses a file that is not a sessions template, and a caller who is not the supplier', async () => {
    const problems = await problemsOf(
      sut.importFile(STAFF, {
        buffer: Buffer.from('la,date,people\nLeeds,2022-06-14,3\n'),
        fileName: 'notes.csv',
      }),
    );
    expect(problems).toEqual([
      {
        row: null,
        column: null,
        message: expect.stringMatching(
          /^This is not a sessions template: it lacks the columns session_reference, service_line, /,
        ),
      },
    ]);
    await expect(
      sut.importFile(STAFF, csv(...S1_AND_S2), { supplierId: OTHER_SUPPLIER }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      sut.importFile(callerWith([grant(Role.ADMIN)]), csv(...S1_AND_S2)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
