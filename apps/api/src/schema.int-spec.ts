import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { ApiModule } from './api.module';
import { buildSchemaOf, printSchemaFile, SCHEMA_FILE, schemaDrift } from './graphql/schema-file';
import { createApiApp } from './main';

describe('the published schema', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let running: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createApiApp(
      testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
    );
    running = printSchemaFile(app.get(GraphQLSchemaHost).schema);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it(`${SCHEMA_FILE} is the schema the api serves`, () => {
    const published = readFileSync(resolve(__dirname, '../../..', SCHEMA_FILE), 'utf8');
    const drift = schemaDrift(published, running);
    if (drift) throw new Error(drift);
  });

  it('`npm run schema` prints what the api serves, from the code alone', async () => {
    const printed = printSchemaFile(
      await buildSchemaOf(
        ApiModule.forRoot(
          testConfig({ databaseUrl: 'postgres://unused@localhost/x', redisUrl: 'redis://x' }),
        ),
      ),
    );
    expect(printed).toBe(running);
  });
});
