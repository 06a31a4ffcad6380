import { findFreePort } from '@la-tracker/platform/local-services';
import {
  createTestDatabase,
  testConfig,
  testEnvironment,
  type TestDatabase,
} from '@la-tracker/platform/testing';
import { createWorker } from './main';

describe('createWorker', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('starts against real PostgreSQL and Redis, and stops cleanly', async () => {
    const worker = await createWorker(
      testConfig({ databaseUrl: database.url, redisUrl: testEnvironment().redisUrl }),
    );
    await worker.init();
    await worker.close();
  });

  it('refuses to start when Redis cannot be reached, saying to check REDIS_URL', async () => {
    const nothingThere = `redis://127.0.0.1:${await findFreePort()}`;
    await expect(
      createWorker(testConfig({ databaseUrl: database.url, redisUrl: nothingThere })),
    ).rejects.toThrow(/REDIS_URL/);
  });
});
