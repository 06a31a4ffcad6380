import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { read, utils, type WorkBook } from '@e965/xlsx';
import { signReportLink } from '@la-tracker/domain/reports';
import { readEnvironment } from '@la-tracker/platform/config';
import {
  createTestDatabase,
  sleep,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { strFromU8, unzipSync } from 'fflate';
import { startApi, type GraphQLResponse, type RunningApi } from '../support/api';
import {
  buildGoldenScenario,
  GOLDEN_PROGRAMME as PROGRAMME,
  type GoldenScenario,
} from '../support/golden-scenario';
import { tokenFor } from '../support/tokens';
import { startWorker, type RunningWorker } from '../support/worker';

const REPORT = `query ($id: ID!) { report(id: $id) {
  id kind status progress format financialYear programme { id } requestedAt finishedAt
  fileName byteSize downloadUrl error } }`;
const REQUEST = `mutation ($input: RequestReportInput!) { requestReport(input: $input) {
  id status progress downloadUrl } }`;

const LINK_SECRET = 'reports-end-to-end-link-secret-0123456789';
const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

type Rows = unknown[][];
const sheetRows = (workbook: WorkBook, name: string): Rows =>
  utils.sheet_to_json(workbook.Sheets[name], { header: 1, defval: null });
/** The row whose first cells are these, e.g. ['Spend', 'Contract', 'B4']. */
const rowStarting = (rows: Rows, ...start: unknown[]) =>
  rows.find((row) => start.every((value, i) => row[i] === value));

/**
 * Reports over HTTP with a worker of their own: the reference scenario's MI pack for 2022-23
 * requested over GraphQL, built with progress, downloaded through its signed link and held to the
 * scenario's figures (scenarios/golden-2022-23.md), written out here by hand.
 */
describe('reports: requested over GraphQL, built by the worker, downloaded by link', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let worker: RunningWorker;
  let scenario: GoldenScenario;
  let files: string;
  let admin: Record<string, string>;

  const request = async (who: string, input: Record<string, unknown>) => {
    return scenario.as(who, REQUEST, { input: { programmeId: PROGRAMME, ...input } });
  };
  /** Polls the report until it is built, keeping each progress it showed on the way. */
  const built = async (id: string) => {
    const seen: Array<{ status: string; progress: number }> = [];
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { report } = await scenario.ok('manager', REPORT, { id });
      seen.push({ status: report.status, progress: report.progress });
      if (report.status === 'DONE' || report.status === 'FAILED') return { report, seen };
      if (Date.now() > deadline) throw new Error(`report ${id} did not finish: ${report.status}`);
      await sleep(25);
    }
  };
  /** A path such as `downloadUrl`, from the api's address. */
  const download = (path: string) => fetch(new URL(path, api.url));
  const requestAndDownload = async (input: Record<string, unknown>) => {
    const response = await request('manager', input);
    expect(response.errors).toBeUndefined();
    const { report } = await built(response.data!.requestReport.id);
    expect(report.status).toBe('DONE');
    const file = await download(report.downloadUrl);
    expect(file.status).toBe(200);
    return { report, file, bytes: Buffer.from(await file.arrayBuffer()) };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    files = mkdtempSync(join(tmpdir(), 'la-tracker-reports-e2e-'));
    const shared = {
      QUEUE_PREFIX: `la-tracker-e2e-${randomBytes(6).toString('hex')}`,
      FILE_STORAGE_DIR: files,
      REPORT_LINK_SECRET: LINK_SECRET,
      OUTBOX_SWEEP_INTERVAL_MS: '200',
    };
    api = await startApi(
      { databaseUrl: database.url, redisUrl: testEnvironment().redisUrl },
      shared,
    );
    scenario = await buildGoldenScenario(api, database.url);
    admin = { authorization: `Bearer ${await tokenFor(database.url, 'ADMIN')}` };
    worker = await startWorker({
      ...readEnvironment(),
      ...shared,
      DATABASE_URL: database.url,
      REDIS_URL: testEnvironment().redisUrl,
      LOG_LEVEL: 'warn',
    });
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await database?.drop();
    rmSync(files, { recursive: true, force: true });
  });

  describe('the MI pack as ODS', () => {
    let report: Record<string, any>;
    let workbook: WorkBook;
    let response: Response;

    beforeAll(async () => {
      const requested = await request('manager', {
        kind: 'MONTHLY_MI',
        financialYear: '2022-23',
        format: 'ODS',
      });
      expect(requested.errors).toBeUndefined();
      expect(requested.data!.requestReport).toMatchObject({
        status: 'QUEUED',
        progress: 0,
        downloadUrl: null,
      });
      const outcome = await built(requested.data!.requestReport.id);
      report = outcome.report;
      // Progress only climbs, and the report is DONE at 100.
      const progress = outcome.seen.map((step) => step.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(outcome.seen.at(-1)).toEqual({ status: 'DONE', progress: 100 });
      response = await download(report.downloadUrl);
      workbook = read(Buffer.from(await response.arrayBuffer()));
    }, 90_000);

    it('is DONE with a file named for the programme, kind, year and month', () => {
      expect(report).toMatchObject({
        kind: 'MONTHLY_MI',
        format: 'ODS',
        financialYear: '2022-23',
        programme: { id: PROGRAMME },
        error: null,
      });
      expect(report.fileName).toMatch(/-monthly-mi-2022-23-\d{4}-\d{2}\.ods$/);
      expect(report.byteSize).toBeGreaterThan(0);
      expect(report.downloadUrl).toMatch(
        new RegExp(`^/reports/${report.id}/download\\?expires=\\d+&signature=[\\w-]+$`),
      );
    });

    it('downloads as an ODS attachment', () => {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(
        'application/vnd.oasis.opendocument.spreadsheet',
      );
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${report.fileName}"`,
      );
      expect(workbook.SheetNames).toEqual([
        'Summary',
        'Service lines',
        'Regions',
        'Spend',
        'Overdue',
      ]);
    });

    it('holds the year’s spend: £2,500.00, £197.92 and £18,500.00, £21,197.92 in all', () => {
      const spend = sheetRows(workbook, 'Spend');
      expect(spend[0]).toEqual(['By', 'Code', 'Name', 'Spend']);
      const of = (by: string, code: string | null) => rowStarting(spend, by, code)?.[3];
      expect(of('Service line', 'POLITICAL_LEADERSHIP')).toBe(2500);
      expect(of('Service line', 'COACHING_MENTORING')).toBe(197.92);
      expect(of('Service line', 'CORPORATE_PARENTING_DIAGNOSTIC')).toBe(18500);
      expect(of('Total', null)).toBe(21197.92);
      expect(of('Local authority', 'E06000001')).toBe(714.29);
      expect(of('Local authority', 'E06000002')).toBe(178.57);
      expect(of('Local authority', 'E06000003')).toBe(357.14);
      expect(of('Local authority', 'E08000035')).toBe(1250);
      expect(of('Local authority', 'E08000028')).toBe(197.92);
      expect(of('Local authority', 'E08000024')).toBe(18500);
      expect(of('Contract', 'A1')).toBe(2500);
      expect(of('Contract', 'A7')).toBe(197.92);
      expect(of('Contract', 'B4')).toBe(18500);
      const summary = sheetRows(workbook, 'Summary');
      expect(summary[1].slice(1, 2)).toEqual(['2022-23']);
      expect(summary[1][summary[0].indexOf('Spend in the year')]).toBe(21197.92);
    });

    it('sets delivery against targets by service line', () => {
      const lines = sheetRows(workbook, 'Service lines');
      const titles = lines[0] as string[];
      const cell = (line: string, title: string) =>
        rowStarting(lines, line)?.[titles.indexOf(title)];
      expect(cell('POLITICAL_LEADERSHIP', 'LAs reached')).toBe(4);
      // S1 and S2 approved; S3 awaiting approval; S7 planned, never recorded.
      expect(cell('POLITICAL_LEADERSHIP', 'Sessions approved')).toBe(2);
      expect(cell('POLITICAL_LEADERSHIP', 'Sessions awaiting approval')).toBe(1);
      expect(cell('POLITICAL_LEADERSHIP', 'Sessions not yet reported')).toBe(1);
      // S1: 4 + 1 + 2; S2: 2.
      expect(cell('POLITICAL_LEADERSHIP', 'Attendance (approved sessions)')).toBe(9);
      expect(cell('POLITICAL_LEADERSHIP', 'Spend')).toBe(2500);
      expect(cell('COACHING_MENTORING', 'LAs reached')).toBe(1);
      expect(cell('COACHING_MENTORING', 'Target')).toBeNull();
      expect(cell('COACHING_MENTORING', 'Cap')).toBe(15);
      // S4 and S5 (75 + 50); S6 is dated in 2023-24.
      expect(cell('COACHING_MENTORING', 'Minutes (approved sessions)')).toBe(125);
      expect(cell('COACHING_MENTORING', 'Spend')).toBe(197.92);
      expect(cell('CORPORATE_PARENTING_DIAGNOSTIC', 'Target')).toBe(12);
      expect(cell('CORPORATE_PARENTING_DIAGNOSTIC', 'LAs reached')).toBe(1);
      expect(cell('CORPORATE_PARENTING_DIAGNOSTIC', 'Spend')).toBe(18500);
      expect(cell('ALL', 'LAs reached')).toBe(6);
      expect(cell('ALL', 'Spend')).toBe(21197.92);
    });

    it('shows reach by region of the LAs active that year', () => {
      const regions = sheetRows(workbook, 'Regions');
      const reach = (code: string) => rowStarting(regions, code)?.slice(2, 4);
      expect(reach('E12000001')).toEqual([12, 4]);
      expect(reach('E12000003')).toEqual([15, 1]);
      expect(reach('E12000005')).toEqual([14, 1]);
      // Hartlepool 714.29 + Middlesbrough 178.57 + Redcar and Cleveland 357.14 + Sunderland 18,500.00
      expect(rowStarting(regions, 'E12000001')?.[6]).toBe(19750);
    });

    it('lists what is overdue: S7’s report and Sunderland’s follow-up review', () => {
      const overdue = sheetRows(workbook, 'Overdue');
      expect(overdue.slice(1).map((row) => [row[0], row[4], row[5], row[6], row[7]])).toEqual([
        ['Session report', 'Leeds', '2022-12-19', '2022-12-28', '2022-23'],
        ['Diagnostic follow-up review', 'Sunderland', '2023-01-16', '2023-07-16', '2022-23'],
      ]);
    });
  });

  it('lists what is overdue in the next year’s pack too: late work does not drop out on 1 April', async () => {
    const next = await requestAndDownload({
      kind: 'MONTHLY_MI',
      financialYear: '2023-24',
      format: 'CSV',
    });
    const overdue = strFromU8(unzipSync(new Uint8Array(next.bytes))['05-overdue.csv']);
    expect(overdue.trimEnd().split('\n')).toEqual([
      'Item,Service line,Supplier,Contract,Local authorities,Date,Due by,Financial year',
      expect.stringMatching(
        /^Session report,POLITICAL_LEADERSHIP,.*,Leeds,2022-12-19,2022-12-28,2022-23$/,
      ),
      expect.stringMatching(
        /^Diagnostic follow-up review,CORPORATE_PARENTING_DIAGNOSTIC,.*,Sunderland,2023-01-16,2023-07-16,2022-23$/,
      ),
    ]);
  }, 120_000);

  it('builds the pack as XLSX and as a zip of CSVs with the same totals', async () => {
    const xlsx = await requestAndDownload({
      kind: 'MONTHLY_MI',
      financialYear: '2022-23',
      format: 'XLSX',
    });
    expect(xlsx.file.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const spend = sheetRows(read(xlsx.bytes), 'Spend');
    expect(rowStarting(spend, 'Total')?.[3]).toBe(21197.92);

    const csv = await requestAndDownload({
      kind: 'MONTHLY_MI',
      financialYear: '2022-23',
      format: 'CSV',
    });
    expect(csv.file.headers.get('content-type')).toBe('application/zip');
    expect(csv.report.fileName).toMatch(/\.zip$/);
    const zipped = unzipSync(new Uint8Array(csv.bytes));
    expect(Object.keys(zipped)).toEqual([
      '01-summary.csv',
      '02-service-lines.csv',
      '03-regions.csv',
      '04-spend.csv',
      '05-overdue.csv',
    ]);
    const spendCsv = strFromU8(zipped['04-spend.csv']);
    expect(spendCsv).toContain(
      'Service line,COACHING_MENTORING,Coaching and mentoring for individual leaders,197.92\n',
    );
    expect(spendCsv).toContain('Total,,All spend in the year,21197.92\n');
  }, 120_000);

  it('streams row-level extracts of the year’s sessions and engagements', async () => {
    const sessions = await requestAndDownload({
      kind: 'SESSIONS_EXTRACT',
      financialYear: '2022-23',
      format: 'CSV',
    });
    expect(sessions.file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = sessions.bytes.toString('utf8').trim().split('\n');
    // S1–S5 and S7; S6 is dated in 2023-24.
    expect(lines).toHaveLength(1 + 6);
    expect(lines[0]).toMatch(/^Session id,Status,Service line,Supplier,Contract,/);
    expect(lines.filter((line) => line.includes(',APPROVED,'))).toHaveLength(4);
    expect(lines.some((line) => line.includes('E06000001; E06000002; E06000003'))).toBe(true);

    const engagements = await requestAndDownload({
      kind: 'ENGAGEMENTS_EXTRACT',
      financialYear: '2022-23',
      format: 'XLSX',
    });
    const rows = sheetRows(read(engagements.bytes), 'Engagements');
    expect(rows).toHaveLength(1 + 6);
    expect(rows.slice(1).map((row) => row[4])).toEqual([
      'E06000001',
      'E06000002',
      'E06000003',
      'E08000024',
      'E08000028',
      'E08000035',
    ]);
  }, 120_000);

  describe('who may have a report', () => {
    let reportId: string;
    let otherId: string;

    beforeAll(async () => {
      const first = await requestAndDownload({
        kind: 'MONTHLY_MI',
        financialYear: '2022-23',
        format: 'ODS',
      });
      reportId = first.report.id;
      const second = await request('manager', {
        kind: 'MONTHLY_MI',
        financialYear: '2023-24',
        format: 'CSV',
      });
      otherId = second.data!.requestReport.id;
      await built(otherId);
    }, 120_000);

    it('refuses suppliers and advisers the MI pack, asking or reading (FORBIDDEN)', async () => {
      for (const who of ['northStar', 'partners', 'northEastAdviser']) {
        const asked = await request(who, {
          kind: 'MONTHLY_MI',
          financialYear: '2022-23',
          format: 'ODS',
        });
        expect({ who, code: codeOf(asked) }).toEqual({ who, code: 'FORBIDDEN' });
        expect(asked.data).toBeNull();
        const read = await scenario.as(who, REPORT, { id: reportId });
        expect({ who, code: codeOf(read) }).toEqual({ who, code: 'FORBIDDEN' });
      }
      // Extracts too: they hold every supplier's rows.
      const extract = await request('northStar', {
        kind: 'SESSIONS_EXTRACT',
        financialYear: '2022-23',
        format: 'CSV',
      });
      expect(codeOf(extract)).toBe('FORBIDDEN');
    });

    it('lets admins read it, and answers NOT_FOUND for a report or programme that is not there', async () => {
      const read = await api.graphql(REPORT, { id: reportId }, admin);
      expect(read.data!.report.downloadUrl).toMatch(/^\/reports\//);
      const missing = await scenario.as('manager', REPORT, {
        id: '00000000-0000-4000-8000-000000000000',
      });
      expect(codeOf(missing)).toBe('NOT_FOUND');
      const noProgramme = await scenario.as('manager', REQUEST, {
        input: {
          programmeId: '00000000-0000-4000-8000-000000000000',
          kind: 'MONTHLY_MI',
          financialYear: '2022-23',
          format: 'ODS',
        },
      });
      expect(codeOf(noProgramme)).toBe('NOT_FOUND');
    });

    it('refuses a year the programme does not run in, and an extract as ODS (BAD_USER_INPUT)', async () => {
      const year = await request('manager', {
        kind: 'MONTHLY_MI',
        financialYear: '2031-32',
        format: 'ODS',
      });
      expect(codeOf(year)).toBe('BAD_USER_INPUT');
      const format = await request('manager', {
        kind: 'SESSIONS_EXTRACT',
        financialYear: '2022-23',
        format: 'ODS',
      });
      expect(codeOf(format)).toBe('BAD_USER_INPUT');
    });

    it('refuses a tampered link, a link moved to another report, and an expired one', async () => {
      const { report } = await scenario.ok('manager', REPORT, { id: reportId });
      const link = new URL(report.downloadUrl as string, api.url);
      expect(link.pathname).toBe(`/reports/${reportId}/download`);
      const signature = link.searchParams.get('signature')!;
      const expires = link.searchParams.get('expires')!;

      const tampered = await download(
        `/reports/${reportId}/download?expires=${expires}&signature=${signature.slice(0, -2)}xx`,
      );
      expect(tampered.status).toBe(403);
      expect(((await tampered.json()) as { message: string }).message).toMatch(/not valid/);

      const moved = await download(
        `/reports/${otherId}/download?expires=${expires}&signature=${signature}`,
      );
      expect(moved.status).toBe(403);

      const later = await download(
        `/reports/${reportId}/download?expires=${Number(expires) + 3600}&signature=${signature}`,
      );
      expect(later.status).toBe(403);

      const unsigned = await download(`/reports/${reportId}/download`);
      expect(unsigned.status).toBe(403);

      const old = signReportLink(LINK_SECRET, reportId, Math.floor(Date.now() / 1000) - 3600);
      const expired = await download(
        `/reports/${reportId}/download?expires=${old.expires}&signature=${old.signature}`,
      );
      expect(expired.status).toBe(410);
      expect(((await expired.json()) as { message: string }).message).toMatch(/expired/);
    });
  });
});
