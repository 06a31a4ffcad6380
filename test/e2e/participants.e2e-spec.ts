import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import { tokenFor } from '../support/tokens';

/**
 * Participants over HTTP (SPEC §5.11): who may add, list, change and erase them, and what erasure
 * leaves behind. Sandwell is coached under lot 7 by North Star; its leader is the participant.
 */
const PROGRAMME = DEFAULT_PROGRAMME.id;
const SANDWELL = 'E08000028';
const WEST_MIDLANDS = 'E12000005';

const PARTICIPANT = `id name email role erasedAt erasedByUserId localAuthority { name } engagement { id }`;
const ADD = `mutation ($input: AddParticipantInput!) { addParticipant(input: $input) { ${PARTICIPANT} } }`;
const ERASE = `mutation ($id: ID!) { eraseParticipant(id: $id) { ${PARTICIPANT} } }`;
const UPDATE = `mutation ($input: UpdateParticipantInput!) { updateParticipant(input: $input) { ${PARTICIPANT} } }`;
const LIST = `query ($filter: ParticipantFilter, $first: Int, $after: String) {
  participants(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${PARTICIPANT} } } } }`;

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('participants over HTTP', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let client: Client;
  const auth: Record<string, Record<string, string>> = {};
  let engagementId: string;
  /** Five more people, so a page of 5 and one of 100 differ. */
  let cohortEngagementId: string;

  const as = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, auth[who]);
  const ok = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const response = await as(who, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const add = (who: string, name: string, email: string | null, role = 'LEADER_OF_COUNCIL') =>
    as(who, ADD, { input: { engagementId, name, email, role } });

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    const bearer = async (role: string, ...scope: string[]) => ({
      authorization: `Bearer ${await tokenFor(database.url, role, ...scope)}`,
    });
    auth.admin = await bearer('ADMIN');
    auth.manager = await bearer('PROGRAMME_MANAGER', '--programme', PROGRAMME);
    auth.adviser = await bearer('REGIONAL_ADVISER', '--region', WEST_MIDLANDS);

    const { createProgramme } = await ok(
      'admin',
      `mutation { createProgramme(input: { name: "Another programme", contractingAuthority: "DfE", startsOn: "2022-04-01", endsOn: "2025-03-31", budget: "1000.00" }) { id } }`,
    );
    auth.otherManager = await bearer('PROGRAMME_MANAGER', '--programme', createProgramme.id);

    const { programme } = await ok(
      'manager',
      `{ programme(id: "${PROGRAMME}") { lots(asOf: "2021-06-01") { id number } } }`,
    );
    const lot = (n: number) =>
      (programme.lots as Array<{ id: string; number: number }>).find((l) => l.number === n)!.id;
    const supplier = async (name: string, contactEmail: string) =>
      (
        await ok(
          'manager',
          `mutation ($input: CreateSupplierInput!) { createSupplier(input: $input) { id } }`,
          { input: { name, contactEmail } },
        )
      ).createSupplier.id as string;
    const northStar = await supplier('North Star Leadership Ltd', 'ops@northstar.example');
    const elsewhere = await supplier('Elsewhere Learning Ltd', 'ops@elsewhere.example');
    const contract = async (reference: string, supplierId: string, lotNumber: number) =>
      (
        await ok(
          'manager',
          `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
          {
            input: {
              programmeId: PROGRAMME,
              supplierId,
              lotId: lot(lotNumber),
              reference,
              value: '100000.00',
              startsOn: '2021-05-31',
              endsOn: '2024-03-31',
              rates: [{ unit: 'PER_HOUR', amount: '95.00' }],
            },
          },
        )
      ).createContract.id as string;
    const a7 = await contract('A7', northStar, 7);
    await contract('X1', elsewhere, 1);
    auth.northStar = await bearer('SUPPLIER', '--supplier', northStar);
    auth.elsewhere = await bearer('SUPPLIER', '--supplier', elsewhere);

    const approved = async (code: string, serviceLine: string, contractId: string) => {
      const { referLocalAuthority } = await ok(
        'manager',
        `mutation ($input: ReferLocalAuthorityInput!) { referLocalAuthority(input: $input) { id } }`,
        {
          input: {
            programmeId: PROGRAMME,
            serviceLine,
            localAuthorityCode: code,
            financialYear: '2022-23',
            reason: 'New leader of the council',
            referredOn: '2022-06-01',
          },
        },
      );
      await ok(
        'manager',
        `mutation ($input: ApproveEngagementInput!) { approveEngagement(input: $input) { id } }`,
        {
          input: {
            engagementId: referLocalAuthority.id,
            contractId,
            decidedOn: '2022-06-08',
            overrideReason: 'Asked for by the regional adviser',
          },
        },
      );
      return referLocalAuthority.id as string;
    };
    engagementId = await approved(SANDWELL, 'COACHING_MENTORING', a7);
    cohortEngagementId = await approved('E08000027', 'COACHING_MENTORING', a7); // Dudley
    for (let i = 1; i <= 5; i += 1)
      await ok('northStar', ADD, {
        input: {
          engagementId: cohortEngagementId,
          name: `Dudley Leader ${i}`,
          email: `leader${i}@dudley.example`,
          role: 'CABINET_MEMBER',
        },
      });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await client?.end();
    await database?.drop();
  });

  it("lets the engagement's supplier add its leader, in the engagement's LA", async () => {
    const { addParticipant } = await ok('northStar', ADD, {
      input: {
        engagementId,
        name: '  Robin  Hart ',
        email: 'Robin.Hart@Sandwell.example',
        role: 'LEADER_OF_COUNCIL',
      },
    });
    expect(addParticipant).toMatchObject({
      name: 'Robin Hart',
      email: 'robin.hart@sandwell.example',
      role: 'LEADER_OF_COUNCIL',
      erasedAt: null,
      localAuthority: { name: 'Sandwell' },
      engagement: { id: engagementId },
    });
  });

  it('lets managers of the programme and admins add; refuses bad input field by field', async () => {
    expect(codeOf(await add('manager', 'Chris Page', null, 'CHIEF_EXECUTIVE'))).toBeUndefined();
    expect(
      codeOf(await add('admin', 'Dana Field', 'dana@sandwell.example', 'LEAD_MEMBER')),
    ).toBeUndefined();
    const bad = await add('manager', ' ', 'dana@');
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(
      /name: must be 1 to 200 characters; email: must be an e-mail address/,
    );
    expect(codeOf(await add('manager', 'Dana Field', 'DANA@sandwell.example'))).toBe('CONFLICT');
  });

  it("answers NOT_FOUND to another supplier and another programme's manager, FORBIDDEN to advisers", async () => {
    expect(codeOf(await add('elsewhere', 'Someone', null))).toBe('NOT_FOUND');
    expect(codeOf(await add('otherManager', 'Someone', null))).toBe('NOT_FOUND');
    expect(codeOf(await add('adviser', 'Someone', null))).toBe('FORBIDDEN');
    for (const who of ['elsewhere', 'otherManager'])
      expect((await ok(who, LIST, { filter: { engagementId } })).participants.totalCount).toBe(0);
    expect(codeOf(await as('adviser', LIST, {}))).toBe('FORBIDDEN');
  });

  it('shows Engagement.participants to its supplier and managers, and refuses it to advisers', async () => {
    const query = `{ engagement(id: "${engagementId}") { id participants { name role } } }`;
    const { engagement } = await ok('northStar', query);
    expect(engagement.participants).toEqual(
      expect.arrayContaining([{ name: 'Robin Hart', role: 'LEADER_OF_COUNCIL' }]),
    );
    expect((await ok('manager', query)).engagement.participants).toEqual(engagement.participants);
    // The adviser sees Sandwell's engagement (their region), but not the people on it.
    const refused = await as('adviser', query);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.path).toEqual(['engagement', 'participants']);
    expect(
      (await ok('adviser', `{ engagement(id: "${engagementId}") { id } }`)).engagement.id,
    ).toBe(engagementId);
  });

  it('lists by programme, engagement and LA, a page at a time', async () => {
    const sandwell = await ok('manager', LIST, {
      filter: { programmeId: PROGRAMME, localAuthorityCode: SANDWELL },
      first: 2,
    });
    expect(sandwell.participants.totalCount).toBe(
      (await ok('admin', LIST, { filter: { engagementId } })).participants.totalCount,
    );
    const next = await ok('manager', LIST, {
      filter: { programmeId: PROGRAMME, localAuthorityCode: SANDWELL },
      first: 100,
      after: sandwell.participants.pageInfo.endCursor,
    });
    const names = [...sandwell.participants.edges, ...next.participants.edges].map(
      (edge: { node: { localAuthority: { name: string } } }) => edge.node.localAuthority.name,
    );
    expect(names.length).toBe(sandwell.participants.totalCount);
    expect(new Set(names)).toEqual(new Set(['Sandwell']));
    expect(codeOf(await as('manager', LIST, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await as('manager', LIST, { after: 'forged' }))).toBe('BAD_USER_INPUT');
  });

  it("corrects a participant, within the caller's scope", async () => {
    const { addParticipant } = await ok('northStar', ADD, {
      input: {
        engagementId,
        name: 'Jamie Fix',
        email: 'jamie@sandwell.example',
        role: 'COUNCILLOR',
      },
    });
    const { updateParticipant } = await ok('northStar', UPDATE, {
      input: { id: addParticipant.id, name: 'Jamie Fixed', role: 'CABINET_MEMBER' },
    });
    expect(updateParticipant).toMatchObject({
      name: 'Jamie Fixed',
      email: 'jamie@sandwell.example',
      role: 'CABINET_MEMBER',
    });
    expect(
      codeOf(await as('elsewhere', UPDATE, { input: { id: addParticipant.id, name: 'X' } })),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(await as('adviser', UPDATE, { input: { id: addParticipant.id, name: 'X' } })),
    ).toBe('FORBIDDEN');
  });

  it('erases a person on request, keeps the record and every count, and refuses a second erasure', async () => {
    const { addParticipant } = await ok('northStar', ADD, {
      input: {
        engagementId,
        name: 'Avery Erased',
        email: 'avery.erased@sandwell.example',
        role: 'LEADER_OF_COUNCIL',
      },
    });
    const id = addParticipant.id as string;
    for (const who of ['elsewhere', 'otherManager'])
      expect(codeOf(await as(who, ERASE, { id }))).toBe('NOT_FOUND');
    expect(codeOf(await as('adviser', ERASE, { id }))).toBe('FORBIDDEN');
    const countBefore = (await ok('manager', LIST, { filter: { engagementId } })).participants
      .totalCount;

    const { eraseParticipant } = await ok('manager', ERASE, { id });
    const { me } = await ok('manager', '{ me { userId } }');
    expect(eraseParticipant).toMatchObject({
      id,
      name: 'Erased participant',
      email: null,
      role: 'LEADER_OF_COUNCIL',
      erasedByUserId: me.userId,
      localAuthority: { name: 'Sandwell' },
      engagement: { id: engagementId },
    });
    expect(eraseParticipant.erasedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await ok('manager', LIST, { filter: { engagementId } })).participants.totalCount).toBe(
      countBefore,
    );

    const again = await as('admin', ERASE, { id });
    expect(codeOf(again)).toBe('INVALID_TRANSITION');
    expect(again.errors?.[0]?.message).toMatch(
      /^This participant was erased at .*nothing is left to erase/,
    );

    const { rows } = await client.query(`SELECT * FROM participant WHERE id = $1`, [id]);
    expect(JSON.stringify(rows)).not.toMatch(/Avery|avery\.erased/i);
    const audit = await client.query(
      `SELECT action, before, after FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.rows.map((row: { action: string }) => row.action)).toEqual([
      'participant.add',
      'participant.erase',
    ]);
    expect(JSON.stringify((await client.query('SELECT * FROM audit_event')).rows)).not.toMatch(
      /Avery|avery\.erased/i,
    );
  });

  it('costs a fixed number of SQL statements per page, however many participants it shows', async () => {
    const cost = async (first: number) => {
      const response = await as(
        'admin',
        `{ participants(first: ${first}) { totalCount edges { node { name localAuthority { name region { name } } engagement { id status } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      return Number(response.headers.get('x-sql-statements'));
    };
    const five = await cost(5);
    const hundred = await cost(100);
    expect(hundred).toBe(five);
    // Sign-in (2), the page and its count (2), engagements (1), LAs by id (1), regions (1).
    expect(hundred).toBeLessThanOrEqual(8);

    const nested = async (first: number) => {
      const response = await as(
        'admin',
        `{ engagements(first: ${first}) { edges { node { id participants { name } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      return Number(response.headers.get('x-sql-statements'));
    };
    expect(await nested(1)).toBe(await nested(100));
  });
});
