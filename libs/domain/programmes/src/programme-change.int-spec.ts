import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { AppUser, identityEntities } from '@la-tracker/domain/identity';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role, type Caller } from '@la-tracker/platform/auth';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '@la-tracker/platform/errors';
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
import { ContractChangeService } from './contract-change.service';
import { DEFAULT_LOTS, DEFAULT_PROGRAMME } from './default-programme';
import { lotOf } from './lot.rules';
import { ProgrammeChangeService, type NewProgramme } from './programme-change.service';
import { programmeEntities } from './programmes.entities';
import { ProgrammesModule } from './programmes.module';
import { ProgrammesService } from './programmes.service';
import { SupplierChangeService } from './supplier-change.service';

const DEFAULT = DEFAULT_PROGRAMME.id;
const admin = callerWith([grant(Role.ADMIN)], randomUUID());
const supplierStaff = callerWith(
  [grant(Role.SUPPLIER, { supplierId: randomUUID() })],
  randomUUID(),
);
const UNIVERSAL = [
  'POLITICAL_LEADERSHIP',
  'CORPORATE_LEADERSHIP',
  'LEAD_MEMBER_NETWORKS',
  'COUNCILLOR_GROUPS',
] as const;
const TARGETED = [
  'CORPORATE_PARENTING_DIAGNOSTIC',
  'TARGETED_SUPPORT',
  'COACHING_MENTORING',
] as const;
const AWARD = [
  { number: 1, title: 'A Universal Offer', serviceLines: [...UNIVERSAL] },
  { number: 2, title: 'A Targeted Support Offer', serviceLines: [...TARGETED] },
];

const newProgramme: NewProgramme = {
  name: 'Coaching for new leaders',
  contractingAuthority: 'Department for Education',
  startsOn: '2024-04-01',
  endsOn: '2026-03-31',
  budgetPence: 300_000_00,
};

describe('ProgrammeChangeService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: ProgrammeChangeService;
  let programmes: ProgrammesService;
  let dataSource: DataSource;

  /** The rows any change writes, to show that a refusal wrote none. */
  async function counts(): Promise<unknown> {
    return (
      await dataSource.query(
        `SELECT (SELECT count(*) FROM programme)::int AS programmes,
                (SELECT count(*) FROM budget_allocation)::int AS allocations,
                (SELECT count(*) FROM programme_service_line)::int AS lines,
                (SELECT count(*) FROM lot)::int AS lots,
                (SELECT count(*) FROM lot WHERE valid_to IS NOT NULL)::int AS ended,
                (SELECT count(*) FROM service_line_target)::int AS targets,
                (SELECT count(*) FROM role_assignment)::int AS assignments,
                (SELECT count(*) FROM audit_event)::int AS audit,
                (SELECT string_agg(concat_ws(',', name, budget_pence, starts_on, ends_on), ';' ORDER BY id) FROM programme) AS terms`,
      )
    )[0];
  }

  const audited = (action: string) =>
    dataSource.query<
      Array<{
        actor_user_id: string | null;
        entity_id: string;
        programme_id: string;
        before: unknown;
        after: unknown;
      }>
    >(
      `SELECT actor_user_id, entity_id, programme_id, before, after FROM audit_event WHERE action = $1 ORDER BY id`,
      [action],
    );

  /** A manager who signs in here (their assignments need their record). */
  async function manager(...programmeIds: string[]): Promise<Caller> {
    const user = await dataSource.getRepository(AppUser).save({
      issuer: 'test',
      subject: randomUUID(),
      email: null,
      displayName: null,
    });
    return callerWith(
      programmeIds.length > 0
        ? programmeIds.map((programmeId) => grant(Role.PROGRAMME_MANAGER, { programmeId }))
        : [grant(Role.PROGRAMME_MANAGER)],
      user.id,
    );
  }

  const problemFields = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).fields.map((problem) => problem.field);
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...localAuthorityEntities, ...identityEntities, ...programmeEntities, AuditEvent],
      imports: [ProgrammesModule],
    });
    sut = app.get(ProgrammeChangeService);
    programmes = app.get(ProgrammesService);
    dataSource = app.get(DataSource);
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  describe('createProgramme', () => {
    it('gives a programme all seven service lines and a lot for each when none are named', async () => {
      const created = await sut.createProgramme(admin, newProgramme);
      const [lines] = await programmes.serviceLinesOf([created.id]);
      expect(lines.map((line) => [line.serviceLine, line.name])).toEqual([
        ['POLITICAL_LEADERSHIP', 'Leadership development for political leaders'],
        ['CORPORATE_LEADERSHIP', 'Learning and development for corporate leaders'],
        ['LEAD_MEMBER_NETWORKS', 'Regional Lead Member networks'],
        ['CORPORATE_PARENTING_DIAGNOSTIC', 'Corporate parenting diagnostic'],
        ['COUNCILLOR_GROUPS', 'Facilitated learning for groups of councillors'],
        ['TARGETED_SUPPORT', 'Targeted support for selected LAs'],
        ['COACHING_MENTORING', 'Coaching and mentoring for individual leaders'],
      ]);
      const [lots] = await programmes.lotsOf([created.id]);
      expect(lots.map((lot) => [lot.number, lot.title, lot.validFrom, lot.serviceLines])).toEqual([
        [1, 'Leadership development for political leaders', '2024-04-01', ['POLITICAL_LEADERSHIP']],
        [
          2,
          'Learning and development for corporate leaders',
          '2024-04-01',
          ['CORPORATE_LEADERSHIP'],
        ],
        [3, 'Regional Lead Member networks', '2024-04-01', ['LEAD_MEMBER_NETWORKS']],
        [4, 'Corporate parenting diagnostic', '2024-04-01', ['CORPORATE_PARENTING_DIAGNOSTIC']],
        [5, 'Facilitated learning for groups of councillors', '2024-04-01', ['COUNCILLOR_GROUPS']],
        [6, 'Targeted support for selected LAs', '2024-04-01', ['TARGETED_SUPPORT']],
        [7, 'Coaching and mentoring for individual leaders', '2024-04-01', ['COACHING_MENTORING']],
      ]);
      expect(await dataSource.query('SELECT count(*)::int AS n FROM role_assignment')).toEqual([
        { n: 0 },
      ]);
    });

    it('takes the service lines, lots and allocations given, trimmed, and audits them', async () => {
      const created = await sut.createProgramme(admin, {
        ...newProgramme,
        name: '  Coaching for new leaders ',
        budgetAllocations: [
          { financialYear: '2024-25', amountPence: 100_000_00 },
          { financialYear: '2025-26', amountPence: 200_000_00 },
        ],
        serviceLines: [
          { code: 'COACHING_MENTORING', name: ' One to one ' },
          { code: 'TARGETED_SUPPORT' },
        ],
        lots: [
          {
            number: 3,
            title: ' Support ',
            serviceLines: ['COACHING_MENTORING', 'TARGETED_SUPPORT'],
          },
        ],
      });
      expect(created).toMatchObject({ name: 'Coaching for new leaders', budgetPence: 300_000_00 });
      const [lots] = await programmes.lotsOf([created.id]);
      expect(lots.map((lot) => [lot.number, lot.title, lot.serviceLines])).toEqual([
        [3, 'Support', ['TARGETED_SUPPORT', 'COACHING_MENTORING']],
      ]);
      expect(await audited('programme.create')).toEqual([
        expect.anything(), // the seeded default programme
        {
          actor_user_id: admin.userId,
          entity_id: created.id,
          programme_id: created.id,
          before: null,
          after: {
            name: 'Coaching for new leaders',
            contractingAuthority: 'Department for Education',
            startsOn: '2024-04-01',
            endsOn: '2026-03-31',
            budgetPence: 300_000_00,
            budgetAllocations: [
              { financialYear: '2024-25', amountPence: 100_000_00 },
              { financialYear: '2025-26', amountPence: 200_000_00 },
            ],
            serviceLines: [
              { code: 'COACHING_MENTORING', name: 'One to one' },
              { code: 'TARGETED_SUPPORT', name: 'Targeted support for selected LAs' },
            ],
            lots: [
              {
                number: 3,
                title: 'Support',
                serviceLines: ['TARGETED_SUPPORT', 'COACHING_MENTORING'],
              },
            ],
          },
        },
      ]);
    });

    it('assigns a manager to the programme they create, and audits that too', async () => {
      const creator = await manager();
      const created = await sut.createProgramme(creator, newProgramme);
      expect(
        await dataSource.query(
          'SELECT role, programme_id FROM role_assignment WHERE user_id = $1 AND programme_id IS NOT NULL',
          [creator.userId],
        ),
      ).toEqual([{ role: 'PROGRAMME_MANAGER', programme_id: created.id }]);
      expect(await audited('role-assignment.assign')).toEqual([
        {
          actor_user_id: creator.userId,
          entity_id: creator.userId,
          programme_id: created.id,
          before: null,
          after: { role: 'PROGRAMME_MANAGER', programmeId: created.id },
        },
      ]);
    });

    it('answers CONFLICT for a name taken, whatever its case, and writes nothing', async () => {
      const before = await counts();
      await expect(
        sut.createProgramme(admin, {
          ...newProgramme,
          name: 'local authority and political leadership support',
        }),
      ).rejects.toThrow(ConflictError);
      expect(await counts()).toEqual(before);
    });

    it('refuses bad terms field by field, and writes nothing', async () => {
      const before = await counts();
      expect(
        await problemFields(
          sut.createProgramme(await manager(), {
            ...newProgramme,
            name: ' ',
            endsOn: '2024-03-31',
            budgetPence: -1,
            lots: [{ number: 1, title: 'Half', serviceLines: ['POLITICAL_LEADERSHIP'] }],
          }),
        ),
      ).toEqual(['input.name', 'input.endsOn', 'input.budget', 'input.lots']);
      expect(
        await problemFields(
          sut.createProgramme(admin, {
            ...newProgramme,
            serviceLines: [{ code: 'COACHING_MENTORING' }, { code: 'COACHING_MENTORING' }],
            lots: [],
          }),
        ),
      ).toEqual(['input.serviceLines[1].code']);
      expect(await counts()).toEqual(before);
    });

    it('refuses supplier staff', async () => {
      await expect(sut.createProgramme(supplierStaff, newProgramme)).rejects.toThrow(
        ForbiddenError,
      );
    });
  });

  describe('updateProgramme', () => {
    it('changes the terms given, replaces allocations, and audits before and after', async () => {
      const updated = await sut.updateProgramme(admin, {
        programmeId: DEFAULT,
        budgetPence: 5_300_000_00,
        endsOn: '2025-03-31',
        budgetAllocations: [{ financialYear: '2024-25', amountPence: 1_000_000_00 }],
      });
      expect(updated).toMatchObject({
        name: 'Local Authority and Political Leadership Support',
        endsOn: '2025-03-31',
        budgetPence: 5_300_000_00,
      });
      const [entry] = await audited('programme.update');
      expect(entry).toEqual({
        actor_user_id: admin.userId,
        entity_id: DEFAULT,
        programme_id: DEFAULT,
        before: {
          name: 'Local Authority and Political Leadership Support',
          contractingAuthority: 'Department for Education',
          startsOn: '2021-05-31',
          endsOn: '2024-03-31',
          budgetPence: 1_400_000_00,
          budgetAllocations: [],
        },
        after: {
          name: 'Local Authority and Political Leadership Support',
          contractingAuthority: 'Department for Education',
          startsOn: '2021-05-31',
          endsOn: '2025-03-31',
          budgetPence: 5_300_000_00,
          budgetAllocations: [{ financialYear: '2024-25', amountPence: 1_000_000_00 }],
        },
      });
    });

    it('refuses dates that would leave a contract outside, and writes nothing', async () => {
      const supplier = await app
        .get(SupplierChangeService)
        .createSupplier(admin, { name: 'North Star Ltd', contactEmail: 'ada@north-star.example' });
      const [lots] = await programmes.lotsOf([DEFAULT]);
      await app.get(ContractChangeService).createContract(admin, {
        programmeId: DEFAULT,
        supplierId: supplier.id,
        lotId: lots[0].id,
        reference: 'A1',
        valuePence: 100_00,
        startsOn: '2021-06-01',
        endsOn: '2024-03-31',
        rates: [],
      });
      const before = await counts();
      expect(
        await problemFields(
          sut.updateProgramme(admin, {
            programmeId: DEFAULT,
            startsOn: '2021-07-01',
            endsOn: '2024-02-29',
          }),
        ),
      ).toEqual(['input.startsOn', 'input.endsOn']);
      expect(await counts()).toEqual(before);
    });

    it('answers CONFLICT for another programme’s name', async () => {
      await sut.createProgramme(admin, newProgramme);
      await expect(
        sut.updateProgramme(admin, { programmeId: DEFAULT, name: 'COACHING FOR NEW LEADERS' }),
      ).rejects.toThrow(ConflictError);
    });

    it('answers NOT_FOUND to a manager of another programme, and to supplier staff', async () => {
      const other = await sut.createProgramme(admin, newProgramme);
      for (const caller of [await manager(other.id), await manager(), supplierStaff]) {
        await expect(
          sut.updateProgramme(caller, { programmeId: DEFAULT, budgetPence: 0 }),
        ).rejects.toThrow(new NotFoundError('Programme', DEFAULT));
      }
      await sut.updateProgramme(await manager(DEFAULT), { programmeId: DEFAULT, budgetPence: 1 });
    });
  });

  describe('setServiceLineTarget', () => {
    it('adds a version from today, keeps the earlier one, and audits the change from it', async () => {
      const line = await sut.setServiceLineTarget(admin, {
        programmeId: DEFAULT,
        serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
        financialYear: '2023-24',
        targetBasis: 'NUMBER',
        target: 10,
        cap: 14,
      });
      expect(line).toMatchObject({
        programmeId: DEFAULT,
        serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
      });
      const [versions] = await programmes.targetsOf([DEFAULT]);
      const diagnostic = versions.filter(
        (version) =>
          version.serviceLine === 'CORPORATE_PARENTING_DIAGNOSTIC' &&
          version.financialYear === '2023-24',
      );
      expect(diagnostic.map((v) => [v.effectiveFrom, v.target, v.cap])).toEqual([
        ['2021-05-31', 12, null],
        ['2024-06-01', 10, 14], // the test clock's today
      ]);
      expect(programmes.targetsInForce(diagnostic, '2024-05-31')[0].target).toBe(12);
      expect(programmes.targetsInForce(diagnostic)[0].target).toBe(10);
      const [entry] = await audited('service-line-target.set');
      expect(entry).toMatchObject({
        actor_user_id: admin.userId,
        programme_id: DEFAULT,
        before: {
          serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
          financialYear: '2023-24',
          targetBasis: 'NUMBER',
          target: 12,
          cap: null,
          effectiveFrom: '2021-05-31',
        },
        after: {
          serviceLine: 'CORPORATE_PARENTING_DIAGNOSTIC',
          financialYear: '2023-24',
          targetBasis: 'NUMBER',
          target: 10,
          cap: 14,
          effectiveFrom: '2024-06-01',
        },
      });
    });

    it('refuses a line or year the programme lacks, or a target its basis does not take', async () => {
      const other = await sut.createProgramme(admin, {
        ...newProgramme,
        serviceLines: [{ code: 'COACHING_MENTORING' }],
      });
      const before = await counts();
      expect(
        await problemFields(
          sut.setServiceLineTarget(admin, {
            programmeId: other.id,
            serviceLine: 'TARGETED_SUPPORT',
            financialYear: '2026-27',
            targetBasis: 'EVERY_REGION',
            target: 9,
          }),
        ),
      ).toEqual(['input.target', 'input.serviceLine', 'input.financialYear']);
      expect(await counts()).toEqual(before);
    });

    it('answers NOT_FOUND to a manager of another programme', async () => {
      await expect(
        sut.setServiceLineTarget(await manager(randomUUID()), {
          programmeId: DEFAULT,
          serviceLine: 'COACHING_MENTORING',
          financialYear: '2023-24',
          targetBasis: 'NONE',
        }),
      ).rejects.toThrow(NotFoundError);
    });
  });

  describe('varyLots', () => {
    it('regroups the 7 lots into the award’s 2 from 2022-04-01, keeping history and contracts', async () => {
      // A contract made under the PIN's lot 7, before the variation.
      const supplier = await app
        .get(SupplierChangeService)
        .createSupplier(admin, { name: 'North Star Ltd', contactEmail: 'ada@north-star.example' });
      const [seeded] = await programmes.lotsOf([DEFAULT]);
      const lot7 = seeded.find((lot) => lot.number === 7)!;
      const contracts = app.get(ContractChangeService);
      const coaching = await contracts.createContract(admin, {
        programmeId: DEFAULT,
        supplierId: supplier.id,
        lotId: lot7.id,
        reference: 'C-1',
        valuePence: 50_000_00,
        startsOn: '2021-06-01',
        endsOn: '2024-03-31',
        rates: [{ unit: 'PER_HOUR', amountPence: 120_00 }],
      });

      await sut.varyLots(admin, { programmeId: DEFAULT, effectiveOn: '2022-04-01', lots: AWARD });

      const [lots] = await programmes.lotsOf([DEFAULT]);
      const before = programmes.lotsOn(lots, '2022-03-31');
      expect(
        before.map((lot) => [lot.number, lot.validFrom, lot.validTo, lot.serviceLines]),
      ).toEqual([
        [1, '2021-05-31', '2022-03-31', ['POLITICAL_LEADERSHIP']],
        [2, '2021-05-31', '2022-03-31', ['CORPORATE_LEADERSHIP']],
        [3, '2021-05-31', '2022-03-31', ['LEAD_MEMBER_NETWORKS']],
        [4, '2021-05-31', '2022-03-31', ['CORPORATE_PARENTING_DIAGNOSTIC']],
        [5, '2021-05-31', '2022-03-31', ['COUNCILLOR_GROUPS']],
        [6, '2021-05-31', '2022-03-31', ['TARGETED_SUPPORT']],
        [7, '2021-05-31', '2022-03-31', ['COACHING_MENTORING']],
      ]);
      const after = programmes.lotsOn(lots, '2022-04-01');
      expect(
        after.map((lot) => [lot.number, lot.title, lot.validFrom, lot.validTo, lot.serviceLines]),
      ).toEqual([
        [1, 'A Universal Offer', '2022-04-01', null, [...UNIVERSAL]],
        [2, 'A Targeted Support Offer', '2022-04-01', null, [...TARGETED]],
      ]);
      expect(programmes.lotsOn(lots).map((lot) => lot.title)).toEqual([
        'A Universal Offer',
        'A Targeted Support Offer',
      ]);

      // Delivery dated before the variation still falls under the lot it was made in.
      expect(lotOf(lots, 'COACHING_MENTORING', '2022-03-15')?.id).toBe(lot7.id);
      expect(programmes.lotOf(lots, 'COACHING_MENTORING', '2022-03-31')?.number).toBe(7);
      expect(programmes.lotOf(lots, 'COACHING_MENTORING', '2022-04-01')?.title).toBe(
        'A Targeted Support Offer',
      );

      // The contract made for the old lot keeps it.
      const [kept] = await programmes.contractsByIds(admin, [coaching.id]);
      expect(kept).toMatchObject({ lotId: lot7.id });

      const [variation] = await audited('lots.vary');
      expect(variation).toEqual({
        actor_user_id: admin.userId,
        entity_id: DEFAULT,
        programme_id: DEFAULT,
        before: {
          lots: DEFAULT_LOTS.map((lot, i) => ({
            number: i + 1,
            title: lot.title,
            serviceLines: [
              [
                'POLITICAL_LEADERSHIP',
                'CORPORATE_LEADERSHIP',
                'LEAD_MEMBER_NETWORKS',
                'CORPORATE_PARENTING_DIAGNOSTIC',
                'COUNCILLOR_GROUPS',
                'TARGETED_SUPPORT',
                'COACHING_MENTORING',
              ][i],
            ],
            validFrom: '2021-05-31',
          })),
        },
        after: {
          effectiveOn: '2022-04-01',
          lots: [
            { number: 1, title: 'A Universal Offer', serviceLines: [...UNIVERSAL] },
            { number: 2, title: 'A Targeted Support Offer', serviceLines: [...TARGETED] },
          ],
        },
      });

      // A change to the old lot's contract is audited by value, and still names its lot.
      await contracts.updateContract(admin, { contractId: coaching.id, valuePence: 60_000_00 });
      const [change] = await audited('contract.update');
      const terms = {
        reference: 'C-1',
        supplierId: supplier.id,
        lotId: lot7.id,
        startsOn: '2021-06-01',
        endsOn: '2024-03-31',
        rates: [{ serviceLine: 'COACHING_MENTORING', unit: 'PER_HOUR', amountPence: 120_00 }],
      };
      expect(change).toEqual({
        actor_user_id: admin.userId,
        entity_id: coaching.id,
        programme_id: DEFAULT,
        before: { ...terms, valuePence: 50_000_00 },
        after: { ...terms, valuePence: 60_000_00 },
      });

      // A new contract for coaching from the variation on is made under the new lot 2, not lot 7.
      const newLot2 = after[1];
      await expect(
        contracts.createContract(admin, {
          programmeId: DEFAULT,
          supplierId: supplier.id,
          lotId: lot7.id,
          reference: 'C-2',
          valuePence: 0,
          startsOn: '2022-04-01',
          endsOn: '2023-03-31',
          rates: [],
        }),
      ).rejects.toThrow(BadUserInputError);
      await contracts.createContract(admin, {
        programmeId: DEFAULT,
        supplierId: supplier.id,
        lotId: newLot2.id,
        reference: 'C-2',
        valuePence: 0,
        startsOn: '2022-04-01',
        endsOn: '2023-03-31',
        rates: [{ serviceLine: 'COACHING_MENTORING', unit: 'PER_HOUR', amountPence: 110_00 }],
      });
    });

    it('refuses a day not after the open lots began, or a grouping leaving a line out, writing nothing', async () => {
      await sut.varyLots(admin, { programmeId: DEFAULT, effectiveOn: '2022-04-01', lots: AWARD });
      const before = await counts();
      expect(
        await problemFields(
          sut.varyLots(admin, {
            programmeId: DEFAULT,
            effectiveOn: '2022-04-01',
            lots: [AWARD[0]],
          }),
        ),
      ).toEqual(['input.effectiveOn', 'input.lots']);
      expect(
        await problemFields(
          sut.varyLots(admin, { programmeId: DEFAULT, effectiveOn: '2024-04-01', lots: AWARD }),
        ),
      ).toEqual(['input.effectiveOn']);
      expect(await counts()).toEqual(before);
    });

    it('answers NOT_FOUND to a manager of another programme', async () => {
      await expect(
        sut.varyLots(await manager(), {
          programmeId: DEFAULT,
          effectiveOn: '2022-04-01',
          lots: AWARD,
        }),
      ).rejects.toThrow(NotFoundError);
    });
  });
});
