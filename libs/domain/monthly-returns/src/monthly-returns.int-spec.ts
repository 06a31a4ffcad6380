import type { INestApplicationContext } from '@nestjs/common';
import {
  Contract,
  Lot,
  Programme,
  programmeEntities,
  Supplier,
} from '@la-tracker/domain/programmes';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role, type Caller } from '@la-tracker/platform/auth';
import { type DomainError, ErrorCode } from '@la-tracker/platform/errors';
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
import { FixedClock } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import { monthlyReturnEntities } from './monthly-returns.entities';
import { MonthlyReturnsModule } from './monthly-returns.module';
import { MonthlyReturnsService, type MonthlyReturnSubmission } from './monthly-returns.service';

const PROGRAMME = 'a2000000-0000-4000-8000-000000000001';
const OTHER_PROGRAMME = 'a2000000-0000-4000-8000-000000000002';
const SUPPLIER = 'b2000000-0000-4000-8000-000000000001';
const OTHER_SUPPLIER = 'b2000000-0000-4000-8000-000000000002';
/** Contracted in the programme from January 2023 only. */
const LATE_SUPPLIER = 'b2000000-0000-4000-8000-000000000003';
const LOT_1 = 'c2000000-0000-4000-8000-000000000001';
const OTHER_LOT_1 = 'c2000000-0000-4000-8000-000000000002';

const MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: PROGRAMME })],
  'e2000000-0000-4000-8000-000000000001',
);
const OTHER_MANAGER = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: OTHER_PROGRAMME })],
  'e2000000-0000-4000-8000-000000000002',
);
const ADMIN = callerWith([grant(Role.ADMIN)], 'e2000000-0000-4000-8000-000000000003');
const SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: SUPPLIER })],
  'e2000000-0000-4000-8000-000000000004',
);
const OTHER_SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: OTHER_SUPPLIER })],
  'e2000000-0000-4000-8000-000000000005',
);
const LATE_SUPPLIER_STAFF = callerWith(
  [grant(Role.SUPPLIER, { supplierId: LATE_SUPPLIER })],
  'e2000000-0000-4000-8000-000000000006',
);
const TWO_SUPPLIERS_STAFF = callerWith(
  [
    grant(Role.SUPPLIER, { supplierId: SUPPLIER }),
    grant(Role.SUPPLIER, { supplierId: OTHER_SUPPLIER }),
  ],
  'e2000000-0000-4000-8000-000000000007',
);
const ADVISER = callerWith(
  [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })],
  'e2000000-0000-4000-8000-000000000008',
);

describe('MonthlyReturnsService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: MonthlyReturnsService;
  let dataSource: DataSource;
  const clock = new FixedClock(new Date('2024-06-01T12:00:00Z'));
  const at = (instant: string) => clock.set(new Date(instant));

  const writes = async () => ({
    returns: await dataSource.query('SELECT * FROM monthly_return ORDER BY id'),
    audit: await dataSource.query('SELECT count(*) FROM audit_event'),
  });

  const submission = (month: string, programmeId = PROGRAMME): MonthlyReturnSubmission => ({
    programmeId,
    month,
    sessionsDelivered: 3,
    participants: 17,
    spendPence: 375_000,
    note: 'Cohort 2 began',
  });

  async function givenProgrammes(): Promise<void> {
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
    await dataSource.getRepository(Lot).insert([
      { id: LOT_1, programmeId: PROGRAMME, number: 1, title: 'Lot 1', validFrom: '2021-05-31' },
      {
        id: OTHER_LOT_1,
        programmeId: OTHER_PROGRAMME,
        number: 1,
        title: 'Lot 1',
        validFrom: '2021-05-31',
      },
    ]);
    await dataSource.getRepository(Supplier).insert([
      { id: SUPPLIER, name: 'North Star Leadership Ltd', nameKey: 'north star leadership ltd' },
      { id: OTHER_SUPPLIER, name: 'Elsewhere Ltd', nameKey: 'elsewhere ltd' },
      { id: LATE_SUPPLIER, name: 'Latecomers LLP', nameKey: 'latecomers llp' },
    ]);
    const contract = { valuePence: 50_000_000, startsOn: '2021-05-31', endsOn: '2024-03-31' };
    await dataSource.getRepository(Contract).insert([
      { ...contract, programmeId: PROGRAMME, supplierId: SUPPLIER, lotId: LOT_1, reference: 'A1' },
      {
        ...contract,
        programmeId: PROGRAMME,
        supplierId: LATE_SUPPLIER,
        lotId: LOT_1,
        reference: 'L1',
        startsOn: '2023-01-01',
      },
      {
        ...contract,
        programmeId: OTHER_PROGRAMME,
        supplierId: OTHER_SUPPLIER,
        lotId: OTHER_LOT_1,
        reference: 'B1',
      },
    ]);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...programmeEntities, ...monthlyReturnEntities, AuditEvent],
      imports: [MonthlyReturnsModule],
      clock,
    });
    sut = app.get(MonthlyReturnsService);
    dataSource = app.get(DataSource);
    await givenProgrammes();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('submit', () => {
    it('records a first submission on the day it is due, on time, audited', async () => {
      at('2023-01-09T10:00:00Z');
      const submitted = await sut.submit(SUPPLIER_STAFF, submission('2022-12'));
      expect(submitted).toMatchObject({
        programmeId: PROGRAMME,
        supplierId: SUPPLIER,
        month: '2022-12',
        status: 'SUBMITTED',
        sessionsDelivered: 3,
        participants: 17,
        spendPence: 375_000,
        note: 'Cohort 2 began',
        returnReason: null,
        dueOn: '2023-01-09',
        submittedOn: '2023-01-09',
        late: false,
        submittedByUserId: SUPPLIER_STAFF.userId,
        decidedAt: null,
      });
      const [stored] = await dataSource.query(
        `SELECT month::text FROM monthly_return WHERE id = $1`,
        [submitted.id],
      );
      expect(stored.month).toBe('2022-12-01');
      const [audit] = await dataSource.query(
        `SELECT action, entity_type, programme_id, before, after FROM audit_event WHERE entity_id = $1`,
        [submitted.id],
      );
      expect(audit).toMatchObject({
        action: 'monthly-return.submit',
        entity_type: 'monthly_return',
        programme_id: PROGRAMME,
        before: null,
        after: { status: 'SUBMITTED', month: '2022-12', spendPence: 375_000 },
      });
    });

    it('judges lateness on the date in England', async () => {
      // 23:30 UTC on the day it is due is 00:30 the next day in England (summer time).
      at('2023-05-09T23:30:00Z');
      const submitted = await sut.submit(LATE_SUPPLIER_STAFF, submission('2023-04'));
      expect(submitted).toMatchObject({
        dueOn: '2023-05-09',
        submittedOn: '2023-05-10',
        late: true,
      });
    });

    it('refuses a return already submitted or accepted with CONFLICT, saying which, writing nothing', async () => {
      at('2022-12-01T09:00:00Z');
      const first = await sut.submit(SUPPLIER_STAFF, submission('2022-11'));
      const before = await writes();
      const again = await refusedWith(
        sut.submit(SUPPLIER_STAFF, { ...submission('2022-11'), participants: 20 }),
        ErrorCode.CONFLICT,
      );
      expect(again.message).toBe(
        "The return for 2022-11 has been SUBMITTED already: it waits for the programme's decision.",
      );
      expect(await writes()).toEqual(before);

      await sut.accept(MANAGER, first.id);
      const accepted = await writes();
      const afterAcceptance = await refusedWith(
        sut.submit(SUPPLIER_STAFF, submission('2022-11')),
        ErrorCode.CONFLICT,
      );
      expect(afterAcceptance.message).toBe(
        'The return for 2022-11 has been ACCEPTED: it cannot change.',
      );
      expect(await writes()).toEqual(accepted);
    });

    it('takes one of two submissions made at once, and refuses the other with CONFLICT', async () => {
      at('2022-10-03T09:00:00Z');
      const results = await Promise.allSettled([
        sut.submit(SUPPLIER_STAFF, submission('2022-09')),
        sut.submit(SUPPLIER_STAFF, submission('2022-09')),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const [refusal] = results.filter((result) => result.status === 'rejected');
      expect(refusal.reason).toMatchObject({ code: ErrorCode.CONFLICT });
      const [{ count }] = await dataSource.query(
        `SELECT count(*)::int AS count FROM monthly_return WHERE month = '2022-09-01'`,
      );
      expect(count).toBe(1);
    });

    it('refuses the current month and later, judged in England', async () => {
      // 23:30 UTC on 31 March 2023 is already 1 April in England: March has ended.
      at('2023-03-31T23:30:00Z');
      await expect(sut.submit(SUPPLIER_STAFF, submission('2023-03'))).resolves.toMatchObject({
        status: 'SUBMITTED',
      });
      const before = await writes();
      const error = await refusedWith(
        sut.submit(SUPPLIER_STAFF, submission('2023-04')),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(error.message).toBe(
        'Invalid input. input.month: must be a month that has ended: a return for 2023-04 may be made from 2023-05-01.',
      );
      await refusedWith(
        sut.submit(SUPPLIER_STAFF, submission('2023-07')),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(await writes()).toEqual(before);
    });

    it('refuses bad figures field by field, writing nothing', async () => {
      at('2023-06-01T09:00:00Z');
      const before = await writes();
      const error = await refusedWith(
        sut.submit(SUPPLIER_STAFF, {
          ...submission('2022-13'),
          sessionsDelivered: 1.5,
          participants: -1,
          spendPence: -100,
          note: 'x'.repeat(2001),
        }),
        ErrorCode.BAD_USER_INPUT,
      );
      expect((error as DomainError & { fields: unknown[] }).fields).toEqual([
        { field: 'input.month', message: 'must be a month written YYYY-MM, e.g. 2022-12' },
        { field: 'input.sessionsDelivered', message: 'must be a whole number, not negative' },
        { field: 'input.participants', message: 'must be a whole number, not negative' },
        { field: 'input.spend', message: 'must be an amount of money, not negative' },
        { field: 'input.note', message: 'must be at most 2000 characters' },
      ]);
      expect(await writes()).toEqual(before);
    });

    it("refuses a month outside the programme or the supplier's contracts", async () => {
      at('2023-06-01T09:00:00Z');
      const outside = await refusedWith(
        sut.submit(SUPPLIER_STAFF, submission('2021-04')),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(outside.message).toContain(
        'input.month: Programme 1 runs from 2021-05-31 to 2024-03-31, not in 2021-04',
      );
      const uncontracted = await refusedWith(
        sut.submit(LATE_SUPPLIER_STAFF, submission('2022-12')),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(uncontracted.message).toContain(
        'input.month: no contract of the supplier in the programme runs in 2022-12',
      );
    });

    it('answers NOT_FOUND for a programme the supplier holds no contract in, as for one that does not exist', async () => {
      at('2023-06-01T09:00:00Z');
      await refusedWith(
        sut.submit(OTHER_SUPPLIER_STAFF, submission('2022-12')),
        ErrorCode.NOT_FOUND,
      );
      await refusedWith(
        sut.submit(SUPPLIER_STAFF, submission('2022-12', 'a2000000-0000-4000-8000-0000000000ff')),
        ErrorCode.NOT_FOUND,
      );
      await refusedWith(
        sut.submit(SUPPLIER_STAFF, submission('2022-12', 'not-an-id')),
        ErrorCode.NOT_FOUND,
      );
    });

    it('is for supplier staff: a manager, an admin or an adviser is FORBIDDEN', async () => {
      for (const who of [MANAGER, ADMIN, ADVISER])
        await refusedWith(sut.submit(who, submission('2022-12')), ErrorCode.FORBIDDEN);
    });

    it('asks staff of two suppliers which one the return is for', async () => {
      at('2022-09-01T09:00:00Z');
      const error = await refusedWith(
        sut.submit(TWO_SUPPLIERS_STAFF, submission('2022-08')),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(error.message).toContain(
        'input.supplierId: must be given: you are on the staff of more than one supplier',
      );
      await refusedWith(
        sut.submit(TWO_SUPPLIERS_STAFF, { ...submission('2022-08'), supplierId: LATE_SUPPLIER }),
        ErrorCode.NOT_FOUND,
      );
      await expect(
        sut.submit(TWO_SUPPLIERS_STAFF, { ...submission('2022-08'), supplierId: SUPPLIER }),
      ).resolves.toMatchObject({ supplierId: SUPPLIER, month: '2022-08' });
    });
  });

  describe('accept and return', () => {
    it('runs submit → return → resubmit → accept, each step audited', async () => {
      at('2022-11-03T09:00:00Z');
      const first = await sut.submit(SUPPLIER_STAFF, submission('2022-10'));
      at('2022-11-10T09:00:00Z');
      const returned = await sut.returnToSupplier(
        MANAGER,
        first.id,
        ' Spend does not match the sessions approved ',
      );
      expect(returned).toMatchObject({
        status: 'RETURNED',
        returnReason: 'Spend does not match the sessions approved',
        decidedAt: new Date('2022-11-10T09:00:00Z'),
        decidedByUserId: MANAGER.userId,
      });

      at('2022-11-20T09:00:00Z');
      const resubmitted = await sut.submit(SUPPLIER_STAFF, {
        ...submission('2022-10'),
        spendPence: 250_000,
        note: null,
      });
      expect(resubmitted).toMatchObject({
        id: first.id,
        status: 'SUBMITTED',
        spendPence: 250_000,
        note: null,
        submittedAt: new Date('2022-11-20T09:00:00Z'),
        // Judged on the first submission, on time; the reason stays for the reviewer.
        submittedOn: '2022-11-03',
        dueOn: '2022-11-07',
        late: false,
        returnReason: 'Spend does not match the sessions approved',
      });

      const accepted = await sut.accept(ADMIN, first.id);
      expect(accepted).toMatchObject({ status: 'ACCEPTED', decidedByUserId: ADMIN.userId });

      const events: Array<{ action: string; before: any; after: any }> = await dataSource.query(
        `SELECT action, before, after FROM audit_event WHERE entity_id = $1 ORDER BY id`,
        [first.id],
      );
      expect(events.map((event) => event.action)).toEqual([
        'monthly-return.submit',
        'monthly-return.return',
        'monthly-return.resubmit',
        'monthly-return.accept',
      ]);
      expect(events[2].before).toMatchObject({ status: 'RETURNED', spendPence: 375_000 });
      expect(events[2].after).toMatchObject({ status: 'SUBMITTED', spendPence: 250_000 });
    });

    it('refuses moves the states do not allow with INVALID_TRANSITION, writing nothing', async () => {
      at('2022-08-01T09:00:00Z');
      const accepted = await sut.submit(SUPPLIER_STAFF, submission('2022-07'));
      await sut.accept(MANAGER, accepted.id);
      const returned = await sut.submit(SUPPLIER_STAFF, submission('2022-06'));
      await sut.returnToSupplier(MANAGER, returned.id, 'Participants missing');
      const before = await writes();

      const error = await refusedWith(
        sut.accept(MANAGER, accepted.id),
        ErrorCode.INVALID_TRANSITION,
      );
      expect(error.message).toBe(
        'This return is ACCEPTED: only a SUBMITTED return can be accepted.',
      );
      await refusedWith(
        sut.returnToSupplier(MANAGER, accepted.id, 'Too late'),
        ErrorCode.INVALID_TRANSITION,
      );
      await refusedWith(sut.accept(MANAGER, returned.id), ErrorCode.INVALID_TRANSITION);
      const again = await refusedWith(
        sut.returnToSupplier(MANAGER, returned.id, 'Again'),
        ErrorCode.INVALID_TRANSITION,
      );
      expect(again.message).toBe(
        'This return is RETURNED: only a SUBMITTED return can be sent back.',
      );
      expect(await writes()).toEqual(before);
    });

    it('answers NOT_FOUND to those who cannot see it and FORBIDDEN to its supplier', async () => {
      at('2022-06-01T09:00:00Z');
      const submitted = await sut.submit(SUPPLIER_STAFF, submission('2022-05'));
      const before = await writes();
      for (const who of [OTHER_MANAGER, OTHER_SUPPLIER_STAFF, ADVISER])
        await refusedWith(sut.accept(who, submitted.id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.accept(SUPPLIER_STAFF, submitted.id), ErrorCode.FORBIDDEN);
      await refusedWith(
        sut.returnToSupplier(SUPPLIER_STAFF, submitted.id, 'No'),
        ErrorCode.FORBIDDEN,
      );
      await refusedWith(sut.accept(MANAGER, 'not-an-id'), ErrorCode.NOT_FOUND);
      await refusedWith(
        sut.accept(MANAGER, 'f2000000-0000-4000-8000-0000000000ff'),
        ErrorCode.NOT_FOUND,
      );
      await refusedWith(
        sut.returnToSupplier(MANAGER, submitted.id, '  '),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(await writes()).toEqual(before);
    });
  });

  describe('list and get', () => {
    it('shows supplier staff their own, managers their programmes’, admins all, advisers none', async () => {
      // Financial year 2021-22 is this test's alone.
      at('2021-10-01T09:00:00Z');
      const ours = [];
      for (const month of ['2021-06', '2021-07', '2021-08', '2021-09'])
        ours.push(await sut.submit(SUPPLIER_STAFF, submission(month)));
      const theirs = await sut.submit(OTHER_SUPPLIER_STAFF, submission('2021-06', OTHER_PROGRAMME));
      const ids = async (who: Caller) =>
        (await sut.list(who, { financialYear: '2021-22' }, {})).edges.map((edge) => edge.node.id);

      const oursNewestFirst = ours.map((r) => r.id).reverse();
      expect(await ids(MANAGER)).toEqual(oursNewestFirst);
      expect(await ids(SUPPLIER_STAFF)).toEqual(oursNewestFirst);
      expect(await ids(OTHER_MANAGER)).toEqual([theirs.id]);
      expect(await ids(OTHER_SUPPLIER_STAFF)).toEqual([theirs.id]);
      expect((await ids(ADMIN)).sort()).toEqual([...oursNewestFirst, theirs.id].sort());
      expect(await ids(ADVISER)).toEqual([]);

      await expect(sut.get(MANAGER, ours[0].id)).resolves.toMatchObject({
        month: '2021-06',
        dueOn: '2021-07-07',
        submittedOn: '2021-10-01',
        late: true,
      });
      await refusedWith(sut.get(OTHER_SUPPLIER_STAFF, ours[0].id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.get(OTHER_MANAGER, ours[0].id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.get(ADVISER, ours[0].id), ErrorCode.NOT_FOUND);
      await refusedWith(sut.get(MANAGER, 'not-an-id'), ErrorCode.NOT_FOUND);
    });

    it('filters by programme, supplier, status, month and year, and pages newest month first', async () => {
      // Financial year 2023-24, for this supplier, is this test's alone.
      at('2024-03-15T09:00:00Z');
      const months = ['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10'];
      const made = [];
      for (const month of months) made.push(await sut.submit(SUPPLIER_STAFF, submission(month)));
      for (const record of made.slice(0, 2)) await sut.accept(MANAGER, record.id);
      const filter = { programmeId: PROGRAMME, supplierId: SUPPLIER, financialYear: '2023-24' };

      const first = await sut.list(MANAGER, filter, { first: 4 });
      expect(first.totalCount).toBe(6);
      expect(first.hasNextPage).toBe(true);
      const next = await sut.list(MANAGER, filter, { first: 4, after: first.edges[3].cursor });
      expect(next.hasNextPage).toBe(false);
      expect([...first.edges, ...next.edges].map((edge) => edge.node.month)).toEqual(
        [...months].reverse(),
      );

      const accepted = await sut.list(MANAGER, { ...filter, status: ['ACCEPTED'] }, {});
      expect(accepted.edges.map((edge) => edge.node.month)).toEqual(['2023-06', '2023-05']);
      const one = await sut.list(MANAGER, { ...filter, month: '2023-07' }, {});
      expect(one.edges.map((edge) => edge.node.id)).toEqual([made[2].id]);
      const neither = await sut.list(MANAGER, { ...filter, month: '2022-07' }, {});
      expect(neither.totalCount).toBe(0);

      const error = await refusedWith(
        sut.list(
          MANAGER,
          { programmeId: 'x', month: '2023-7', financialYear: '2023-2024' },
          { first: 101 },
        ),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(error.message).toBe(
        'Invalid input. filter.programmeId: is not an id; filter.month: must be written like 2022-12; filter.financialYear: must be written like 2022-23.',
      );
    });
  });
});
