import { eventually } from '@la-tracker/platform/testing';
import { CLI, run } from '../support/cli';
import {
  deliveredOnce,
  notificationCounts,
  startFaultRig,
  type FaultRig,
} from '../support/fault-rig';
import { CHASE_DAY, givenMonthlyReturnFanOut } from './fault-records';

const FAN_OUT = 1_000;

// The notifications queue keeps to 1,400 jobs a minute, so the fan-out takes about 45 s; jobs the
// killed worker held come back once BullMQ finds them stalled (within two 30 s checks).
describe('a worker killed in the middle of a fan-out of 1,000 reminders', () => {
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig();
    await givenMonthlyReturnFanOut(rig, FAN_OUT);
  }, 60_000);

  afterAll(() => rig?.close(), 60_000);

  it('sends every reminder exactly once after a new worker takes over', async () => {
    const first = await rig.startWorker();
    const scanned = await run(CLI, ['run-reminders', '--as-of', CHASE_DAY], rig.env);
    expect(scanned).toMatchObject({ code: 0, stderr: '' });
    expect(scanned.stdout).toContain(
      `Reminders as of ${CHASE_DAY}: ${FAN_OUT} due, ${FAN_OUT} new and queued`,
    );

    await eventually(() => rig.notify.messages.length >= 300, {
      timeoutMs: 60_000,
      what: 'the fake Notify to receive some hundreds of reminders',
    });
    await first.kill();
    const receivedBeforeKill = rig.notify.messages.length;
    expect(receivedBeforeKill).toBeLessThan(FAN_OUT);
    const atKill = await notificationCounts(rig);

    const second = await rig.startWorker();
    await eventually(async () => (await notificationCounts(rig)).SENT === FAN_OUT, {
      timeoutMs: 180_000,
      what: `every one of the ${FAN_OUT} reminders to be SENT`,
    });
    // A moment more: anything sent twice would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await deliveredOnce(rig)).toEqual({
      notifications: FAN_OUT,
      received: FAN_OUT,
      duplicates: [],
      missing: [],
      unexpected: [],
      notSent: 0,
      mismatchedIds: 0,
    });
    // The new worker finished what the killed one left, in hand or not yet begun.
    const processedBy = await rig.sendProcessedBy(
      (await rig.sql<{ id: string }>(`SELECT id FROM notification`)).map((row) => row.id),
    );
    const bySecond = [...processedBy.values()].filter((name) => name?.endsWith(`:${second.pid}`));
    expect(bySecond.length).toBeGreaterThanOrEqual(FAN_OUT - receivedBeforeKill);
    process.stdout.write(
      `worker killed after ${receivedBeforeKill} sends (notifications then: ${JSON.stringify(atKill)})\n`,
    );
  }, 300_000);
});
