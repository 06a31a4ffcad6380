import { eventually } from '@la-tracker/platform/testing';
import { startApi, type RunningApi } from '../support/api';
import {
  deliveredOnce,
  notificationCounts,
  startFaultRig,
  type FaultRig,
} from '../support/fault-rig';
import { tokenFor } from '../support/tokens';
import { givenDraftSessions, givenManagers, givenProgramme } from './fault-records';

const SUBMIT = `mutation ($id: ID!) { submitSession(id: $id) { id status } }`;
// Hartlepool, Middlesbrough, Redcar and Cleveland, Leeds, Sandwell, Darlington.
const LAS = ['E06000001', 'E06000002', 'E06000003', 'E08000035', 'E08000028', 'E06000005'];

// Sessions submitted through a real api while the private Redis is stopped: each submission
// commits with its managers' notices and their jobs in the outbox; once Redis is back, the worker
// (kept running throughout) relays them and each notice reaches Notify once.
describe('Redis stopped while sessions are submitted', () => {
  let rig: FaultRig;
  let api: RunningApi | undefined;

  beforeAll(async () => {
    rig = await startFaultRig();
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await rig?.close();
  }, 60_000);

  it('accepts every submission, then sends each manager each notice once when Redis is back', async () => {
    const programme = await givenProgramme(rig, 'Outage');
    const managers = [
      'first.manager@education.gov.example',
      'second.manager@education.gov.example',
    ];
    await givenManagers(rig, programme.programmeId, managers);
    // A manager of another programme hears nothing of these.
    const elsewhere = await givenProgramme(rig, 'Elsewhere');
    await givenManagers(rig, elsewhere.programmeId, ['other.manager@education.gov.example']);
    const sessions = await givenDraftSessions(rig, programme, LAS);
    const supplier = {
      authorization: `Bearer ${await tokenFor(rig.database.url, 'SUPPLIER', '--supplier', programme.supplierId)}`,
    };

    await rig.startWorker();
    api = await startApi(
      { databaseUrl: rig.database.url, redisUrl: rig.redisUrl },
      { QUEUE_PREFIX: rig.prefix },
    );
    await rig.stopRedis();

    for (const id of sessions) {
      const submitted = await api.graphql(SUBMIT, { id }, supplier);
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data?.submitSession).toEqual({ id, status: 'SUBMITTED' });
    }
    const notices = sessions.length * managers.length;
    expect(await notificationCounts(rig)).toEqual({ PENDING: notices });
    const [{ waiting }] = await rig.sql<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM outbox_job
        WHERE name = 'notifications.send' AND relayed_at IS NULL`,
    );
    expect(waiting).toBe(notices);
    // The worker sweeps the outbox every 200 ms: nothing can go while Redis is away.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(rig.notify.messages).toHaveLength(0);

    await rig.startRedis();
    await eventually(async () => (await notificationCounts(rig)).SENT === notices, {
      timeoutMs: 60_000,
      what: 'every notice to be SENT once Redis is back',
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await deliveredOnce(rig)).toEqual({
      notifications: notices,
      received: notices,
      duplicates: [],
      missing: [],
      unexpected: [],
      notSent: 0,
      mismatchedIds: 0,
    });
    const received = rig.notify.messages.map((message) => message.emailAddress).sort();
    expect(received).toEqual(
      managers.flatMap((email) => Array<string>(sessions.length).fill(email)).sort(),
    );
    expect(rig.notify.messages[0].personalisation).toEqual({
      summary: expect.stringMatching(
        /^The session of 14 September 2022 for [A-Za-z ]+ was submitted on \d{1,2} [A-Z][a-z]+ \d{4} and awaits your sign-off\.$/,
      ),
      due_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  }, 180_000);
});
