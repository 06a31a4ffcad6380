import { DEFAULT_PROGRAMME } from '@la-tracker/domain/programmes';
import { readEnvironment } from '@la-tracker/platform/config';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { Client } from 'pg';
import { API_MAIN, CLI, envWithout, run } from '../support/cli';
import { PRODUCTION_ENV } from '../support/api';

const HEADER =
  'gss_code,dfe_code,name,region_code,region_name,type,valid_from,valid_to,earlier_gss_codes,replaced_by';
const SURREY_SPLIT = [
  HEADER,
  'E10000030,936,Surrey,E12000008,South East,county,,2027-03-31,,E06000071;E06000072',
  'E06000071,944,East Surrey,E12000008,South East,unitary,2027-04-01,,,',
  'E06000072,945,West Surrey,E12000008,South East,unitary,2027-04-01,,,',
].join('\n');

describe('the command line', () => {
  let database: TestDatabase;
  let dir: string;
  let env: Record<string, string | undefined>;

  async function activeOn(date: string): Promise<number> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) FROM local_authority WHERE (valid_from IS NULL OR valid_from <= $1) AND (valid_to IS NULL OR valid_to >= $1)`,
      [date],
    );
    await client.end();
    return Number(rows[0].count);
  }

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    dir = mkdtempSync(join(tmpdir(), 'la-tracker-cli-'));
    env = {
      ...readEnvironment(),
      DATABASE_URL: database.url,
      REDIS_URL: testEnvironment().redisUrl,
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, seeds, and imports a split of Surrey, dry run first', async () => {
    const migrate = await run(CLI, ['migrate'], env);
    expect(migrate).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/Running \d+ migration\(s\): LocalAuthorities\d+/),
    });
    expect((await run(CLI, ['migrate'], env)).stdout).toContain('no migrations to run');

    const seed = await run(CLI, ['seed'], env);
    expect(seed.stdout).toContain('regions 9 created');
    expect(seed.stdout).toContain(
      'Default programme: "Local Authority and Political Leadership Support" created',
    );
    expect(seed.stdout).toContain('Lead Member networks: 9 created for the default programme');
    const again = (await run(CLI, ['seed'], env)).stdout;
    expect(again).toContain('local authorities 0 created, 0 updated, 160 unchanged');
    expect(again).toContain('Default programme: already there');
    expect(again).toContain('Lead Member networks: already there');

    const file = join(dir, 'surrey.csv');
    writeFileSync(file, SURREY_SPLIT);
    const dryRun = await run(CLI, ['import-local-authorities', file, '--dry-run'], env);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('Dry run: nothing was written');
    expect(dryRun.stdout).toContain('+ E06000071 East Surrey');
    expect(await activeOn('2027-04-01')).toBe(153);

    const imported = await run(CLI, ['import-local-authorities', file], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('E10000030 succeeded by E06000072 from 2027-04-01');
    expect(await activeOn('2027-03-31')).toBe(153);
    expect(await activeOn('2027-04-01')).toBe(154);
  });

  it('refuses a bad file, saying which line, and changes nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      [HEADER, 'E06000099,999,Nowhere,E12000099,Nowhere,unitary,2027-04-01,,,'].join('\n'),
    );
    const before = await activeOn('2027-04-01');
    const result = await run(CLI, ['import-local-authorities', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 2: region_code E12000099 is not a known region');
    expect(await activeOn('2027-04-01')).toBe(before);
  });

  it('says exactly how to get Redis when there is no redis-server on PATH', async () => {
    const result = await run(CLI, ['services'], {
      ...envWithout('REDIS_URL'),
      DATABASE_URL: database.url,
      PATH: '/nonexistent',
      DATA_DIR: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No `redis-server` was found on PATH');
    expect(result.stderr).toContain('sudo apt-get install redis-server');
    expect(result.stderr).toContain('brew install redis');
    expect(result.stderr).toContain('docker compose -f docker/compose.yaml up -d redis');
  });

  describe('import-inspections', () => {
    // Independent of the other tests' order: migrate and seed are idempotent.
    beforeAll(async () => {
      expect((await run(CLI, ['migrate'], env)).code).toBe(0);
      expect((await run(CLI, ['seed'], env)).code).toBe(0);
    });

    it('imports an Ofsted file: a dry run of a newer edition, then the edition already loaded, unchanged', async () => {
      const newer = join(
        __dirname,
        '../../libs/domain/inspections/src/ofsted-file/fixtures/LA_Inspection_Outcomes_as_at_31_March_2025.ods',
      );
      const dryRun = await run(CLI, ['import-inspections', newer, '--dry-run'], env);
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout).toContain(
        'Dry run of LA_Inspection_Outcomes_as_at_31_March_2025.ods: nothing was written',
      );
      expect(dryRun.stdout).toMatch(/Matched \d+ of \d+ rows to local authorities/);
      expect(dryRun.stdout).toContain('4 events corrected (the file wins)');

      // `seed` loaded the bundled 2024 edition already: importing it again changes nothing.
      const bundled = join(
        __dirname,
        '../../libs/domain/inspections/src/data/LA_Inspection_Outcomes_as_at_March_2024.ods',
      );
      const again = await run(CLI, ['import-inspections', bundled], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/0 events added\n\s+0 events enriched/);
    });

    it('refuses an Ofsted file it does not understand, saying what it looked for', async () => {
      const file = join(dir, 'not-ofsted.csv');
      writeFileSync(file, 'supplier,invoice,amount\nNorth Star,1,1250.00\n');
      const result = await run(CLI, ['import-inspections', file], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/history/i);
    });
  });

  describe('token', () => {
    // Independent of the other tests' order: migrate and seed are idempotent.
    beforeAll(async () => {
      expect((await run(CLI, ['migrate'], env)).code).toBe(0);
      expect((await run(CLI, ['seed'], env)).code).toBe(0);
    });

    it('gives a manager the seeded default programme', async () => {
      const result = await run(
        CLI,
        ['token', '--role', 'PROGRAMME_MANAGER', '--programme', DEFAULT_PROGRAMME.id],
        env,
      );
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(`Token for PROGRAMME_MANAGER (${DEFAULT_PROGRAMME.id})`);
    });

    it.each([
      ['SUPPLIER', '--supplier', 'no supplier has the id'],
      ['PROGRAMME_MANAGER', '--programme', 'no programme has the id'],
    ])('refuses a %s scope that names no record', async (role, flag, message) => {
      const id = randomUUID();
      const result = await run(CLI, ['token', '--role', role, flag, id], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`${message} ${id}`);
    });
  });

  it('refuses to make development tokens in production', async () => {
    const result = await run(CLI, ['token', '--role', 'ADMIN'], { ...env, ...PRODUCTION_ENV });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Development tokens are refused in production');
  });

  it('refuses a role that does not exist, naming the roles that do', async () => {
    const result = await run(CLI, ['token', '--role', 'SUPERUSER'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '--role must be one of PROGRAMME_MANAGER, SUPPLIER, REGIONAL_ADVISER, ADMIN',
    );
  });

  describe('users', () => {
    // Independent of the other tests' order: migrate is idempotent.
    beforeAll(async () => {
      expect((await run(CLI, ['migrate'], env)).code).toBe(0);
    });

    it('adds the first admin of a production installation, once however often asked, and lists them', async () => {
      const subject = `dsi-${randomUUID()}`;
      const productionEnv = { ...env, ...PRODUCTION_ENV };
      const added = await run(
        CLI,
        ['users', 'add-admin', '--subject', subject, '--email', 'ops@education.gov.uk'],
        productionEnv,
      );
      expect(added).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(
          new RegExp(
            `^Added ${subject} at https://oidc\\.example\\.gov\\.uk \\(user [0-9a-f-]{36}\\) an admin\\.`,
          ),
        ),
      });
      const again = await run(CLI, ['users', 'add-admin', '--subject', subject], productionEnv);
      expect(again.stdout).toContain('is already an admin: nothing changed.');
      // An admin of another issuer could never sign in here, yet would count as an admin.
      const elsewhere = await run(
        CLI,
        ['users', 'add-admin', '--subject', 'x', '--issuer', 'la-delivery-tracker-development'],
        productionEnv,
      );
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toContain(
        '--issuer must be the OpenID Connect issuer people sign in with here (https://oidc.example.gov.uk)',
      );

      const listed = await run(CLI, ['users', '--search', subject], productionEnv);
      expect(listed.code).toBe(0);
      const [header, row, total] = listed.stdout.trimEnd().split('\n');
      expect(header.split(/\s{2,}/)).toEqual([
        'NAME',
        'E-MAIL',
        'SUBJECT',
        'ISSUER',
        'ROLES',
        'ID',
      ]);
      expect(row.split(/\s{2,}/)).toEqual([
        '-',
        'ops@education.gov.uk',
        subject,
        'https://oidc.example.gov.uk',
        'ADMIN',
        expect.stringMatching(/^[0-9a-f-]{36}$/),
      ]);
      expect(total).toBe('1 person.');

      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `SELECT a.action, a.actor_user_id AS actor, a.after FROM audit_event a
             JOIN app_user u ON u.id::text = a.entity_id WHERE u.subject = $1`,
          [subject],
        );
        expect(rows).toEqual([
          { action: 'role-assignment.assign', actor: null, after: { role: 'ADMIN' } },
        ]);
      } finally {
        await client.end();
      }
    });

    it('lists only the people holding the role asked for', async () => {
      const result = await run(CLI, ['users', '--role', 'admin'], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/ADMIN/);
      expect(result.stdout).not.toMatch(/REGIONAL_ADVISER|SUPPLIER|PROGRAMME_MANAGER/);
    });

    it.each([
      [['users', '--role', 'OWNER'], '--role must be one of'],
      [
        ['users', 'add-admin', '--subject', 'x', '--email', 'not-an-address'],
        '--email must be an e-mail address',
      ],
      [['users', 'add-admin'], "required option '--subject <sub>' not specified"],
    ])('refuses %p, saying what is wrong', async (args, message) => {
      const result = await run(CLI, args, env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
    });
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number between 1 and 65535 \(got "abc"\)/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a PostgreSQL URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
  ])('stops the api with a message naming %s when it is %p', async (name, value, message) => {
    const result = await run(API_MAIN, [], { ...env, [name]: value });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });
});
