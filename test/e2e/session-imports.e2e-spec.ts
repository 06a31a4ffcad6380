import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils, write } from '@e965/xlsx';
import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import { readEnvironment } from '@la-tracker/platform/config';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { startApi, type RunningApi } from '../support/api';
import { CLI, run } from '../support/cli';
import { tokenFor } from '../support/tokens';

/**
 * Bulk upload of delivered sessions over HTTP and from the command line, on the seeded default
 * programme: North Star holds contract A1 (lot 1, political leadership), Elsewhere holds Z1.
 */
const PROGRAMME = DEFAULT_PROGRAMME.id;
const TEMPLATES = join(__dirname, '../../docs/templates');
const HEADER = [
  'session_reference',
  'service_line',
  'delivered_on',
  'duration_minutes',
  'format',
  'topic',
  'local_authority',
  'engagement_id',
  'lead_member',
  'leader_of_council',
  'cabinet_member',
  'councillor',
  'chief_executive',
  'director_of_childrens_services',
  'chief_finance_officer',
  'hr_lead',
  'it_lead',
  'other_senior_leader',
  'notes',
];
/** The reference scenario's S1: Hartlepool 1 lead member and 3 cabinet members, etc. */
const S1_CSV = [
  HEADER.join(','),
  'NS-S1,POLITICAL_LEADERSHIP,2022-06-14,180,In person,Corporate parenting,E06000001,,1,,3,,,,,,,,',
  'NS-S1,POLITICAL_LEADERSHIP,2022-06-14,180,In person,Corporate parenting,806,,1,,,,,,,,,,',
  'NS-S1,POLITICAL_LEADERSHIP,2022-06-14,180,In person,Corporate parenting,Redcar and Cleveland,,1,,,1,,,,,,,',
].join('\r\n');

const IMPORT = `mutation ($input: ImportSessionsInput!) { importSessions(input: $input) {
  fileName dryRun rowsRead sessions { reference rows sessionId status deliveredOn localAuthorities attendees }
} }`;
const SESSIONS = `query ($filter: DeliverySessionFilter) { deliverySessions(first: 20, filter: $filter) {
  totalCount edges { node { id reference status deliveredOn durationMinutes format topic
    engagements { localAuthority { name } }
    attendance { localAuthority { name } role count } } }
} }`;

const base64 = (content: string | Buffer) => Buffer.from(content).toString('base64');

describe('bulk upload of delivered sessions', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let client: Client;
  let dir: string;
  const auth: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};

  const as = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.graphql(query, variables, auth[who]);
  const ok = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const response = await as(who, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const importAs = (who: string, fileName: string, content: string | Buffer, extra = {}) =>
    as(who, IMPORT, {
      input: { fileName, contentBase64: base64(content), ...extra },
    });
  const written = async () => ({
    sessions: (await client.query('SELECT id, status FROM delivery_session ORDER BY id')).rows,
    attendance: (await client.query('SELECT count(*) FROM session_attendance')).rows[0],
    engagements: (await client.query('SELECT id, status FROM engagement ORDER BY id')).rows,
    audit: (await client.query('SELECT count(*) FROM audit_event')).rows[0],
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    dir = mkdtempSync(join(tmpdir(), 'session-imports-'));
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    const bearer = async (role: string, ...scope: string[]) => ({
      authorization: `Bearer ${await tokenFor(database.url, role, ...scope)}`,
    });
    auth.manager = await bearer('PROGRAMME_MANAGER', '--programme', PROGRAMME);
    const { programme } = await ok(
      'manager',
      `{ programme(id: "${PROGRAMME}") { lots(asOf: "2021-06-01") { id number } } }`,
    );
    const lot1 = (programme.lots as Array<{ id: string; number: number }>).find(
      (l) => l.number === 1,
    )!.id;
    for (const [key, name] of [
      ['northStar', 'North Star Leadership Ltd'],
      ['elsewhere', 'Elsewhere Learning Ltd'],
    ]) {
      const { createSupplier } = await ok(
        'manager',
        `mutation ($input: CreateSupplierInput!) { createSupplier(input: $input) { id } }`,
        { input: { name, contactEmail: `ops@${key.toLowerCase()}.example` } },
      );
      ids[key] = createSupplier.id;
      const { createContract } = await ok(
        'manager',
        `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`,
        {
          input: {
            programmeId: PROGRAMME,
            supplierId: ids[key],
            lotId: lot1,
            reference: key === 'northStar' ? 'A1' : 'Z1',
            value: '250000.00',
            startsOn: '2021-05-31',
            endsOn: '2024-03-31',
            rates: [{ unit: 'PER_SESSION', amount: '1250.00' }],
          },
        },
      );
      ids[`${key}Contract`] = createContract.id;
      auth[key] = await bearer('SUPPLIER', '--supplier', ids[key]);
    }
    const approved = async (gssCode: string, contractId: string) => {
      const { referLocalAuthority } = await ok(
        'manager',
        `mutation ($input: ReferLocalAuthorityInput!) { referLocalAuthority(input: $input) { id } }`,
        {
          input: {
            programmeId: PROGRAMME,
            serviceLine: 'POLITICAL_LEADERSHIP',
            localAuthorityCode: gssCode,
            financialYear: '2022-23',
            reason: 'Support asked for by the council',
            referredOn: '2022-06-01',
          },
        },
      );
      await ok(
        'manager',
        `mutation ($input: ApproveEngagementInput!) { approveEngagement(input: $input) { id } }`,
        { input: { engagementId: referLocalAuthority.id, contractId, decidedOn: '2022-06-08' } },
      );
      return referLocalAuthority.id as string;
    };
    for (const [name, code] of [
      ['hartlepool', 'E06000001'],
      ['middlesbrough', 'E06000002'],
      ['redcar', 'E06000003'],
      ['leeds', 'E08000035'],
      ['sheffield', 'E08000039'],
    ])
      ids[name] = await approved(code, ids.northStarContract);
    ids.stockton = await approved('E06000004', ids.elsewhereContract);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await client?.end();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the templates committed under docs/templates, to anyone', async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const csv = await fetch(`${base}/templates/sessions-import.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toBe(
      readFileSync(join(TEMPLATES, 'sessions-import-template.csv'), 'utf8'),
    );
    const xlsx = await fetch(`${base}/templates/sessions-import.xlsx`);
    expect(xlsx.headers.get('content-disposition')).toBe(
      'attachment; filename="sessions-import-template.xlsx"',
    );
    expect(
      Buffer.from(await xlsx.arrayBuffer()).equals(
        readFileSync(join(TEMPLATES, 'sessions-import-template.xlsx')),
      ),
    ).toBe(true);
  });

  it('writes nothing on a dry run, then imports a cohort session from CSV, seen through deliverySessions', async () => {
    const before = await written();
    const dryRun = await ok('northStar', IMPORT, {
      input: { fileName: 's1.csv', contentBase64: base64(S1_CSV), dryRun: true },
    });
    expect(dryRun.importSessions).toEqual({
      fileName: 's1.csv',
      dryRun: true,
      rowsRead: 3,
      sessions: [
        {
          reference: 'NS-S1',
          rows: [2, 3, 4],
          sessionId: null,
          status: 'DRAFT',
          deliveredOn: '2022-06-14',
          localAuthorities: 3,
          attendees: 7,
        },
      ],
    });
    expect(await written()).toEqual(before);

    const { importSessions } = await ok('northStar', IMPORT, {
      input: { fileName: 's1.csv', contentBase64: base64(S1_CSV) },
    });
    const [imported] = importSessions.sessions;
    const { deliverySessions } = await ok('northStar', SESSIONS, {
      filter: { engagementId: ids.middlesbrough },
    });
    expect(deliverySessions.totalCount).toBe(1);
    expect(deliverySessions.edges[0].node).toEqual({
      id: imported.sessionId,
      reference: 'NS-S1',
      status: 'DRAFT',
      deliveredOn: '2022-06-14',
      durationMinutes: 180,
      format: 'IN_PERSON',
      topic: 'Corporate parenting',
      engagements: expect.arrayContaining([
        { localAuthority: { name: 'Hartlepool' } },
        { localAuthority: { name: 'Middlesbrough' } },
        { localAuthority: { name: 'Redcar and Cleveland' } },
      ]),
      attendance: [
        { localAuthority: { name: 'Hartlepool' }, role: 'LEAD_MEMBER', count: 1 },
        { localAuthority: { name: 'Hartlepool' }, role: 'CABINET_MEMBER', count: 3 },
        { localAuthority: { name: 'Middlesbrough' }, role: 'LEAD_MEMBER', count: 1 },
        { localAuthority: { name: 'Redcar and Cleveland' }, role: 'LEAD_MEMBER', count: 1 },
        { localAuthority: { name: 'Redcar and Cleveland' }, role: 'COUNCILLOR', count: 1 },
      ],
    });
  });

  it('refuses the same file again, row by row, and writes nothing', async () => {
    const before = await written();
    const response = await importAs('northStar', 's1.csv', S1_CSV);
    expect(response.data).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.problems).toEqual(
      [2, 3, 4].map((row) => ({
        row,
        column: 'session_reference',
        message: expect.stringMatching(
          /^session NS-S1 was already imported \(session [0-9a-f-]+\)/,
        ),
      })),
    );
    expect(await written()).toEqual(before);
  });

  it('imports an XLSX with a real date cell, and submits it when asked', async () => {
    const workbook = utils.book_new();
    const sheet = utils.aoa_to_sheet(
      [
        HEADER,
        [
          'NS-S2',
          'Political leadership',
          new Date(Date.UTC(2022, 6, 5)),
          120,
          'ONLINE',
          'Scrutiny',
          'Leeds',
          '',
          1,
          1,
        ],
      ],
      { cellDates: true },
    );
    utils.book_append_sheet(workbook, sheet, 'Sessions');
    const xlsx = write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const { importSessions } = await ok('northStar', IMPORT, {
      input: { fileName: 's2.xlsx', contentBase64: base64(xlsx), submit: true },
    });
    expect(importSessions.sessions).toEqual([
      expect.objectContaining({ reference: 'NS-S2', status: 'SUBMITTED', attendees: 2 }),
    ]);
    const { deliverySessions } = await ok('manager', SESSIONS, {
      filter: { localAuthorityCode: 'E08000035' },
    });
    const edges = deliverySessions.edges as Array<{ node: unknown }>;
    expect(edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        reference: 'NS-S2',
        status: 'SUBMITTED',
        deliveredOn: '2022-07-05',
        attendance: [
          { localAuthority: { name: 'Leeds' }, role: 'LEAD_MEMBER', count: 1 },
          { localAuthority: { name: 'Leeds' }, role: 'LEADER_OF_COUNCIL', count: 1 },
        ],
      }),
    ]);
  });

  it('refuses a file with problems row by row, writing none of its good rows', async () => {
    const before = await written();
    const response = await importAs(
      'northStar',
      'bad.csv',
      [
        HEADER.join(','),
        'NS-S3,POLITICAL_LEADERSHIP,2022-09-13,90,ONLINE,Budgets,Sheffield,,1,,,,,,,,,,',
        'NS-S4,POLITICAL_LEADERSHIP,2099-01-01,90,ONLINE,Budgets,E08000035,,1,,,,,,,,,,',
        'NS-S5,POLITICAL_LEADERSHIP,2022-09-14,5,Zoom,Budgets,E08000035,,-2,,,,,,,,,,',
      ].join('\n'),
    );
    // NS-S3 alone is good; NS-S5's cells are unreadable, so the sessions service never sees it.
    expect(response.errors?.[0].message).toMatch(/^"bad.csv" was not imported: 4 problems\./);
    expect(response.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        { row: 3, column: 'delivered_on', message: 'must not be in the future' },
        {
          row: 3,
          column: 'delivered_on',
          message: 'must fall within contract A1 (2021-05-31 to 2024-03-31)',
        },
        { row: 4, column: 'format', message: 'must be IN_PERSON, ONLINE, HYBRID' },
        { row: 4, column: 'lead_member', message: 'must not be negative' },
      ],
    });
    expect(await written()).toEqual(before);
  });

  it("answers another supplier's LA and engagement as if they did not exist", async () => {
    const unknown = await importAs(
      'elsewhere',
      'theirs.csv',
      [
        HEADER.join(','),
        'EL-1,POLITICAL_LEADERSHIP,2022-09-13,90,ONLINE,Budgets,Hartlepool,,1,,,,,,,,,,',
        `EL-2,POLITICAL_LEADERSHIP,2022-09-13,90,ONLINE,Budgets,Leeds,${ids.leeds},1,,,,,,,,,,`,
        'EL-3,POLITICAL_LEADERSHIP,2022-09-13,90,ONLINE,Budgets,Darlington,,1,,,,,,,,,,',
        'EL-4,POLITICAL_LEADERSHIP,2022-09-13,90,ONLINE,Budgets,Leeds,00000000-0000-4000-8000-000000000000,1,,,,,,,,,,',
      ].join('\n'),
    );
    // Hartlepool (North Star's) reads as Darlington (no one's); Leeds's engagement as a made-up id.
    expect(unknown.errors?.[0].extensions?.problems).toEqual([
      {
        row: 2,
        column: 'local_authority',
        message:
          'Hartlepool has no APPROVED or IN_DELIVERY POLITICAL_LEADERSHIP engagement under your contracts',
      },
      { row: 3, column: 'engagement_id', message: 'no engagement of yours has this id' },
      {
        row: 4,
        column: 'local_authority',
        message:
          'Darlington has no APPROVED or IN_DELIVERY POLITICAL_LEADERSHIP engagement under your contracts',
      },
      { row: 5, column: 'engagement_id', message: 'no engagement of yours has this id' },
    ]);
    expect(JSON.stringify(unknown)).not.toContain('North Star');
  });

  it('refuses a file that is not a sessions template, saying which columns it lacks', async () => {
    const response = await importAs('northStar', 'notes.csv', 'la,date\nLeeds,2022-06-14\n');
    expect(response.errors?.[0].extensions?.problems).toEqual([
      {
        row: null,
        column: null,
        message: expect.stringMatching(
          /^This is not a sessions template: it lacks the columns session_reference, service_line, delivered_on, duration_minutes, format, topic, local_authority, lead_member, /,
        ),
      },
    ]);
    const garbled = await as('northStar', IMPORT, {
      input: { fileName: 'x.csv', contentBase64: 'not base64!' },
    });
    expect(garbled.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'input.contentBase64', message: 'must be the file’s bytes, base64-encoded' },
      ],
    });
  });

  it('says a file is too big itself: the largest it takes still fits in a request', async () => {
    const response = await importAs('northStar', 'big.csv', 'x'.repeat(64 * 1024 + 1));
    expect(response.status).toBe(200);
    expect(response.errors?.[0].extensions?.problems).toEqual([
      {
        row: null,
        column: null,
        message:
          '"big.csv" is 65 KB; files of at most 64 KB are imported. Split it into smaller files.',
      },
    ]);
  });

  describe('npm run cli -- import-sessions', () => {
    const cli = (...args: string[]) =>
      run(CLI, ['import-sessions', ...args], {
        ...readEnvironment(),
        DATABASE_URL: database.url,
        LOG_LEVEL: 'warn',
      });

    it('checks on a dry run, imports, and exits non-zero listing the problems of a re-import', async () => {
      const file = join(dir, 'sheffield.csv');
      writeFileSync(
        file,
        [
          HEADER.join(','),
          'NS-S6,POLITICAL_LEADERSHIP,2022-10-04,60,HYBRID,Scrutiny,373,,,,2,,,,,,,,',
        ].join('\n'),
      );
      const before = await written();
      const dryRun = await cli(file, '--supplier', ids.northStar, '--dry-run');
      expect(dryRun).toMatchObject({ code: 0, stderr: '' });
      expect(dryRun.stdout).toBe(
        'Dry run of sheffield.csv: nothing was written. 1 session from 1 row would be imported:\n  + NS-S6 (row 2): 2022-10-04, 1 LA, 2 attendees, DRAFT\n',
      );
      expect(await written()).toEqual(before);

      const imported = await cli(file, '--supplier', ids.northStar, '--submit');
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(
        /^Imported sheffield.csv: 1 session from 1 row:\n {2}\+ NS-S6 \(row 2\): 2022-10-04, 1 LA, 2 attendees, SUBMITTED [0-9a-f-]{36}\n$/,
      );
      const { rows } = await client.query(
        `SELECT status FROM delivery_session WHERE supplier_reference = 'NS-S6'`,
      );
      expect(rows).toEqual([{ status: 'SUBMITTED' }]);

      const again = await cli(file, '--supplier', ids.northStar);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(
        /^sheffield.csv was not imported, nothing was written: 1 problem\.\n {2}row 2, session_reference: session NS-S6 was already imported/,
      );
    });

    it('refuses a supplier that does not exist', async () => {
      const result = await cli(
        join(TEMPLATES, 'sessions-import-template.csv'),
        '--supplier',
        '00000000-0000-4000-8000-000000000000',
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        'Supplier "00000000-0000-4000-8000-000000000000" was not found.\n',
      );
    });
  });
});
