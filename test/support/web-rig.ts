import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from '@la-tracker/platform/config';
import {
  createTestDatabase,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import type { Browser, Page } from 'playwright-core';
import { startApi, type RunningApi } from './api';
import { collectPageProblems, launchBrowser } from './browser';
import { buildGoldenScenario, type GoldenScenario } from './golden-scenario';
import { insertSupplier } from './suppliers';
import { startWeb, type RunningWeb } from './web';
import { startWorker, type RunningWorker } from './worker';

export interface WebRigOptions {
  /** Build the reference scenario (scenarios/golden-2022-23.md) through the api. */
  scenario?: boolean;
  /** Suppliers written straight to the database, for journeys that sign in as one without the scenario. */
  suppliers?: string[];
  /** A worker sharing the api's queues and file storage, for the reports it builds. */
  worker?: boolean;
}

/** A database, the api on it, the web app calling the api, and a browser to open its pages. */
export interface WebRig {
  readonly database: TestDatabase;
  readonly api: RunningApi;
  readonly web: RunningWeb;
  readonly browser: Browser;
  /** The reference scenario, when asked for. */
  readonly scenario: GoldenScenario;
  /** The worker, when asked for. */
  readonly worker: RunningWorker;
  /** Ends everything it started and removes what it wrote, whatever state it is in. */
  stop(): Promise<void>;
}

export async function startWebRig(options: WebRigOptions = {}): Promise<WebRig> {
  const cleanups: Array<() => Promise<void>> = [];
  // Every part is ended even when one fails to.
  const stop = async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => failures.push(error));
    cleanups.length = 0;
    if (failures.length > 0) throw new AggregateError(failures, 'the web rig did not stop cleanly');
  };
  try {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const redisUrl = testEnvironment().redisUrl;
    let shared: Record<string, string> = {};
    if (options.worker) {
      const files = mkdtempSync(join(tmpdir(), 'la-tracker-web-reports-'));
      cleanups.push(() => Promise.resolve(rmSync(files, { recursive: true, force: true })));
      // The api queues reports and the worker builds them: they share queues and file storage.
      shared = {
        QUEUE_PREFIX: `la-tracker-browser-${randomBytes(6).toString('hex')}`,
        FILE_STORAGE_DIR: files,
        REPORT_LINK_SECRET: 'browser-journey-report-link-secret-0123456789',
      };
    }
    const api = await startApi({ databaseUrl: database.url, redisUrl }, shared);
    cleanups.push(() => api.stop());
    for (const name of options.suppliers ?? []) await insertSupplier(database.url, name);
    const scenario = options.scenario ? await buildGoldenScenario(api, database.url) : undefined;
    let worker: RunningWorker | undefined;
    if (options.worker) {
      const started = await startWorker({
        ...readEnvironment(),
        ...shared,
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        LOG_LEVEL: 'warn',
      });
      worker = started;
      cleanups.push(() => started.stop());
    }
    const web = await startWeb(api, database.url);
    cleanups.push(() => web.stop());
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    return {
      database,
      api,
      web,
      browser,
      get scenario() {
        if (!scenario) throw new Error('this rig was started without the reference scenario');
        return scenario;
      },
      get worker() {
        if (!worker) throw new Error('this rig was started without a worker');
        return worker;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * A rig for the test file: started before its tests, stopped after them. Its parts can be read
 * once its tests run.
 */
export function useWebRig(options: WebRigOptions = {}): Omit<WebRig, 'stop'> {
  let rig: WebRig | undefined;
  const started = () => {
    if (!rig) throw new Error('the web rig has not started');
    return rig;
  };
  // The scenario is built through the api, request by request: it takes a while.
  beforeAll(async () => {
    rig = await startWebRig(options);
  }, 180_000);
  afterAll(async () => {
    await rig?.stop();
  });
  return {
    get database() {
      return started().database;
    },
    get api() {
      return started().api;
    },
    get web() {
      return started().web;
    },
    get browser() {
      return started().browser;
    },
    get scenario() {
      return started().scenario;
    },
    get worker() {
      return started().worker;
    },
  };
}

/**
 * A fresh page for each test, handed to `use`: when the test ends, the browser must have reported
 * no problems on it (see collectPageProblems), and it is closed.
 */
export function freshPageEachTest(
  rig: { readonly browser: Browser },
  use: (page: Page) => void,
  options: Parameters<Browser['newPage']>[0] = {},
): void {
  let page: Page;
  let problems: string[];
  beforeEach(async () => {
    page = await rig.browser.newPage(options);
    problems = collectPageProblems(page);
    use(page);
  });
  afterEach(async () => {
    try {
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
}
