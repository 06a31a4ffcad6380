import { CoachingService, coachingEntities } from '@la-tracker/domain/coaching';
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
import { sessionEntities, SessionsModule, SessionsService } from '@la-tracker/domain/sessions';
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
import { participantEntities } from './participants.entities';
import { ParticipantsModule } from './participants.module';
import { ParticipantsService } from './participants.service';

const PROGRAMME = 'a6000000-0000-4000-8000-000000000001';
/** Ended long ago: its participants are past any retention period. */
const ENDED_PROGRAMME = 'a6000000-0000-4000-8000-000000000002';
const SUPPLIER = 'b6000000-0000-4000-8000-000000000001';
const OTHER_SUPPLIER = 'b6000000-0000-4000-8000-000000000002';
const LOT_7 = 'c6000000-0000-4000-8000-000000000007';
const ENDED_LOT_7 = 'c6000000-0000-4000-8000-000000000017';
const A7 = 'd6000000-0000-4000-8000-000000000007';
const OTHER_A7 = 'd6000000-0000-4000-8000-000000000017';
const ENDED_A7 = 'd6000000-0000-4000-8000-000000000027';

const MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })],
  'e6000000-0000-4000-8000-000000000001',
);
const OTHER_MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: ENDED_PROGRAMME })],
  'e6000000-0000-4000-8000-000000000002',
);
const SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: SUPPLIER })],
  'e6000000-0000-4000-8000-000000000003',
);
const OTHER_SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: OTHER_SUPPLIER })],
  'e6000000-0000-4000-8000-000000000004',
);
const ADVISER = callerWith(
  [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000005' })],
  'e6000000-0000-4000-8000-000000000005',
);
const ADMIN = callerWith([grant(Role.ADMIN)], 'e6000000-0000-4000-8000-000000000006');

const SANDWELL = 'E08000028';
const DUDLEY = 'E08000027';
const WALSALL = 'E08000030';

describe('ParticipantsService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: ParticipantsService;
  let sessions: SessionsService;
  let dataSource: DataSource;

  async function givenProgrammes(): Promise<void> {
    await dataSource.getRepository(Programme).insert([
      {
        id: PROGRAMME,
        name: 'Running programme',
        contractingAuthority: 'Department for Education',
        startsOn: '2021-05-31',
        endsOn: '2025-03-31',
        budgetPence: 140_000_000,
      },
      {
        id: ENDED_PROGRAMME,
        name: 'Ended programme',
        contractingAuthority: 'Department for Education',
        startsOn: '2021-04-01',
        endsOn: '2023-03-31',
        budgetPence: 10_000_000,
      },
    ]);
    await dataSource.getRepository(ProgrammeServiceLine).insert(
      [PROGRAMME, ENDED_PROGRAMME].map((programmeId) => ({
        programmeId,
        serviceLine: 'COACHING_MENTORING' as const,
        name: 'Coaching and mentoring',
      })),
    );
    await dataSource.getRepository(Lot).insert([
      { id: LOT_7, programmeId: PROGRAMME, number: 7, title: 'Lot 7', validFrom: '2021-05-31' },
      {
        id: ENDED_LOT_7,
        programmeId: ENDED_PROGRAMME,
        number: 7,
        title: 'Lot 7',
        validFrom: '2021-04-01',
      },
    ]);
    await dataSource.getRepository(LotServiceLine).insert([
      { lotId: LOT_7, serviceLine: 'COACHING_MENTORING' },
      { lotId: ENDED_LOT_7, serviceLine: 'COACHING_MENTORING' },
    ]);
    await dataSource.getRepository(Supplier).insert([
      { id: SUPPLIER, name: 'North Star Leadership Ltd', nameKey: 'northstarleadershipltd' },
      { id: OTHER_SUPPLIER, name: 'Elsewhere Ltd', nameKey: 'elsewhereltd' },
    ]);
    const terms = { valuePence: 50_000_000, lotId: LOT_7, programmeId: PROGRAMME };
    await dataSource.getRepository(Contract).insert([
      {
        ...terms,
        id: A7,
        supplierId: SUPPLIER,
        reference: 'A7',
        startsOn: '2021-05-31',
        endsOn: '2025-03-31',
      },
      {
        ...terms,
        id: OTHER_A7,
        supplierId: OTHER_SUPPLIER,
        reference: 'X7',
        startsOn: '2021-05-31',
        endsOn: '2025-03-31',
      },
      {
        ...terms,
        id: ENDED_A7,
        programmeId: ENDED_PROGRAMME,
        lotId: ENDED_LOT_7,
        supplierId: SUPPLIER,
        reference: 'E7',
        startsOn: '2021-04-01',
        endsOn: '2023-03-31',
      },
    ]);
    await dataSource.getRepository(ContractRate).insert({
      contractId: A7,
      serviceLine: 'COACHING_MENTORING',
      unit: 'PER_HOUR',
      amountPence: 9_500,
    });
  }

  /** Each engagement a year of its own, as an LA has one open engagement per line and year. */
  let nextYear = 2000;

  /** An engagement written straight to the table, approved under the contract unless told otherwise. */
  async function engagement(
    gssCode: string,
    contractId: string | null = A7,
    status = 'APPROVED',
  ): Promise<string> {
    const programmeId = contractId === ENDED_A7 ? ENDED_PROGRAMME : PROGRAMME;
    nextYear += 1;
    const financialYear = `${nextYear}-${String(nextYear + 1).slice(2)}`;
    const [row] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO engagement (programme_id, service_line, local_authority_id, financial_year, status,
                               referral_reason, referred_on, contract_id, decided_on, override_reason)
       SELECT $1, 'COACHING_MENTORING', la.id, $5, $2, 'New leader', '2022-06-01', $3, '2022-06-08', 'Asked for by DfE'
         FROM local_authority la WHERE la.gss_code = $4
       RETURNING id`,
      [programmeId, status, contractId, gssCode, financialYear],
    );
    return row.id;
  }

  const leader = (
    engagementId: string,
    name = 'Alex Morgan',
    email: string | null = 'alex.morgan@sandwell.example',
  ) => ({ engagementId, name, email, role: 'LEADER_OF_COUNCIL' as const });

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
        ...participantEntities,
        AuditEvent,
      ],
      imports: [SessionsModule, ParticipantsModule, QueueModule.forRoot(config)],
    });
    sut = app.get(ParticipantsService);
    sessions = app.get(SessionsService);
    dataSource = app.get(DataSource);
    await givenProgrammes();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('add', () => {
    it('records a participant with the engagement’s programme and LA, name trimmed, e-mail folded', async () => {
      const engagementId = await engagement(SANDWELL);
      const added = await sut.add(SUPPLIER_STAFF, {
        engagementId,
        name: '  Alex   Morgan ',
        email: ' Alex.Morgan@Sandwell.Example ',
        role: 'LEADER_OF_COUNCIL',
      });
      const [la] = await dataSource.query(`SELECT id FROM local_authority WHERE gss_code = $1`, [
        SANDWELL,
      ]);
      expect(added).toMatchObject({
        engagementId,
        programmeId: PROGRAMME,
        localAuthorityId: la.id,
        name: 'Alex Morgan',
        email: 'alex.morgan@sandwell.example',
        role: 'LEADER_OF_COUNCIL',
        createdByUserId: SUPPLIER_STAFF.userId,
        erasedAt: null,
      });
      const [audit] = await dataSource.query(
        `SELECT action, actor_user_id, before, after FROM audit_event WHERE entity_id = $1`,
        [added.id],
      );
      expect(audit).toMatchObject({
        action: 'participant.add',
        actor_user_id: SUPPLIER_STAFF.userId,
        before: null,
        after: {
          name: '[personal data not recorded]',
          email: '[personal data not recorded]',
          role: 'LEADER_OF_COUNCIL',
          engagementId,
        },
      });
    });

    it('lets the programme’s managers and admins add, and takes a participant with no e-mail', async () => {
      const engagementId = await engagement(DUDLEY);
      await sut.add(MANAGER, { ...leader(engagementId), email: null });
      await sut.add(ADMIN, { ...leader(engagementId, 'Sam Lee', ''), role: 'CHIEF_EXECUTIVE' });
      const [participants] = await sut.ofEngagements(MANAGER, [engagementId]);
      expect(participants.map((p) => [p.name, p.email, p.role])).toEqual([
        ['Alex Morgan', null, 'LEADER_OF_COUNCIL'],
        ['Sam Lee', null, 'CHIEF_EXECUTIVE'],
      ]);
    });

    it('answers NOT_FOUND for another supplier’s engagement or another programme’s, and FORBIDDEN to advisers', async () => {
      const engagementId = await engagement(WALSALL);
      await refusedWith(sut.add(OTHER_SUPPLIER_STAFF, leader(engagementId)), ErrorCode.NOT_FOUND);
      await refusedWith(sut.add(OTHER_MANAGER, leader(engagementId)), ErrorCode.NOT_FOUND);
      await refusedWith(sut.add(ADVISER, leader(engagementId)), ErrorCode.FORBIDDEN);
      await refusedWith(sut.add(MANAGER, leader('not-an-id')), ErrorCode.NOT_FOUND);
      expect(await sut.ofEngagements(ADMIN, [engagementId])).toEqual([[]]);
    });

    it('keeps a referred engagement, with no supplier yet, from suppliers', async () => {
      const engagementId = await engagement(WALSALL, null, 'REFERRED');
      await refusedWith(sut.add(SUPPLIER_STAFF, leader(engagementId)), ErrorCode.NOT_FOUND);
      await sut.add(MANAGER, leader(engagementId));
    });

    it('refuses bad input, a closed engagement and the same e-mail twice, writing nothing', async () => {
      const engagementId = await engagement(SANDWELL, A7, 'IN_DELIVERY');
      const before = await dataSource.query('SELECT count(*) FROM participant');
      const refusal = await refusedWith(
        sut.add(MANAGER, { ...leader(engagementId), name: ' ', email: 'alex@' }),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(refusal.details.fields).toEqual([
        { field: 'name', message: 'must be 1 to 200 characters' },
        { field: 'email', message: 'must be an e-mail address like name@example.org' },
      ]);
      const completed = await engagement(DUDLEY, A7, 'COMPLETED');
      await refusedWith(sut.add(MANAGER, leader(completed)), ErrorCode.INVALID_TRANSITION);
      expect(await dataSource.query('SELECT count(*) FROM participant')).toEqual(before);

      await sut.add(MANAGER, leader(engagementId));
      await refusedWith(
        sut.add(MANAGER, leader(engagementId, 'A. Morgan', 'ALEX.MORGAN@sandwell.example')),
        ErrorCode.CONFLICT,
      );
    });
  });

  describe('update', () => {
    it('changes what is given, removes a blank e-mail and audits without personal values', async () => {
      const engagementId = await engagement(DUDLEY, A7, 'IN_DELIVERY');
      const added = await sut.add(
        SUPPLIER_STAFF,
        leader(engagementId, 'Jo Bloggs', 'jo@dudley.example'),
      );
      const renamed = await sut.update(SUPPLIER_STAFF, {
        id: added.id,
        name: ' Jo  Bloggs-Smith ',
      });
      expect(renamed).toMatchObject({ name: 'Jo Bloggs-Smith', email: 'jo@dudley.example' });
      const updated = await sut.update(MANAGER, { id: added.id, email: '', role: 'LEAD_MEMBER' });
      expect(updated).toMatchObject({ name: 'Jo Bloggs-Smith', email: null, role: 'LEAD_MEMBER' });
      const audit: Array<{ before: object; after: object }> = await dataSource.query(
        `SELECT before, after FROM audit_event WHERE entity_id = $1 ORDER BY id`,
        [added.id],
      );
      expect(JSON.stringify(audit)).not.toMatch(/Bloggs|jo@dudley/);
      expect(audit[2].after).toMatchObject({ email: null, role: 'LEAD_MEMBER' });
    });

    it('answers NOT_FOUND outside the caller’s scope and BAD_USER_INPUT for a bad e-mail', async () => {
      const engagementId = await engagement(WALSALL, A7, 'IN_DELIVERY');
      const added = await sut.add(MANAGER, leader(engagementId, 'Pat Doe', 'pat@walsall.example'));
      await refusedWith(
        sut.update(OTHER_SUPPLIER_STAFF, { id: added.id, name: 'X' }),
        ErrorCode.NOT_FOUND,
      );
      await refusedWith(sut.update(ADVISER, { id: added.id, name: 'X' }), ErrorCode.FORBIDDEN);
      await refusedWith(
        sut.update(MANAGER, { id: added.id, email: 'not an address' }),
        ErrorCode.BAD_USER_INPUT,
      );
    });
  });

  describe('erase', () => {
    it('anonymises the person and leaves attendance, cost and the engagement as they were', async () => {
      const engagementId = await engagement(SANDWELL, A7, 'APPROVED');
      const person = await sut.add(
        SUPPLIER_STAFF,
        leader(engagementId, 'Morgan Quill', 'morgan.quill@sandwell.example'),
      );
      // The reference scenario's S4: 75 minutes at £95.00 an hour is £118.75, of 10 hours.
      await app
        .get(CoachingService)
        .allocate(MANAGER, { engagementId, role: 'LEADER_OF_COUNCIL', minutes: 600 });
      const draft = await sessions.recordSession(SUPPLIER_STAFF, {
        engagementIds: [engagementId],
        deliveredOn: '2022-10-03',
        durationMinutes: 75,
        format: 'ONLINE',
        topic: 'Leading through an inspection',
        attendance: [{ role: 'LEADER_OF_COUNCIL', count: 1 }],
      });
      await sessions.submitSession(SUPPLIER_STAFF, draft.id);
      await sessions.approveSession(MANAGER, draft.id);
      const figures = async () => ({
        engagement: await dataSource.query(`SELECT * FROM engagement WHERE id = $1`, [
          engagementId,
        ]),
        session: await dataSource.query(
          `SELECT status, cost_pence, duration_minutes FROM delivery_session WHERE id = $1`,
          [draft.id],
        ),
        attendance: await dataSource.query(
          `SELECT role, count FROM session_attendance WHERE session_id = $1`,
          [draft.id],
        ),
        shares: await dataSource.query(
          `SELECT amount_pence FROM session_cost_share WHERE session_id = $1`,
          [draft.id],
        ),
      });
      const before = await figures();
      expect(before.session).toEqual([
        { status: 'APPROVED', cost_pence: '11875', duration_minutes: 75 },
      ]);
      expect(before.attendance).toEqual([{ role: 'LEADER_OF_COUNCIL', count: 1 }]);

      const erased = await sut.erase(MANAGER, person.id);
      expect(erased).toMatchObject({
        id: person.id,
        name: 'Erased participant',
        email: null,
        role: 'LEADER_OF_COUNCIL',
        engagementId,
        erasedAt: new Date('2024-06-01T12:00:00Z'),
        erasedByUserId: MANAGER.userId,
      });
      expect(await figures()).toEqual(before);

      const [row] = await dataSource.query(`SELECT * FROM participant WHERE id = $1`, [person.id]);
      expect(JSON.stringify(row)).not.toMatch(/Morgan|Quill|morgan\.quill|sandwell\.example/i);
      expect(row).toMatchObject({ name: 'Erased participant', email: null });
      const audit: Array<{ action: string; actor_user_id: string }> = await dataSource.query(
        `SELECT action, actor_user_id, before, after FROM audit_event WHERE entity_type = 'participant' AND entity_id = $1 ORDER BY id`,
        [person.id],
      );
      expect(audit.map((event) => [event.action, event.actor_user_id])).toEqual([
        ['participant.add', SUPPLIER_STAFF.userId],
        ['participant.erase', MANAGER.userId],
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/Morgan|Quill|sandwell\.example/i);
      const everyAuditRow = await dataSource.query(`SELECT before, after FROM audit_event`);
      expect(JSON.stringify(everyAuditRow)).not.toMatch(/Morgan Quill|morgan\.quill/i);
    });

    it('refuses a second erasure, and any change after the first, saying why', async () => {
      const engagementId = await engagement(DUDLEY, A7, 'IN_DELIVERY');
      const person = await sut.add(SUPPLIER_STAFF, leader(engagementId, 'Lee Once', null));
      await sut.erase(SUPPLIER_STAFF, person.id);
      const again = await refusedWith(sut.erase(ADMIN, person.id), ErrorCode.INVALID_TRANSITION);
      expect(again.message).toBe(
        'This participant was erased at 2024-06-01T12:00:00.000Z: their name and e-mail are gone, and nothing is left to erase or change.',
      );
      await refusedWith(
        sut.update(ADMIN, { id: person.id, name: 'Lee Once' }),
        ErrorCode.INVALID_TRANSITION,
      );
    });

    it('answers NOT_FOUND outside the caller’s scope and FORBIDDEN to advisers', async () => {
      const engagementId = await engagement(WALSALL, OTHER_A7, 'IN_DELIVERY');
      const person = await sut.add(
        OTHER_SUPPLIER_STAFF,
        leader(engagementId, 'Kim Else', 'kim@walsall.example'),
      );
      await refusedWith(sut.erase(SUPPLIER_STAFF, person.id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.erase(OTHER_MANAGER, person.id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.erase(ADVISER, person.id), ErrorCode.FORBIDDEN);
      await refusedWith(sut.erase(MANAGER, 'not-an-id'), ErrorCode.NOT_FOUND);
      const [row] = await dataSource.query(
        `SELECT name, erased_at FROM participant WHERE id = $1`,
        [person.id],
      );
      expect(row).toEqual({ name: 'Kim Else', erased_at: null });
    });
  });

  describe('list and ofEngagements', () => {
    it('lists by LA within the caller’s scope, filtered and paged', async () => {
      const own = await engagement(WALSALL, A7, 'IN_DELIVERY');
      const theirs = await engagement(DUDLEY, OTHER_A7, 'IN_DELIVERY');
      await sut.add(SUPPLIER_STAFF, leader(own, 'Page One', 'one@walsall.example'));
      await sut.add(SUPPLIER_STAFF, leader(own, 'Page Two', 'two@walsall.example'));
      await sut.add(OTHER_SUPPLIER_STAFF, leader(theirs, 'Page Three', 'three@dudley.example'));

      const mine = await sut.list(SUPPLIER_STAFF, { engagementId: own }, { first: 1 });
      expect(mine.totalCount).toBe(2);
      expect(mine.hasNextPage).toBe(true);
      const next = await sut.list(
        SUPPLIER_STAFF,
        { engagementId: own },
        { first: 1, after: mine.edges[0].cursor },
      );
      expect([...mine.edges, ...next.edges].map((edge) => edge.node.name).sort()).toEqual([
        'Page One',
        'Page Two',
      ]);
      expect(next.hasNextPage).toBe(false);

      expect((await sut.list(SUPPLIER_STAFF, { engagementId: theirs }, {})).totalCount).toBe(0);
      expect((await sut.list(MANAGER, { engagementId: theirs }, {})).totalCount).toBe(1);
      const dudley = await sut.list(
        ADMIN,
        { localAuthorityCode: DUDLEY, programmeId: PROGRAMME },
        { first: 100 },
      );
      const [dudleyId] = await dataSource.query(
        `SELECT id FROM local_authority WHERE gss_code = $1`,
        [DUDLEY],
      );
      expect(dudley.edges.map((edge) => edge.node.name)).toContain('Page Three');
      expect(dudley.edges.every((edge) => edge.node.localAuthorityId === dudleyId.id)).toBe(true);
      expect((await sut.list(OTHER_MANAGER, {}, {})).totalCount).toBe(0);
      await refusedWith(sut.list(ADVISER, {}, {}), ErrorCode.FORBIDDEN);
      await refusedWith(sut.ofEngagements(ADVISER, [own]), ErrorCode.FORBIDDEN);
      await refusedWith(sut.list(MANAGER, { programmeId: 'x' }, {}), ErrorCode.BAD_USER_INPUT);
      await refusedWith(sut.list(MANAGER, {}, { after: 'forged' }), ErrorCode.BAD_USER_INPUT);
    });
  });

  describe('eraseEndedProgrammes', () => {
    it('counts on a dry run, then erases the participants of programmes past retention only, once', async () => {
      const ended = await engagement(SANDWELL, ENDED_A7, 'IN_DELIVERY');
      const first = await sut.add(ADMIN, leader(ended, 'Old One', 'old.one@sandwell.example'));
      await sut.add(ADMIN, leader(ended, 'Old Two', 'old.two@sandwell.example'));
      const running = await dataSource.query(
        `SELECT count(*) FROM participant WHERE programme_id = $1 AND erased_at IS NULL`,
        [PROGRAMME],
      );
      const auditBefore = await dataSource.query(`SELECT count(*) FROM audit_event`);

      // Ended 2023-03-31; kept 12 months, to 2024-03-31: due on 2024-04-01, not the day before.
      const notYet = await sut.eraseEndedProgrammes({
        asOf: '2024-03-31',
        retentionMonths: 12,
        dryRun: true,
      });
      expect(notYet).toMatchObject({ programmes: [], participants: 0 });

      const dryRun = await sut.eraseEndedProgrammes({
        asOf: '2024-04-01',
        retentionMonths: 12,
        dryRun: true,
      });
      expect(dryRun).toEqual({
        asOf: '2024-04-01',
        retentionMonths: 12,
        dryRun: true,
        programmes: [
          { programmeId: ENDED_PROGRAMME, endsOn: '2023-03-31', keptUntil: '2024-03-31' },
        ],
        participants: 2,
      });
      expect(await dataSource.query(`SELECT count(*) FROM audit_event`)).toEqual(auditBefore);

      const done = await sut.eraseEndedProgrammes({
        asOf: '2024-04-01',
        retentionMonths: 12,
        dryRun: false,
      });
      expect(done.participants).toBe(2);
      const rows = await dataSource.query(
        `SELECT name, email, erased_by_user_id FROM participant WHERE programme_id = $1`,
        [ENDED_PROGRAMME],
      );
      expect(rows).toEqual([
        { name: 'Erased participant', email: null, erased_by_user_id: null },
        { name: 'Erased participant', email: null, erased_by_user_id: null },
      ]);
      expect(
        await dataSource.query(
          `SELECT count(*) FROM participant WHERE programme_id = $1 AND erased_at IS NULL`,
          [PROGRAMME],
        ),
      ).toEqual(running);
      const [audit] = await dataSource.query(
        `SELECT action, actor_user_id, before, after FROM audit_event WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [first.id],
      );
      expect(audit).toMatchObject({ action: 'participant.erase', actor_user_id: null });
      expect(JSON.stringify(audit)).not.toMatch(/Old One|old\.one/);

      const again = await sut.eraseEndedProgrammes({
        asOf: '2024-04-01',
        retentionMonths: 12,
        dryRun: false,
      });
      expect(again.participants).toBe(0);
    });

    it('refuses a retention period out of range', async () => {
      await refusedWith(
        sut.eraseEndedProgrammes({ asOf: '2024-04-01', retentionMonths: -1, dryRun: true }),
        ErrorCode.BAD_USER_INPUT,
      );
    });
  });
});
