import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, readEnvironment, type AppConfig } from '@la-tracker/platform/config';
import { statementCounter } from '@la-tracker/platform/database';
import { requestContext, requestIdOf } from '@la-tracker/platform/logging';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { ADDRESS_LIMITED_PATHS, addressRateLimit } from './http/address-rate-limit';
import { corsOptions } from './http/cors';
import { RateLimits } from './http/rate-limits';
import { securityHeaders } from './http/security-headers';

/** Builds the API application; it refuses to start on a schema that is behind its migrations. */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Every request has its id (for the log and the audit log) and counts its own SQL statements
  // (see statementCountPlugin).
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) =>
    requestContext.run(requestIdOf(req, res), () => statementCounter.run(next)),
  );
  // Whose address a request comes from: X-Forwarded-For counts only from proxies named here.
  app.set('trust proxy', config.http.trustProxy);
  app.use(securityHeaders(config));
  const cors = corsOptions(config);
  if (cors) app.enableCors(cors);
  // Counted before the body is read, so a flood costs little.
  app.use(ADDRESS_LIMITED_PATHS, addressRateLimit(app.get(RateLimits)));
  app.useBodyParser('json', { limit: '100kb' });
  app.enableShutdownHooks();
  try {
    await app.init();
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const app = await createApiApp(config);
  await app.listen(config.port);
  app.get(Logger).log(`GraphQL API listening on http://localhost:${config.port}/graphql`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // Configuration and schema problems are the operator's to fix: say what, without a stack.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`The API did not start: ${message}\n`);
    process.exit(1);
  });
}
