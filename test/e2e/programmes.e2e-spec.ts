import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

const DEFAULT = DEFAULT_PROGRAMME.id;

const CREATE_SUPPLIER = `mutation ($input: CreateSupplierInput!) { createSupplier(input: $input) { id name } }`;
const CREATE_CONTRACT = `mutation ($input: CreateContractInput!) { createContract(input: $input) { id reference value } }`;
const PROGRAMME = `query ($id: ID!) { programme(id: $id) {
  id name contractingAuthority budget startsOn endsOn budgetAllocations { financialYear amount }
  lots(asOf: "2021-06-01") { number title validFrom validTo serviceLines { code } }
  serviceLines { code name targets { financialYear target targetBasis cap effectiveFrom } lot(asOf: "2021-06-01") { number } }
  suppliers { name contacts { email name } }
  contracts { reference value startsOn endsOn lot { number } supplier { name } programme { name } rates { serviceLine unit amount } }
} }`;

describe('programmes, suppliers and contracts over GraphQL', () => {
  let database: TestDatabase;
  let api: RunningApi;
  const bearer: Record<string, { authorization: string }> = {};
  let lot1: string;
  let lot7: string;

  const as = async (name: string, role: string, ...scope: string[]) => {
    bearer[name] = { authorization: `Bearer ${await tokenFor(database.url, role, ...scope)}` };
  };
  const call = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, bearer[who]);
  const ok = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const response = await call(who, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

  /** What a refusal must leave as it was. */
  async function written(): Promise<unknown> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM supplier)::int AS suppliers,
                (SELECT count(*) FROM supplier_contact)::int AS contacts,
                (SELECT count(*) FROM contract)::int AS contracts,
                (SELECT count(*) FROM contract_rate)::int AS rates,
                (SELECT count(*) FROM programme)::int AS programmes,
                (SELECT count(*) FROM audit_event)::int AS audit`,
      );
      return rows[0];
    } finally {
      await client.end();
    }
  }

  const contractInput = (supplierId: string, reference: string, lotId = lot1) => ({
    programmeId: DEFAULT,
    supplierId,
    lotId,
    reference,
    value: '250000.00',
    startsOn: '2021-06-01',
    endsOn: '2024-03-31',
    rates: [{ unit: 'PER_SESSION', amount: '1250.00' }],
  });

  const newSupplier = async (name: string, contactEmail: string) =>
    (await ok('admin', CREATE_SUPPLIER, { input: { name, contactEmail } })).createSupplier
      .id as string;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    await as('admin', 'ADMIN');
    await as('manager', 'PROGRAMME_MANAGER', '--programme', DEFAULT);
    await as('newManager', 'PROGRAMME_MANAGER');
    await as('adviser', 'REGIONAL_ADVISER', '--region', 'E12000001');
    const { programme } = await ok(
      'admin',
      `{ programme(id: "${DEFAULT}") { lots { id number } } }`,
    );
    const lots = programme.lots as Array<{ id: string; number: number }>;
    const lotNumbered = (n: number) => lots.find((lot) => lot.number === n)!.id;
    lot1 = lotNumbered(1);
    lot7 = lotNumbered(7);
  }, 60_000);

  afterAll(async () => {
    await api.stop();
    await database.drop();
  });

  it('creates a supplier and a contract, then reads the programme with both', async () => {
    const { createSupplier } = await ok('manager', CREATE_SUPPLIER, {
      input: {
        name: 'Leadership Academy Ltd',
        contactEmail: 'Ada@Leadership.example',
        contactName: 'Ada Lovelace',
      },
    });
    expect(createSupplier.name).toBe('Leadership Academy Ltd');
    const { createContract } = await ok('manager', CREATE_CONTRACT, {
      input: contractInput(createSupplier.id, 'LA-1'),
    });
    expect(createContract).toMatchObject({ reference: 'LA-1', value: '250000.00' });

    const { programme } = await ok('manager', PROGRAMME, { id: DEFAULT });
    expect(programme).toMatchObject({
      id: DEFAULT,
      name: 'Local Authority and Political Leadership Support',
      contractingAuthority: 'Department for Education',
      budget: '1400000.00',
      startsOn: '2021-05-31',
      endsOn: '2024-03-31',
      budgetAllocations: [],
    });
    expect(
      (programme.lots as Array<Record<string, unknown>>).map((lot) => [
        lot.number,
        lot.validFrom,
        lot.validTo,
        lot.serviceLines,
      ]),
    ).toEqual([
      [1, '2021-05-31', null, [{ code: 'POLITICAL_LEADERSHIP' }]],
      [2, '2021-05-31', null, [{ code: 'CORPORATE_LEADERSHIP' }]],
      [3, '2021-05-31', null, [{ code: 'LEAD_MEMBER_NETWORKS' }]],
      [4, '2021-05-31', null, [{ code: 'CORPORATE_PARENTING_DIAGNOSTIC' }]],
      [5, '2021-05-31', null, [{ code: 'COUNCILLOR_GROUPS' }]],
      [6, '2021-05-31', null, [{ code: 'TARGETED_SUPPORT' }]],
      [7, '2021-05-31', null, [{ code: 'COACHING_MENTORING' }]],
    ]);
    const lines = programme.serviceLines as Array<{ code: string; targets: any[]; lot: unknown }>;
    const line = (code: string) => lines.find((candidate) => candidate.code === code)!;
    expect(line('POLITICAL_LEADERSHIP').targets).toEqual(
      [
        ['2021-22', 152],
        ['2022-23', 152],
        ['2023-24', 153],
      ].map(([financialYear, target]) => ({
        financialYear,
        target,
        targetBasis: 'EVERY_ACTIVE_LA',
        cap: null,
        effectiveFrom: '2021-05-31',
      })),
    );
    expect(line('LEAD_MEMBER_NETWORKS').targets[1]).toMatchObject({
      target: 9,
      targetBasis: 'EVERY_REGION',
    });
    expect(line('CORPORATE_PARENTING_DIAGNOSTIC').targets[1]).toMatchObject({ target: 12 });
    expect(line('COACHING_MENTORING').targets[1]).toMatchObject({
      target: null,
      targetBasis: 'NONE',
      cap: 15,
    });
    expect(line('COACHING_MENTORING').lot).toEqual({ number: 7 });
    expect(programme.suppliers).toContainEqual({
      name: 'Leadership Academy Ltd',
      contacts: [{ email: 'ada@leadership.example', name: 'Ada Lovelace' }],
    });
    expect(programme.contracts).toContainEqual({
      reference: 'LA-1',
      value: '250000.00',
      startsOn: '2021-06-01',
      endsOn: '2024-03-31',
      lot: { number: 1 },
      supplier: { name: 'Leadership Academy Ltd' },
      programme: { name: 'Local Authority and Political Leadership Support' },
      rates: [{ serviceLine: 'POLITICAL_LEADERSHIP', unit: 'PER_SESSION', amount: '1250.00' }],
    });
  });

  it('shows supplier staff only their own contracts, and its contacts to no adviser', async () => {
    const mine = await newSupplier('North Star Ltd', 'ada@north-star.example');
    const theirs = await newSupplier('Southern Cross LLP', 'bo@southern-cross.example');
    await ok('admin', CREATE_CONTRACT, { input: contractInput(mine, 'NS-1', lot7) });
    await ok('admin', CREATE_CONTRACT, { input: contractInput(theirs, 'SC-1', lot7) });
    await as('northStar', 'SUPPLIER', '--supplier', mine);

    const query = `{ programmes { name contracts { reference } suppliers { name contacts { email } } } }`;
    const { programmes } = await ok('northStar', query);
    expect(programmes).toEqual([
      {
        name: 'Local Authority and Political Leadership Support',
        contracts: [{ reference: 'NS-1' }],
        suppliers: [{ name: 'North Star Ltd', contacts: [{ email: 'ada@north-star.example' }] }],
      },
    ]);

    const seen = await call(
      'adviser',
      `{ programme(id: "${DEFAULT}") { contracts { reference } suppliers { name contacts { email } } } }`,
    );
    expect(seen.data?.programme.contracts).toEqual(
      expect.arrayContaining([{ reference: 'NS-1' }, { reference: 'SC-1' }]),
    );
    expect(seen.data?.programme.suppliers).toContainEqual({
      name: 'North Star Ltd',
      contacts: null,
    });
    expect(seen.errors?.[0]).toMatchObject({
      path: ['programme', 'suppliers', expect.any(Number), 'contacts'],
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('keeps budgets and contract terms to those who run the programme and the supplier itself', async () => {
    const mine = await newSupplier('Terms Ltd', 'terms@terms.example');
    await ok('admin', CREATE_CONTRACT, { input: contractInput(mine, 'TERMS-1', lot7) });
    await as('termsStaff', 'SUPPLIER', '--supplier', mine);
    const query = `{ programme(id: "${DEFAULT}") { name budget budgetAllocations { amount }
      contracts { reference value rates { amount } } } }`;
    type Terms = { reference: string; value: string | null; rates: unknown };
    const terms = (data: Record<string, unknown>) =>
      (data.programme as { contracts: Terms[] }).contracts.find(
        (contract) => contract.reference === 'TERMS-1',
      );

    const byAdmin = await ok('admin', query);
    expect(byAdmin.programme.budget).toBe('1400000.00');
    expect(terms(byAdmin)).toMatchObject({ value: expect.any(String) });

    // Supplier staff see their own contract's terms, not the programme's budget.
    const bySupplier = await call('termsStaff', query);
    expect(bySupplier.data!.programme).toMatchObject({ budget: null, budgetAllocations: null });
    expect(terms(bySupplier.data!)).toMatchObject({ value: expect.any(String) });
    expect(new Set(bySupplier.errors?.map((e) => e.extensions?.code))).toEqual(
      new Set(['FORBIDDEN']),
    );

    // Advisers see whom contracts are with, not what they cost, nor the budget.
    const byAdviser = await call('adviser', query);
    expect(byAdviser.data!.programme).toMatchObject({
      name: 'Local Authority and Political Leadership Support',
      budget: null,
      budgetAllocations: null,
    });
    expect(terms(byAdviser.data!)).toEqual({ reference: 'TERMS-1', value: null, rates: null });
  });

  it('answers NOT_FOUND to a manager of another programme, for reads and changes alike', async () => {
    const { createProgramme } = await ok(
      'newManager',
      `mutation { createProgramme(input: { name: "Coaching for new leaders", contractingAuthority: "DfE", startsOn: "2024-04-01", endsOn: "2025-03-31", budget: "200000.00" }) { id name } }`,
    );
    // Its creator manages it from now on; the default programme stays out of their reach.
    expect((await ok('newManager', '{ programmes { id } }')).programmes).toEqual([
      { id: createProgramme.id },
    ]);
    const before = await written();
    expect(codeOf(await call('newManager', `{ programme(id: "${DEFAULT}") { name } }`))).toBe(
      'NOT_FOUND',
    );
    expect(
      codeOf(
        await call(
          'newManager',
          `mutation { updateProgramme(input: { programmeId: "${DEFAULT}", budget: "1.00" }) { id } }`,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(await call('manager', `{ programme(id: "${createProgramme.id}") { name } }`)),
    ).toBe('NOT_FOUND');
    expect(await written()).toEqual(before);
  });

  it('refuses bad input naming the fields, and writes nothing', async () => {
    const supplierId = await newSupplier('Careful Counsel Ltd', 'cy@careful.example');
    const before = await written();
    const response = await call('manager', CREATE_CONTRACT, {
      input: { ...contractInput(supplierId, 'CC-1'), value: '-1.00', endsOn: '2024-04-01' },
    });
    expect(response.errors?.[0]).toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'input.value', message: 'must not be negative' },
          {
            field: 'input.endsOn',
            message: 'the contract must fall within the programme (2021-05-31 to 2024-03-31)',
          },
        ],
      },
    });
    const notMoney = await call('manager', CREATE_CONTRACT, {
      input: { ...contractInput(supplierId, 'CC-1'), value: 250000.5 },
    });
    expect(codeOf(notMoney)).toBe('BAD_USER_INPUT');
    expect(notMoney.errors?.[0].message).toContain('is not money');
    const badSupplier = await call('manager', CREATE_SUPPLIER, {
      input: { name: 'Nameless', contactEmail: 'not an address' },
    });
    expect(badSupplier.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.contactEmail' }],
    });
    expect(await written()).toEqual(before);
  });

  it('answers CONFLICT for a supplier or a contract reference that exists, and writes nothing', async () => {
    const supplierId = await newSupplier('Bright Futures CIC', 'di@bright.example');
    await ok('manager', CREATE_CONTRACT, { input: contractInput(supplierId, 'BF-1') });
    const before = await written();
    expect(
      codeOf(
        await call('manager', CREATE_SUPPLIER, {
          input: { name: 'bright  FUTURES cic', contactEmail: 'eve@bright.example' },
        }),
      ),
    ).toBe('CONFLICT');
    expect(
      codeOf(await call('manager', CREATE_CONTRACT, { input: contractInput(supplierId, 'BF-1') })),
    ).toBe('CONFLICT');
    expect(await written()).toEqual(before);
  });

  it('answers FORBIDDEN to supplier staff and advisers who try to change anything', async () => {
    const supplierId = await newSupplier('Eager Ltd', 'fi@eager.example');
    await as('eager', 'SUPPLIER', '--supplier', supplierId);
    const before = await written();
    for (const who of ['eager', 'adviser']) {
      expect(
        codeOf(
          await call(who, CREATE_SUPPLIER, {
            input: { name: 'Mine', contactEmail: 'me@mine.example' },
          }),
        ),
      ).toBe('FORBIDDEN');
      expect(
        codeOf(await call(who, CREATE_CONTRACT, { input: contractInput(supplierId, 'EG-1') })),
      ).toBe('FORBIDDEN');
      expect(codeOf(await call(who, '{ suppliers { name } }'))).toBe('FORBIDDEN');
    }
    expect(await written()).toEqual(before);
  });

  it('regroups the lots of a programme from a date, keeping the lots before it', async () => {
    const { createProgramme } = await ok(
      'admin',
      `mutation { createProgramme(input: { name: "Regrouped programme", contractingAuthority: "DfE", startsOn: "2021-05-31", endsOn: "2024-03-31", budget: "5300000.00" }) { id } }`,
    );
    const id = createProgramme.id as string;
    await ok('admin', `mutation ($input: VaryLotsInput!) { varyLots(input: $input) { id } }`, {
      input: {
        programmeId: id,
        effectiveOn: '2022-04-01',
        lots: [
          {
            number: 1,
            title: 'A Universal Offer',
            serviceLines: [
              'POLITICAL_LEADERSHIP',
              'CORPORATE_LEADERSHIP',
              'LEAD_MEMBER_NETWORKS',
              'COUNCILLOR_GROUPS',
            ],
          },
          {
            number: 2,
            title: 'A Targeted Support Offer',
            serviceLines: [
              'CORPORATE_PARENTING_DIAGNOSTIC',
              'TARGETED_SUPPORT',
              'COACHING_MENTORING',
            ],
          },
        ],
      },
    });
    const { programme } = await ok(
      'admin',
      `{ programme(id: "${id}") {
        before: lots(asOf: "2022-03-31") { number validTo }
        after: lots(asOf: "2022-04-01") { number title validFrom validTo serviceLines { code } }
        current: lots { title }
        lotHistory { number }
        serviceLines { code earlier: lot(asOf: "2022-03-15") { number } later: lot(asOf: "2022-04-01") { number } }
      } }`,
    );
    expect(programme.before).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((number) => ({ number, validTo: '2022-03-31' })),
    );
    expect(programme.after).toEqual([
      {
        number: 1,
        title: 'A Universal Offer',
        validFrom: '2022-04-01',
        validTo: null,
        serviceLines: [
          { code: 'POLITICAL_LEADERSHIP' },
          { code: 'CORPORATE_LEADERSHIP' },
          { code: 'LEAD_MEMBER_NETWORKS' },
          { code: 'COUNCILLOR_GROUPS' },
        ],
      },
      {
        number: 2,
        title: 'A Targeted Support Offer',
        validFrom: '2022-04-01',
        validTo: null,
        serviceLines: [
          { code: 'CORPORATE_PARENTING_DIAGNOSTIC' },
          { code: 'TARGETED_SUPPORT' },
          { code: 'COACHING_MENTORING' },
        ],
      },
    ]);
    expect(programme.current).toEqual([
      { title: 'A Universal Offer' },
      { title: 'A Targeted Support Offer' },
    ]);
    expect(programme.lotHistory).toHaveLength(9);
    expect(
      (programme.serviceLines as Array<{ code: string }>).find(
        (line) => line.code === 'COACHING_MENTORING',
      ),
    ).toEqual({ code: 'COACHING_MENTORING', earlier: { number: 7 }, later: { number: 2 } });
  });

  it('costs the same number of SQL statements however many suppliers and contracts it returns', async () => {
    const cost = async () => {
      const response = await call('admin', PROGRAMME, { id: DEFAULT });
      expect(response.errors).toBeUndefined();
      return Number(response.headers.get('x-sql-statements'));
    };
    const contractWithNewSupplier = async (n: number) => {
      const supplierId = await newSupplier(`Scale Supplier ${n} Ltd`, `s${n}@scale.example`);
      await ok('admin', CREATE_CONTRACT, { input: contractInput(supplierId, `SCALE-${n}`) });
    };
    await contractWithNewSupplier(1);
    const before = await cost();
    for (const n of [2, 3, 4]) await contractWithNewSupplier(n);
    expect(await cost()).toBe(before);
    // Sign-in (2); the programme (1); its allocations, lots, service lines, suppliers, where
    // those hold contracts, their contacts and contracts (1 each); targets and the counts they
    // come to (2); the contracts' programmes, suppliers and rates (1 each). Lots serve both
    // contracts and service lines.
    expect(before).toBe(15);
  });
});
