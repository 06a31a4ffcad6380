import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { dateInEngland } from '@la-tracker/platform/time';
import { Client } from 'pg';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

const DEFAULT = DEFAULT_PROGRAMME.id;

const FIELDS = `id month dueOn submittedOn late status sessionsDelivered participants spend note
  returnReason programme { id name } supplier { id name }`;
const SUBMIT = `mutation ($input: SubmitMonthlyReturnInput!) { submitMonthlyReturn(input: $input) { ${FIELDS} } }`;
const ACCEPT = `mutation ($id: ID!) { acceptMonthlyReturn(id: $id) { ${FIELDS} } }`;
const RETURN = `mutation ($id: ID!, $reason: String!) { returnMonthlyReturn(id: $id, reason: $reason) { ${FIELDS} } }`;
const LIST = `query ($filter: MonthlyReturnFilter, $first: Int) {
  monthlyReturns(filter: $filter, first: $first) { totalCount edges { node { id supplier { name } } } } }`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('monthly returns over HTTP', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let client: Client;
  const auth: Record<string, Record<string, string>> = {};
  let northStar: string;
  let partners: string;
  let otherProgramme: string;

  const call = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, auth[who]);
  const ok = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const response = await call(who, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const bearer = async (who: string, role: string, ...scope: string[]) => {
    auth[who] = { authorization: `Bearer ${await tokenFor(database.url, role, ...scope)}` };
  };

  /** Rows that any refused request must leave as they were. */
  const writes = async () => ({
    returns: (await client.query('SELECT * FROM monthly_return ORDER BY id')).rows,
    audit: (await client.query('SELECT count(*) FROM audit_event')).rows[0],
  });

  const figures = (month: string, programmeId: string = DEFAULT) => ({
    programmeId,
    month,
    sessionsDelivered: 2,
    participants: 9,
    spend: '2500.00',
  });
  const submitted = async (who: string, month: string) =>
    (await ok(who, SUBMIT, { input: figures(month) })).submitMonthlyReturn.id as string;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    await bearer('admin', 'ADMIN');
    await bearer('manager', 'PROGRAMME_MANAGER', '--programme', DEFAULT);
    await bearer('otherManager', 'PROGRAMME_MANAGER');
    await bearer('adviser', 'REGIONAL_ADVISER', '--region', 'E12000001');

    // The golden scenario's suppliers and their contracts, made as a manager would make them.
    const { programme } = await ok(
      'admin',
      `{ programme(id: "${DEFAULT}") { lots(asOf: "2021-05-31") { id number } } }`,
    );
    const lot = (n: number) =>
      (programme.lots as Array<{ id: string; number: number }>).find((l) => l.number === n)!.id;
    const supplier = async (name: string, contactEmail: string) =>
      (
        await ok(
          'admin',
          `mutation ($input: CreateSupplierInput!) { createSupplier(input: $input) { id } }`,
          { input: { name, contactEmail } },
        )
      ).createSupplier.id as string;
    const contract = (supplierId: string, lotId: string, reference: string, rate: object) =>
      ok(
        'manager',
        `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
        {
          input: {
            programmeId: DEFAULT,
            supplierId,
            lotId,
            reference,
            value: '250000.00',
            startsOn: '2021-05-31',
            endsOn: '2024-03-31',
            rates: [rate],
          },
        },
      );
    northStar = await supplier('North Star Leadership Ltd', 'returns@north-star.example');
    partners = await supplier('Corporate Parenting Partners', 'office@cpp.example');
    await contract(northStar, lot(1), 'A1', { unit: 'PER_SESSION', amount: '1250.00' });
    await contract(partners, lot(4), 'B4', { unit: 'PER_DIAGNOSTIC', amount: '18500.00' });
    await bearer('northStar', 'SUPPLIER', '--supplier', northStar);
    await bearer('partners', 'SUPPLIER', '--supplier', partners);

    // A manager who creates a programme manages it, and not the default one.
    otherProgramme = (
      await ok(
        'otherManager',
        `mutation { createProgramme(input: { name: "Coaching for new leaders", contractingAuthority: "DfE", startsOn: "2021-04-01", endsOn: "2025-03-31", budget: "200000.00" }) { id } }`,
      )
    ).createProgramme.id;
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await client?.end();
    await database?.drop();
  });

  it("runs North Star's December 2022 return: submitted, sent back, submitted again, accepted", async () => {
    const { submitMonthlyReturn: first } = await ok('northStar', SUBMIT, {
      input: {
        programmeId: DEFAULT,
        month: '2022-12',
        sessionsDelivered: 1,
        participants: 2,
        spend: '1250.00',
        note: 'Leeds cohort, 19 December',
      },
    });
    expect(first).toMatchObject({
      month: '2022-12',
      dueOn: '2023-01-09', // the 5th working day of January: the 2nd is a bank holiday
      late: true, // submitted today, long after
      status: 'SUBMITTED',
      sessionsDelivered: 1,
      participants: 2,
      spend: '1250.00',
      note: 'Leeds cohort, 19 December',
      returnReason: null,
      programme: { id: DEFAULT, name: 'Local Authority and Political Leadership Support' },
      supplier: { id: northStar, name: 'North Star Leadership Ltd' },
    });
    expect(first.submittedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const reason = 'The Leeds session of 19 December was planned but never recorded as delivered.';
    const { returnMonthlyReturn: returned } = await ok('manager', RETURN, { id: first.id, reason });
    expect(returned).toMatchObject({ status: 'RETURNED', returnReason: reason });

    const { submitMonthlyReturn: again } = await ok('northStar', SUBMIT, {
      input: {
        programmeId: DEFAULT,
        month: '2022-12',
        sessionsDelivered: 0,
        participants: 0,
        spend: '0.00',
        note: 'The Leeds session planned for 19 December did not take place.',
      },
    });
    expect(again).toMatchObject({
      id: first.id,
      status: 'SUBMITTED',
      sessionsDelivered: 0,
      spend: '0.00',
      submittedOn: first.submittedOn,
      dueOn: '2023-01-09',
    });

    const { acceptMonthlyReturn: accepted } = await ok('manager', ACCEPT, { id: first.id });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', spend: '0.00', participants: 0 });

    const { monthlyReturn } = await ok(
      'northStar',
      `{ monthlyReturn(id: "${first.id}") { status } }`,
    );
    expect(monthlyReturn.status).toBe('ACCEPTED');
    const { auditEvents } = await ok(
      'manager',
      `{ auditEvents(filter: { entityId: "${first.id}" }) { edges { node { action changes { field before after } } } } }`,
    );
    const actions = (auditEvents.edges as Array<{ node: { action: string } }>).map(
      (edge) => edge.node.action,
    );
    expect(actions).toEqual([
      'monthly-return.accept',
      'monthly-return.resubmit',
      'monthly-return.return',
      'monthly-return.submit',
    ]);
    expect(auditEvents.edges[1].node.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', before: '"RETURNED"', after: '"SUBMITTED"' },
        { field: 'spendPence', before: '125000', after: '0' },
      ]),
    );
  });

  it('refuses each illegal request with its code and writes nothing', async () => {
    const waiting = await submitted('northStar', '2022-11');
    const accepted = await submitted('northStar', '2022-10');
    await ok('manager', ACCEPT, { id: accepted });
    const currentMonth = dateInEngland(new Date()).slice(0, 7);
    const before = await writes();
    const refusals: Array<[string, string, string, Record<string, unknown>]> = [
      ['CONFLICT', 'northStar', SUBMIT, { input: figures('2022-11') }],
      ['CONFLICT', 'northStar', SUBMIT, { input: figures('2022-10') }],
      // Partners hold no contract in the other programme: it is none of their business.
      ['NOT_FOUND', 'partners', SUBMIT, { input: figures('2022-11', otherProgramme) }],
      [
        'NOT_FOUND',
        'partners',
        `query ($id: ID!) { monthlyReturn(id: $id) { id } }`,
        { id: waiting },
      ],
      ['NOT_FOUND', 'otherManager', ACCEPT, { id: waiting }],
      ['FORBIDDEN', 'northStar', ACCEPT, { id: waiting }],
      ['FORBIDDEN', 'manager', SUBMIT, { input: figures('2022-09') }],
      [
        'FORBIDDEN',
        'adviser',
        `query ($id: ID!) { monthlyReturn(id: $id) { id } }`,
        { id: waiting },
      ],
      ['BAD_USER_INPUT', 'northStar', SUBMIT, { input: figures(currentMonth) }],
      [
        'BAD_USER_INPUT',
        'northStar',
        SUBMIT,
        { input: { ...figures('2022-09'), participants: -1 } },
      ],
      ['BAD_USER_INPUT', 'manager', RETURN, { id: waiting, reason: ' ' }],
      ['INVALID_TRANSITION', 'manager', ACCEPT, { id: accepted }],
      ['INVALID_TRANSITION', 'admin', RETURN, { id: accepted, reason: 'Too late' }],
    ];
    for (const [code, who, query, variables] of refusals) {
      const response = await call(who, query, variables);
      expect({ who, variables, code: codeOf(response), data: response.data ?? null }).toEqual({
        who,
        variables,
        code,
        data: null,
      });
    }
    expect(await writes()).toEqual(before);

    const current = await call('northStar', SUBMIT, { input: figures(currentMonth) });
    expect(current.errors![0].message).toContain(
      `input.month: must be a month that has ended: a return for ${currentMonth} may be made from`,
    );
    const second = await call('northStar', SUBMIT, { input: figures('2022-11') });
    expect(second.errors![0].message).toBe(
      "The return for 2022-11 has been SUBMITTED already: it waits for the programme's decision.",
    );
  });

  it("shows each supplier its own returns and each manager its programmes'", async () => {
    const ours = await submitted('northStar', '2022-09');
    const theirs = await submitted('partners', '2022-09');
    const ids = async (who: string, filter: Record<string, unknown>) =>
      ((await ok(who, LIST, { filter })).monthlyReturns.edges as Array<{ node: { id: string } }>)
        .map((edge) => edge.node.id)
        .sort();

    const september = { month: '2022-09' };
    expect(await ids('northStar', september)).toEqual([ours]);
    expect(await ids('partners', september)).toEqual([theirs]);
    expect(await ids('manager', september)).toEqual([ours, theirs].sort());
    expect(await ids('admin', { ...september, supplierId: partners })).toEqual([theirs]);
    expect(await ids('otherManager', september)).toEqual([]);
    expect(await ids('otherManager', { programmeId: DEFAULT })).toEqual([]);
    expect(codeOf(await call('adviser', LIST, { filter: september }))).toBe('FORBIDDEN');
    expect(codeOf(await call('otherManager', `{ monthlyReturn(id: "${ours}") { id } }`))).toBe(
      'NOT_FOUND',
    );
  });

  it('costs the same few SQL statements for a page of 20 returns as for 2', async () => {
    // Twenty months of returns in the other programme, straight into the table.
    await client.query(
      `INSERT INTO monthly_return (programme_id, supplier_id, month, status, sessions_delivered,
                                   participants, spend_pence, first_submitted_at, submitted_at)
       SELECT $1, $2, month, 'SUBMITTED', 1, 5, 125000, now(), now()
         FROM generate_series('2023-01-01'::date, '2024-08-01'::date, interval '1 month') month`,
      [otherProgramme, partners],
    );
    const cost = async (first: number) => {
      const response = await call(
        'admin',
        `{ monthlyReturns(first: ${first}, filter: { programmeId: "${otherProgramme}" }) {
          totalCount edges { node { month dueOn late spend programme { name } supplier { name } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.monthlyReturns.totalCount).toBe(20);
      expect(response.data!.monthlyReturns.edges).toHaveLength(first);
      return Number(response.headers.get('x-sql-statements'));
    };
    const two = await cost(2);
    expect(await cost(20)).toBe(two);
    // Sign-in (2), the page and its count (2), programmes (1), suppliers (1).
    expect(two).toBeLessThanOrEqual(6);
  });
});
