import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { identityEntities } from '@la-tracker/domain/identity';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
import { ForbiddenError, NotFoundError } from '@la-tracker/platform/errors';
import {
  callerWith,
  createDomainTestContext,
  createTestDatabase,
  grant,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { ContractChangeService } from './contract-change.service';
import { DEFAULT_PROGRAMME } from './default-programme';
import { ProgrammeChangeService } from './programme-change.service';
import { programmeEntities } from './programmes.entities';
import { ProgrammesModule } from './programmes.module';
import { ProgrammesService } from './programmes.service';
import { SupplierChangeService } from './supplier-change.service';

const DEFAULT = DEFAULT_PROGRAMME.id;
const admin = callerWith([grant(Role.ADMIN)], randomUUID());
const adviser = callerWith(
  [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })],
  randomUUID(),
);
const nobody = callerWith([], randomUUID());

describe('ProgrammesService', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let sut: ProgrammesService;
  /** A second programme, its suppliers and contracts, and callers scoped to them. */
  let world: Awaited<ReturnType<typeof build>>;

  async function build() {
    const programmes = app.get(ProgrammeChangeService);
    const suppliers = app.get(SupplierChangeService);
    const contracts = app.get(ContractChangeService);
    const second = await programmes.createProgramme(admin, {
      name: 'Coaching for new leaders',
      contractingAuthority: 'Department for Education',
      startsOn: '2024-04-01',
      endsOn: '2025-03-31',
      budgetPence: 200_000_00,
      budgetAllocations: [{ financialYear: '2024-25', amountPence: 150_000_00 }],
      serviceLines: [
        { code: 'COACHING_MENTORING' },
        { code: 'POLITICAL_LEADERSHIP', name: 'Leaders' },
      ],
      lots: [
        {
          number: 1,
          title: 'Everything',
          serviceLines: ['COACHING_MENTORING', 'POLITICAL_LEADERSHIP'],
        },
      ],
    });
    const north = await suppliers.createSupplier(admin, {
      name: 'North Star Ltd',
      contactEmail: 'ada@north-star.example',
      contactName: 'Ada',
    });
    const south = await suppliers.createSupplier(admin, {
      name: 'Southern Cross LLP',
      contactEmail: 'bo@southern-cross.example',
    });
    const idle = await suppliers.createSupplier(admin, {
      name: 'Idle Hands Ltd',
      contactEmail: 'cy@idle.example',
    });
    const [defaultLots, secondLots] = await sut.lotsOf([DEFAULT, second.id]);
    const contract = (
      programmeId: string,
      supplierId: string,
      lotId: string,
      reference: string,
      rates = [] as Parameters<ContractChangeService['createContract']>[1]['rates'],
    ) =>
      contracts.createContract(admin, {
        programmeId,
        supplierId,
        lotId,
        reference,
        valuePence: 100_000_00,
        startsOn: programmeId === DEFAULT ? '2021-06-01' : '2024-04-01',
        endsOn: programmeId === DEFAULT ? '2024-03-31' : '2025-03-31',
        rates,
      });
    const a1 = await contract(DEFAULT, north.id, defaultLots[0].id, 'A1');
    const b1 = await contract(DEFAULT, south.id, defaultLots[6].id, 'B1');
    const x1 = await contract(second.id, south.id, secondLots[0].id, 'X1', [
      { serviceLine: 'COACHING_MENTORING', unit: 'PER_HOUR', amountPence: 120_00 },
      { serviceLine: 'POLITICAL_LEADERSHIP', unit: 'PER_SESSION', amountPence: 1_500_00 },
    ]);
    return {
      second,
      north,
      south,
      idle,
      a1,
      b1,
      x1,
      managerOfSecond: callerWith(
        [grant(Role.PROGRAMME_MANAGER, { programmeId: second.id })],
        randomUUID(),
      ),
      northStaff: callerWith([grant(Role.SUPPLIER, { supplierId: north.id })], randomUUID()),
      idleStaff: callerWith([grant(Role.SUPPLIER, { supplierId: idle.id })], randomUUID()),
    };
  }

  beforeEach(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...localAuthorityEntities, ...identityEntities, ...programmeEntities, AuditEvent],
      imports: [ProgrammesModule],
    });
    sut = app.get(ProgrammesService);
    world = await build();
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  const names = (records: Array<{ name: string }>) => records.map((record) => record.name);
  const references = (groups: Array<Array<{ reference: string }>>) =>
    groups.map((group) => group.map((contract) => contract.reference));

  describe('list', () => {
    it('shows admins and advisers every programme, by start', async () => {
      const both = ['Local Authority and Political Leadership Support', 'Coaching for new leaders'];
      expect(names(await sut.list(admin))).toEqual(both);
      expect(names(await sut.list(adviser))).toEqual(both);
    });

    it('shows a manager their programmes, and supplier staff those they hold a contract in', async () => {
      expect(names(await sut.list(world.managerOfSecond))).toEqual(['Coaching for new leaders']);
      expect(names(await sut.list(world.northStaff))).toEqual([
        'Local Authority and Political Leadership Support',
      ]);
      expect(await sut.list(world.idleStaff)).toEqual([]);
      expect(await sut.list(nobody)).toEqual([]);
    });
  });

  describe('get', () => {
    it('answers a programme in scope', async () => {
      expect((await sut.get(world.managerOfSecond, world.second.id)).budgetPence).toBe(200_000_00);
    });

    it('answers NOT_FOUND out of scope, exactly as for an id nothing has', async () => {
      const missing = randomUUID();
      await expect(sut.get(world.managerOfSecond, DEFAULT)).rejects.toThrow(
        new NotFoundError('Programme', DEFAULT),
      );
      await expect(sut.get(world.northStaff, world.second.id)).rejects.toThrow(NotFoundError);
      await expect(sut.get(admin, missing)).rejects.toThrow(
        new NotFoundError('Programme', missing),
      );
      await expect(sut.get(admin, 'not-an-id')).rejects.toThrow(
        new NotFoundError('Programme', 'not-an-id'),
      );
    });
  });

  describe('contracts', () => {
    it('gives each programme its contracts by reference; supplier staff only their own', async () => {
      const ids = [DEFAULT, world.second.id];
      expect(references(await sut.contractsOfProgrammes(admin, ids))).toEqual([
        ['A1', 'B1'],
        ['X1'],
      ]);
      expect(references(await sut.contractsOfProgrammes(adviser, ids))).toEqual([
        ['A1', 'B1'],
        ['X1'],
      ]);
      expect(references(await sut.contractsOfProgrammes(world.northStaff, ids))).toEqual([
        ['A1'],
        [],
      ]);
      expect(references(await sut.contractsOfProgrammes(world.managerOfSecond, ids))).toEqual([
        [],
        ['X1'],
      ]);
    });

    it('gives each supplier its contracts in the programmes the caller may see', async () => {
      const ids = [world.north.id, world.south.id];
      expect(references(await sut.contractsOfSuppliers(admin, ids))).toEqual([
        ['A1'],
        ['B1', 'X1'],
      ]);
      expect(references(await sut.contractsOfSuppliers(world.managerOfSecond, ids))).toEqual([
        [],
        ['X1'],
      ]);
    });

    it('finds contracts by id, NOT_FOUND out of scope', async () => {
      const [a1, b1] = await sut.contractsByIds(world.northStaff, [world.a1.id, world.b1.id]);
      expect(a1).toMatchObject({ reference: 'A1', valuePence: 100_000_00 });
      expect(b1).toEqual(new NotFoundError('Contract', world.b1.id));
      const [x1, away] = await sut.contractsByIds(world.managerOfSecond, [
        world.x1.id,
        world.a1.id,
      ]);
      expect(x1).toMatchObject({ reference: 'X1' });
      expect(away).toBeInstanceOf(NotFoundError);
    });

    it('gives each contract its rates in service-line order', async () => {
      const rates = await sut.ratesOf([world.x1.id, world.a1.id]);
      expect(
        rates.map((group) => group.map((rate) => [rate.serviceLine, rate.unit, rate.amountPence])),
      ).toEqual([
        [
          ['POLITICAL_LEADERSHIP', 'PER_SESSION', 1_500_00],
          ['COACHING_MENTORING', 'PER_HOUR', 120_00],
        ],
        [],
      ]);
    });
  });

  describe('suppliers', () => {
    it('gives each programme the suppliers holding a contract in it; supplier staff only themselves', async () => {
      const ids = [DEFAULT, world.second.id];
      expect((await sut.suppliersOfProgrammes(admin, ids)).map(names)).toEqual([
        ['North Star Ltd', 'Southern Cross LLP'],
        ['Southern Cross LLP'],
      ]);
      expect((await sut.suppliersOfProgrammes(world.northStaff, ids)).map(names)).toEqual([
        ['North Star Ltd'],
        [],
      ]);
    });

    it('lists every supplier by name for managers and admins, and refuses anyone else', async () => {
      const all = ['Idle Hands Ltd', 'North Star Ltd', 'Southern Cross LLP'];
      expect(names(await sut.suppliers(admin))).toEqual(all);
      expect(names(await sut.suppliers(world.managerOfSecond))).toEqual(all);
      await expect(sut.suppliers(world.northStaff)).rejects.toThrow(ForbiddenError);
      await expect(sut.suppliers(adviser)).rejects.toThrow(ForbiddenError);
    });

    it('finds suppliers by id within scope: staff their own, advisers those with a contract', async () => {
      const ids = [world.north.id, world.south.id, world.idle.id];
      const outcome = async (caller: typeof admin) =>
        (await sut.suppliersByIds(caller, ids)).map((found) =>
          found instanceof NotFoundError ? 'NOT_FOUND' : found.name,
        );
      expect(await outcome(world.managerOfSecond)).toEqual([
        'North Star Ltd',
        'Southern Cross LLP',
        'Idle Hands Ltd',
      ]);
      expect(await outcome(world.northStaff)).toEqual(['North Star Ltd', 'NOT_FOUND', 'NOT_FOUND']);
      expect(await outcome(adviser)).toEqual(['North Star Ltd', 'Southern Cross LLP', 'NOT_FOUND']);
    });

    it('shows contacts to managers of its programmes and the supplier’s own staff, and refuses anyone else', async () => {
      const ids = [world.north.id, world.south.id];
      const contacts = (caller: typeof admin) => sut.contactsOf(caller, ids);
      expect(await contacts(admin)).toEqual([
        [expect.objectContaining({ email: 'ada@north-star.example', name: 'Ada' })],
        [expect.objectContaining({ email: 'bo@southern-cross.example', name: null })],
      ]);
      // North Star holds contracts only in the default programme; Southern Cross in the second.
      const [north, south] = await contacts(world.managerOfSecond);
      expect(north).toBeInstanceOf(ForbiddenError);
      expect(south).toEqual([expect.objectContaining({ email: 'bo@southern-cross.example' })]);
      const [own, other] = await contacts(world.northStaff);
      expect(own).toEqual([expect.objectContaining({ email: 'ada@north-star.example' })]);
      expect(other).toBeInstanceOf(ForbiddenError);
      expect((await contacts(adviser)).every((answer) => answer instanceof ForbiddenError)).toBe(
        true,
      );
    });
  });

  describe('adding a contact', () => {
    it("lets a manager add to their programmes' suppliers only, as if the others did not exist", async () => {
      const suppliers = app.get(SupplierChangeService);
      await expect(
        suppliers.addSupplierContact(world.managerOfSecond, {
          supplierId: world.north.id,
          email: 'inbox@second.example',
        }),
      ).rejects.toThrow(NotFoundError);
      await expect(
        suppliers.addSupplierContact(world.managerOfSecond, {
          supplierId: world.south.id,
          email: 'desk@southern-cross.example',
        }),
      ).resolves.toMatchObject({ id: world.south.id });
    });
  });

  describe('a programme’s structure', () => {
    it('gives service lines in the order of SPEC §7, with their names', async () => {
      const [lines] = await sut.serviceLinesOf([world.second.id]);
      expect(lines.map((line) => [line.serviceLine, line.name])).toEqual([
        ['POLITICAL_LEADERSHIP', 'Leaders'],
        ['COACHING_MENTORING', 'Coaching and mentoring for individual leaders'],
      ]);
    });

    it('gives budget allocations by year, and none where none were made', async () => {
      const [second, seeded] = await sut.budgetAllocationsOf([world.second.id, DEFAULT]);
      expect(second.map((a) => [a.financialYear, a.amountPence])).toEqual([
        ['2024-25', 150_000_00],
      ]);
      expect(seeded).toEqual([]);
    });

    it('gives the lots not yet ended, those in force on a date, and the lot of a line', async () => {
      const [lots] = await sut.lotsOf([world.second.id]);
      expect(sut.lotsOn(lots).map((lot) => lot.title)).toEqual(['Everything']);
      expect(sut.lotsOn(lots, '2024-03-31')).toEqual([]);
      expect(sut.lotOf(lots, 'COACHING_MENTORING', '2024-04-01')?.serviceLines).toEqual([
        'POLITICAL_LEADERSHIP',
        'COACHING_MENTORING',
      ]);
      expect(sut.lotOf(lots, 'TARGETED_SUPPORT', '2024-04-01')).toBeNull();
    });

    it('gives targets in force today for each year, and none for a programme with none', async () => {
      const [seeded, second] = await sut.targetsOf([DEFAULT, world.second.id]);
      const coaching = sut.targetsInForce(
        seeded.filter((version) => version.serviceLine === 'COACHING_MENTORING'),
      );
      expect(coaching.map((version) => [version.financialYear, version.cap])).toEqual([
        ['2021-22', 15],
        ['2022-23', 15],
        ['2023-24', 15],
      ]);
      expect(second).toEqual([]);
    });
  });
});
