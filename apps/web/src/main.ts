import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  ConfigError,
  loadConfig,
  loadLauncherConfig,
  readEnvironment,
  type AppConfig,
  type Environment,
} from '@la-tracker/platform/config';
import { Logger } from 'nestjs-pino';
import { PageExceptionFilter } from './http/page-exception.filter';
import { webSecurityHeaders } from './http/web-security-headers';
import { configureViews, serveStaticFiles } from './views';
import { WebModule } from './web.module';

/** Builds the web app: pages for programme managers, suppliers and advisers. */
export async function createWebApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(WebModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.http.trustProxy);
  app.use(webSecurityHeaders(config));
  // Forms only; nested names (attendance[E06000001][LEAD_MEMBER]) become objects.
  app.useBodyParser('urlencoded', { extended: true, limit: '100kb' });
  configureViews(app);
  serveStaticFiles(app);
  app.enableShutdownHooks();
  await app.init();
  // After the routes: errors raised before Nest's handlers (an oversized or unreadable form).
  app.use(app.get(PageExceptionFilter).middleware);
  return app;
}

/** Production pages need only the api; development sign-in also makes users in the database. */
export function loadWebConfig(env: Environment): AppConfig {
  const production = loadLauncherConfig(env).nodeEnv === 'production';
  const config = loadConfig(env, production ? [] : ['DATABASE_URL']);
  const problems = [];
  if (production && !config.web.sessionSecret)
    problems.push(
      'WEB_SESSION_SECRET is required in production: the web app seals its sign-in cookie with it',
    );
  if (production && !config.web.oidcClient)
    problems.push(
      'OIDC_CLIENT_SECRET and WEB_PUBLIC_URL are required in production: people sign in to the web app with DfE Sign-in (OIDC_AUDIENCE is its client id)',
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

async function main(): Promise<void> {
  const config = loadWebConfig(readEnvironment());
  const app = await createWebApp(config);
  // Development sign-in lets anyone who reaches it choose a user: outside production, only this
  // machine may.
  if (config.nodeEnv === 'production') await app.listen(config.web.port);
  else await app.listen(config.web.port, '127.0.0.1');
  app.get(Logger).log(`Web app listening on http://localhost:${config.web.port}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`The web app did not start: ${message}\n`);
    process.exit(1);
  });
}
