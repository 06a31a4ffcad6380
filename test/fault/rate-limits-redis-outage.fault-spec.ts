import { startApi, type RunningApi } from '../support/api';
import { startFaultRig, type FaultRig } from '../support/fault-rig';
import { tokenForStranger } from '../support/tokens';

const REGIONS = `{ regions { code } }`;

/** An api on the rig allowing each person 3 operations a minute. */
function startLimitedApi(rig: FaultRig): Promise<RunningApi> {
  return startApi(
    { databaseUrl: rig.database.url, redisUrl: rig.redisUrl },
    {
      QUEUE_PREFIX: rig.prefix,
      RATE_LIMIT_PER_USER_PER_MINUTE: '3',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100',
    },
  );
}

// While Redis is away the api keeps answering and keeps limiting: each process counts in its own
// memory, with the same limits, and says so in its log once.
describe('rate limits while Redis is stopped', () => {
  let rig: FaultRig;
  let api: RunningApi | undefined;

  beforeAll(async () => {
    rig = await startFaultRig();
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await rig?.close();
  }, 60_000);

  it('still answers, still refuses a person’s 4th operation, and warns once', async () => {
    api = await startLimitedApi(rig);
    const person = { authorization: `Bearer ${await tokenForStranger()}` };
    await rig.stopRedis();

    for (let i = 0; i < 3; i += 1) {
      const response = await api.graphql(REGIONS, undefined, person);
      expect(response.status).toBe(200);
      expect(response.data?.regions).toHaveLength(9);
    }
    const refused = await api.graphql(REGIONS, undefined, person);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const other = { authorization: `Bearer ${await tokenForStranger()}` };
    expect((await api.graphql(REGIONS, undefined, other)).status).toBe(200);

    const warnings = await api.logLines(/rate limits are counted by each api process alone/);
    expect(warnings).toHaveLength(1);
  });
});

// A Redis that hangs (a paused process, a network dropping packets) keeps its connections open, so
// nothing fails fast: a request must still not wait on it.
describe('rate limits while Redis hangs', () => {
  let rig: FaultRig;
  let api: RunningApi | undefined;

  beforeAll(async () => {
    rig = await startFaultRig();
  }, 60_000);

  afterAll(async () => {
    rig?.resumeRedis();
    await api?.stop();
    await rig?.close();
  }, 60_000);

  it('answers without waiting on it, counting in memory, and still limits a person', async () => {
    api = await startLimitedApi(rig);
    const person = { authorization: `Bearer ${await tokenForStranger()}` };
    expect((await api.graphql(REGIONS, undefined, person)).status).toBe(200);
    rig.pauseRedis();

    for (let i = 0; i < 2; i += 1) {
      const started = Date.now();
      const response = await api.graphql(REGIONS, undefined, person);
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    // Memory counts from when Redis stopped answering: the first operation was counted in Redis.
    await api.graphql(REGIONS, undefined, person);
    const refused = await api.graphql(REGIONS, undefined, person);
    expect(refused.status).toBe(429);
    expect(await api.logLines(/rate limits are counted by each api process alone/)).toHaveLength(1);
  }, 60_000);
});
