import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvironment } from '@la-tracker/platform/config';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { startApi, type RunningApi } from '../support/api';
import { CLI, run, type Finished } from '../support/cli';
import { insertSupplier } from '../support/suppliers';
import { tokenFor } from '../support/tokens';
import { startWorker, type RunningWorker } from '../support/worker';

const FILE_2025 = join(
  __dirname,
  '../../libs/domain/inspections/src/ofsted-file/fixtures/LA_Inspection_Outcomes_as_at_31_March_2025.ods',
);

const IMPORT = `query ($id: ID!) { inspectionImport(id: $id) {
  id fileName dryRun status progress progressMessage error requestedAt startedAt finishedAt
  summary { asAt added enriched corrected unchanged keptNewer problems
    rowsNotPlaced { sheet row laName reason } } } }`;

/** The request's id, from the line that says it was queued. */
const queuedId = (stdout: string) =>
  /^Queued import ([0-9a-f-]{36}) /m.exec(stdout)?.[1] ?? 'none printed';

const percents = (stdout: string) =>
  [...stdout.matchAll(/^\[ *(\d+)%\]/gm)].map((match) => Number(match[1]));

// The command line hands each file to a worker of its own here, through the same database, Redis
// queue and file storage, and follows it; the api then answers for the requests.
describe('inspection imports queued for the worker', () => {
  let database: TestDatabase;
  let worker: RunningWorker;
  let api: RunningApi;
  let manager: Record<string, string>;
  let supplier: Record<string, string>;
  let imported: Finished;
  let refused: Finished;

  beforeAll(async () => {
    database = await createTestDatabase();
    const own = randomBytes(6).toString('hex');
    const files = join(testEnvironment().fileStorageDir, own);
    const env = {
      ...readEnvironment(),
      DATABASE_URL: database.url,
      REDIS_URL: testEnvironment().redisUrl,
      QUEUE_PREFIX: `la-tracker-e2e-${own}`,
      FILE_STORAGE_DIR: join(files, 'stored'),
      OUTBOX_SWEEP_INTERVAL_MS: '200',
      LOG_LEVEL: 'warn',
    };
    worker = await startWorker(env);
    api = await startApi({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl });
    manager = { authorization: `Bearer ${await tokenFor(database.url, 'PROGRAMME_MANAGER')}` };
    // Tokens name only suppliers that exist.
    const supplierId = await insertSupplier(database.url, 'North Star Leadership Ltd');
    supplier = {
      authorization: `Bearer ${await tokenFor(database.url, 'SUPPLIER', '--supplier', supplierId)}`,
    };
    imported = await run(CLI, ['import-inspections', FILE_2025, '--queue'], env);
    mkdirSync(files, { recursive: true });
    const notOfsted = join(files, 'invoices.csv');
    writeFileSync(notOfsted, 'supplier,invoice,amount\nNorth Star,1,1250.00\n');
    refused = await run(CLI, ['import-inspections', notOfsted, '--queue'], env);
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await database.drop();
  });

  it('prints the progress as it climbs, then the summary the synchronous import prints', () => {
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    const shown = percents(imported.stdout);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(imported.stdout).toContain(
      '[100%] Finished: 112 added, 68 enriched, 4 corrected, 147 unchanged',
    );
    expect(imported.stdout).toContain(
      'Imported LA_Inspection_Outcomes_as_at_31_March_2025.ods (later layout',
    );
    expect(imported.stdout).toMatch(/112 events added\n\s+68 events enriched/);
  });

  it('shows a programme manager the import done, with what it changed', async () => {
    const response = await api.graphql(IMPORT, { id: queuedId(imported.stdout) }, manager);

    expect(response.errors).toBeUndefined();
    const found = response.data?.inspectionImport;
    expect(found).toMatchObject({
      fileName: 'LA_Inspection_Outcomes_as_at_31_March_2025.ods',
      dryRun: false,
      status: 'DONE',
      progress: 100,
      error: null,
      summary: { added: 112, enriched: 68, corrected: 4, unchanged: 147 },
    });
    expect(Date.parse(found.startedAt)).toBeGreaterThanOrEqual(Date.parse(found.requestedAt));
    expect(Date.parse(found.finishedAt)).toBeGreaterThanOrEqual(Date.parse(found.startedAt));
  });

  it('fails a file that is not an Ofsted edition, saying why, and exits non-zero', async () => {
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^"invoices.csv" was not imported/);

    const response = await api.graphql(IMPORT, { id: queuedId(refused.stdout) }, manager);
    expect(response.data?.inspectionImport).toMatchObject({
      status: 'FAILED',
      summary: null,
      error: refused.stderr.trim(),
    });
  });

  it('lists the imports newest first', async () => {
    const response = await api.graphql(
      '{ inspectionImports(first: 10) { totalCount edges { node { id status } } } }',
      undefined,
      manager,
    );
    expect(response.data?.inspectionImports).toEqual({
      totalCount: 2,
      edges: [
        { node: { id: queuedId(refused.stdout), status: 'FAILED' } },
        { node: { id: queuedId(imported.stdout), status: 'DONE' } },
      ],
    });
  });

  it('answers FORBIDDEN to a supplier', async () => {
    const list = await api.graphql('{ inspectionImports { totalCount } }', undefined, supplier);
    const one = await api.graphql(IMPORT, { id: queuedId(imported.stdout) }, supplier);
    expect([list, one].map((response) => response.errors?.[0]?.extensions?.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
  });

  it('answers NOT_FOUND for an import that does not exist', async () => {
    const response = await api.graphql(
      IMPORT,
      { id: '0b6f4c1e-3f5d-4c1a-9a8e-1f2d3c4b5a69' },
      manager,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
