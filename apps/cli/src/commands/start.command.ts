import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { readEnvironment, type AppConfig, type LauncherConfig } from '@la-tracker/platform/config';
import {
  isPortTaken,
  startLocalServices,
  type LocalServices,
} from '@la-tracker/platform/local-services';
import { recordRunningServices } from '../running-services';
import { migrate } from './migrate.command';
import { seed } from './seed.command';

const DIST_APPS = resolve(__dirname, '..', '..', '..');
const STOP_TIMEOUT_MS = 30_000;

interface Child {
  name: string;
  process: ChildProcess;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function waitUntilServing(
  name: string,
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(child))
      throw new Error(`the ${name} stopped while starting (its log above says why)`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the ${name} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * `npm start`: PostgreSQL and Redis (embedded unless DATABASE_URL / REDIS_URL name them), then
 * migrations and reference data as explicit, logged steps, then the api and the worker. Ctrl-C or
 * SIGTERM stops the api and worker first (they finish what they are doing), then the services.
 */
export async function start(config: LauncherConfig, log: (message: string) => void): Promise<void> {
  if (await isPortTaken(config.port)) {
    throw new Error(
      `Port ${config.port} is already in use. Choose another, e.g. PORT=${config.port + 1} npm start`,
    );
  }
  if (await isPortTaken(config.web.port)) {
    throw new Error(
      `Port ${config.web.port} (the web app) is already in use. Choose another, e.g. WEB_PORT=${config.web.port + 1} npm start`,
    );
  }
  // The worker's health and metrics listener; 0 lets the system choose a free port.
  if (config.workerPort !== 0 && (await isPortTaken(config.workerPort))) {
    throw new Error(
      `Port ${config.workerPort} (the worker's health and metrics) is already in use. Choose another, e.g. WORKER_PORT=${config.workerPort + 1} npm start, or WORKER_PORT=0 for any free port`,
    );
  }
  const services: LocalServices = await startLocalServices({
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    dataDir: config.dataDir,
    persistRedis: true,
    log,
  });
  const children: Child[] = [];
  let forgetServices: () => void = () => undefined;
  let stopping: Promise<void> | undefined;
  // Read through a function: a signal may set `stopping` while a step is awaited.
  const stopRequested = () => stopping;
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log(`Stopping (${reason})…`);
      await Promise.all(children.map((child) => stopChild(child.process)));
      forgetServices();
      await services.stop();
      log('Stopped.');
    })();
    return stopping;
  };

  let finished!: (code: number) => void;
  const done = new Promise<number>((resolveDone) => (finished = resolveDone));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop(signal).then(() => finished(0)));
  }

  try {
    const appConfig: AppConfig = {
      ...config,
      databaseUrl: services.databaseUrl,
      redisUrl: services.redisUrl,
    };
    forgetServices = recordRunningServices(config.dataDir, {
      databaseUrl: services.databaseUrl,
      redisUrl: services.redisUrl,
    });
    log('Step 1 of 3: migrating the database');
    await migrate(appConfig, log);
    if (stopRequested()) return stopRequested();
    log(
      "Step 2 of 3: loading reference data, the default programme and Ofsted's bundled inspection outcomes",
    );
    await seed(appConfig, log);
    // Told to stop while preparing: start nothing that nobody would stop.
    if (stopRequested()) return stopRequested();
    log('Step 3 of 3: starting the api, the worker and the web app');
    const environment = readEnvironment();
    const env = {
      ...environment,
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      PORT: String(config.port),
      // The web app on this machine calls the api for everyone: it passes on each person's
      // address (X-Forwarded-For), so the api's limits count people, not the web app.
      TRUST_PROXY: environment.TRUST_PROXY ?? 'loopback',
    };
    for (const name of ['api', 'worker', 'web']) {
      // Their own process group, so Ctrl-C reaches them once, from here, in order.
      const child = spawn(process.execPath, [resolve(DIST_APPS, name, 'src', 'main.js')], {
        env,
        stdio: 'inherit',
        detached: true,
      });
      children.push({ name, process: child });
      child.once('exit', (code, signal) => {
        if (!stopping) {
          log(`The ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}).`);
          void stop(`the ${name} stopped`).then(() => finished(1));
        }
      });
    }
    const [api, , web] = children.map((child) => child.process);
    await waitUntilServing('api', `http://127.0.0.1:${config.port}/health/live`, api, 60_000);
    await waitUntilServing(
      'web app',
      `http://127.0.0.1:${config.web.port}/health/live`,
      web,
      60_000,
    );
    log(
      [
        '',
        'LA Delivery Tracker is running.',
        `  Web app:      http://localhost:${config.web.port}  (choose a development user to sign in)`,
        `  GraphQL API:  http://localhost:${config.port}/graphql  (open it in a browser for Apollo Sandbox)`,
        `  PostgreSQL:   ${services.postgresDir ? `embedded, data in ${services.postgresDir}` : 'from DATABASE_URL'}`,
        `  Redis:        ${services.startedRedis ? `redis-server at ${services.redisUrl}` : 'from REDIS_URL'}`,
        '  Sign in:      npm run cli -- token --role ADMIN   (then send "Authorization: Bearer <token>")',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    await stop('start-up failed');
    throw error;
  }
  const code = await done;
  if (code !== 0) process.exitCode = code;
}
