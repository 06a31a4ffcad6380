import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { identityEntities } from '@la-tracker/domain/identity';
import { localAuthorityEntities } from '@la-tracker/domain/local-authorities';
import { AuditEvent } from '@la-tracker/platform/audit';
import { Role } from '@la-tracker/platform/auth';
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
import { ContractChangeService, type NewContract } from './contract-change.service';
import { DEFAULT_PROGRAMME } from './default-programme';
import type { LotView } from './programme.repository';
import { ProgrammeChangeService } from './programme-change.service';
import { programmeEntities } from './programmes.entities';
import { ProgrammesModule } from './programmes.module';
import { ProgrammesService } from './programmes.service';
import { SupplierChangeService } from './supplier-change.service';
import type { Supplier } from './supplier.entity';

const DEFAULT = DEFAULT_PROGRAMME.id;
const admin = callerWith([grant(Role.ADMIN)], randomUUID());
const manager = callerWith([grant(Role.PROGRAMME_MANAGER, { programmeId: DEFAULT })], randomUUID());
const otherManager = callerWith(
  [grant(Role.PROGRAMME_MANAGER, { programmeId: randomUUID() })],
  randomUUID(),
);
const adviser = callerWith(
  [grant(Role.REGIONAL_ADVISER, { regionCode: 'E12000001' })],
  randomUUID(),
);

describe('suppliers and contracts', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let suppliers: SupplierChangeService;
  let sut: ContractChangeService;
  let dataSource: DataSource;
  let north: Supplier;
  let lots: LotView[];

  async function counts(): Promise<unknown> {
    return (
      await dataSource.query(
        `SELECT (SELECT count(*) FROM supplier)::int AS suppliers,
                (SELECT count(*) FROM supplier_contact)::int AS contacts,
                (SELECT count(*) FROM contract)::int AS contracts,
                (SELECT count(*) FROM contract_rate)::int AS rates,
                (SELECT string_agg(concat_ws(',', value_pence, starts_on, ends_on), ';' ORDER BY id) FROM contract) AS terms,
                (SELECT string_agg(concat_ws(',', service_line, unit, amount_pence), ';' ORDER BY contract_id, service_line) FROM contract_rate) AS rate_terms,
                (SELECT count(*) FROM audit_event)::int AS audit`,
      )
    )[0];
  }

  const audited = (action: string) =>
    dataSource.query<Array<{ entity_id: string; programme_id: string | null; after: unknown }>>(
      'SELECT entity_id, programme_id, after FROM audit_event WHERE action = $1 ORDER BY id',
      [action],
    );

  const problemFields = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).fields;
  };

  /** A contract for the PIN's lot 1, made by its manager. */
  const a1 = (): NewContract => ({
    programmeId: DEFAULT,
    supplierId: north.id,
    lotId: lots[0].id,
    reference: 'A1',
    valuePence: 250_000_00,
    startsOn: '2021-06-01',
    endsOn: '2024-03-31',
    rates: [{ unit: 'PER_SESSION', amountPence: 1_250_00 }],
  });

  beforeEach(async () => {
    database = await createTestDatabase();
    app = await createDomainTestContext({
      config: testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
      entities: [...localAuthorityEntities, ...identityEntities, ...programmeEntities, AuditEvent],
      imports: [ProgrammesModule],
    });
    suppliers = app.get(SupplierChangeService);
    sut = app.get(ContractChangeService);
    dataSource = app.get(DataSource);
    north = await suppliers.createSupplier(manager, {
      name: 'North Star Ltd',
      contactEmail: ' Ada@North-Star.example ',
      contactName: 'Ada Lovelace',
    });
    [lots] = await app.get(ProgrammesService).lotsOf([DEFAULT]);
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  describe('createSupplier', () => {
    it('adds a supplier and its first contact, and audits them without the personal data', async () => {
      expect(north).toMatchObject({ name: 'North Star Ltd', nameKey: 'northstarltd' });
      expect(
        await dataSource.query('SELECT email, name FROM supplier_contact WHERE supplier_id = $1', [
          north.id,
        ]),
      ).toEqual([{ email: 'ada@north-star.example', name: 'Ada Lovelace' }]);
      expect(await audited('supplier.create')).toEqual([
        { entity_id: north.id, programme_id: null, after: { name: 'North Star Ltd' } },
      ]);
      expect(await audited('supplier-contact.add')).toEqual([
        {
          entity_id: expect.any(String),
          programme_id: null,
          after: {
            supplierId: north.id,
            email: '[personal data not recorded]',
            name: '[personal data not recorded]',
          },
        },
      ]);
    });

    it('answers CONFLICT for the same name, whatever its case or spacing, and writes nothing', async () => {
      const before = await counts();
      await expect(
        suppliers.createSupplier(admin, { name: 'NORTH  star ltd', contactEmail: 'bo@x.example' }),
      ).rejects.toThrow(new ConflictError('A supplier named "NORTH  star ltd" exists already.'));
      expect(await counts()).toEqual(before);
    });

    it('refuses a name or an address that will not do, and writes nothing', async () => {
      const before = await counts();
      expect(
        await problemFields(suppliers.createSupplier(admin, { name: ' ', contactEmail: 'bo' })),
      ).toEqual([
        { field: 'input.name', message: 'must be 1 to 200 characters' },
        {
          field: 'input.contactEmail',
          message: 'must be an e-mail address like name@example.org',
        },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('refuses advisers', async () => {
      await expect(
        suppliers.createSupplier(adviser, { name: 'Other Ltd', contactEmail: 'bo@x.example' }),
      ).rejects.toThrow(ForbiddenError);
    });
  });

  describe('addSupplierContact', () => {
    it('adds another contact', async () => {
      await suppliers.addSupplierContact(manager, {
        supplierId: north.id,
        email: 'bo@north-star.example',
      });
      expect(
        await dataSource.query(
          'SELECT email FROM supplier_contact WHERE supplier_id = $1 ORDER BY email',
          [north.id],
        ),
      ).toEqual([{ email: 'ada@north-star.example' }, { email: 'bo@north-star.example' }]);
    });

    it('answers CONFLICT for an address it has, NOT_FOUND for no supplier, and writes nothing', async () => {
      const before = await counts();
      await expect(
        suppliers.addSupplierContact(manager, {
          supplierId: north.id,
          email: 'ADA@north-star.example',
        }),
      ).rejects.toThrow(ConflictError);
      const missing = randomUUID();
      await expect(
        suppliers.addSupplierContact(manager, { supplierId: missing, email: 'bo@x.example' }),
      ).rejects.toThrow(new NotFoundError('Supplier', missing));
      expect(await counts()).toEqual(before);
    });
  });

  describe('createContract', () => {
    it('makes a contract, its rates under the service line of a one-line lot, and audits it', async () => {
      const contract = await sut.createContract(manager, { ...a1(), reference: ' A1 ' });
      expect(contract).toMatchObject({
        programmeId: DEFAULT,
        supplierId: north.id,
        lotId: lots[0].id,
        reference: 'A1',
        valuePence: 250_000_00,
      });
      expect(await audited('contract.create')).toEqual([
        {
          entity_id: contract.id,
          programme_id: DEFAULT,
          after: {
            reference: 'A1',
            supplierId: north.id,
            lotId: lots[0].id,
            valuePence: 250_000_00,
            startsOn: '2021-06-01',
            endsOn: '2024-03-31',
            rates: [
              { serviceLine: 'POLITICAL_LEADERSHIP', unit: 'PER_SESSION', amountPence: 1_250_00 },
            ],
          },
        },
      ]);
    });

    it('answers NOT_FOUND for a supplier, a lot, or a programme out of reach, and writes nothing', async () => {
      const other = await app.get(ProgrammeChangeService).createProgramme(admin, {
        name: 'Another programme',
        contractingAuthority: 'Department for Education',
        startsOn: '2021-04-01',
        endsOn: '2025-03-31',
        budgetPence: 0,
      });
      const [otherLots] = await app.get(ProgrammesService).lotsOf([other.id]);
      const before = await counts();
      const missing = randomUUID();
      await expect(sut.createContract(manager, { ...a1(), supplierId: missing })).rejects.toThrow(
        new NotFoundError('Supplier', missing),
      );
      await expect(sut.createContract(manager, { ...a1(), lotId: missing })).rejects.toThrow(
        new NotFoundError('Lot', missing),
      );
      await expect(
        sut.createContract(manager, { ...a1(), lotId: otherLots[0].id }),
      ).rejects.toThrow(new NotFoundError('Lot', otherLots[0].id));
      await expect(sut.createContract(otherManager, a1())).rejects.toThrow(
        new NotFoundError('Programme', DEFAULT),
      );
      await expect(sut.createContract(manager, { ...a1(), programmeId: other.id })).rejects.toThrow(
        new NotFoundError('Programme', other.id),
      );
      expect(await counts()).toEqual(before);
    });

    it('refuses terms that will not do, naming each field, and writes nothing', async () => {
      const before = await counts();
      expect(
        await problemFields(
          sut.createContract(manager, {
            ...a1(),
            reference: '',
            valuePence: -1,
            startsOn: '2021-05-01',
            rates: [
              { unit: 'PER_SESSION', amountPence: 100 },
              { serviceLine: 'COACHING_MENTORING', unit: 'PER_HOUR', amountPence: 100 },
            ],
          }),
        ),
      ).toEqual([
        { field: 'input.reference', message: 'must be 1 to 50 characters' },
        { field: 'input.value', message: 'must not be negative' },
        {
          field: 'input.startsOn',
          message: 'the contract must fall within the programme (2021-05-31 to 2024-03-31)',
        },
        {
          field: 'input.rates[1].serviceLine',
          message: 'COACHING_MENTORING is not in this lot (it holds POLITICAL_LEADERSHIP)',
        },
        {
          field: 'input.lotId',
          message: 'lot 1 is not in force on 2021-05-01 (it runs from 2021-05-31 to no end)',
        },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('answers CONFLICT for a reference the programme has, and writes nothing', async () => {
      await sut.createContract(manager, a1());
      const before = await counts();
      await expect(sut.createContract(admin, { ...a1(), lotId: lots[1].id })).rejects.toThrow(
        new ConflictError('The programme has a contract with the reference "A1" already.'),
      );
      expect(await counts()).toEqual(before);
    });
  });

  describe('updateContract', () => {
    it('replaces the rates and changes the dates given, leaving the rest', async () => {
      const contract = await sut.createContract(manager, a1());
      const updated = await sut.updateContract(manager, {
        contractId: contract.id,
        endsOn: '2023-03-31',
        rates: [
          { serviceLine: 'POLITICAL_LEADERSHIP', unit: 'PER_PARTICIPANT', amountPence: 95_00 },
        ],
      });
      expect(updated).toMatchObject({
        valuePence: 250_000_00,
        startsOn: '2021-06-01',
        endsOn: '2023-03-31',
      });
      const [rates] = await app.get(ProgrammesService).ratesOf([contract.id]);
      expect(rates.map((rate) => [rate.serviceLine, rate.unit, rate.amountPence])).toEqual([
        ['POLITICAL_LEADERSHIP', 'PER_PARTICIPANT', 95_00],
      ]);
    });

    it('refuses terms outside the programme, and writes nothing', async () => {
      const contract = await sut.createContract(manager, a1());
      const before = await counts();
      expect(
        (
          await problemFields(
            sut.updateContract(manager, {
              contractId: contract.id,
              endsOn: '2024-04-01',
              rates: [],
            }),
          )
        ).map((problem) => problem.field),
      ).toEqual(['input.endsOn']);
      expect(await counts()).toEqual(before);
    });

    it('answers NOT_FOUND to a manager of another programme, and for an id nothing has', async () => {
      const contract = await sut.createContract(manager, a1());
      await expect(
        sut.updateContract(otherManager, { contractId: contract.id, valuePence: 1 }),
      ).rejects.toThrow(new NotFoundError('Contract', contract.id));
      await expect(sut.updateContract(admin, { contractId: 'A1', valuePence: 1 })).rejects.toThrow(
        new NotFoundError('Contract', 'A1'),
      );
    });
  });
});
