import { eventually } from '@la-tracker/platform/testing';
import { CLI, run } from '../support/cli';
import {
  deliveredOnce,
  notificationCounts,
  startFaultRig,
  type FaultRig,
} from '../support/fault-rig';
import { CHASE_DAY, givenMonthlyReturnFanOut } from './fault-records';

// The whole 1,000: the queue's limit is shared by every worker (it lives in Redis), so a second
// worker does not shorten the run, and the full fan-out gives the two the longest time side by side.
const FAN_OUT = 1_000;

describe('two workers over the same fan-out of 1,000 reminders', () => {
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig();
    await givenMonthlyReturnFanOut(rig, FAN_OUT);
  }, 60_000);

  afterAll(() => rig?.close(), 60_000);

  it('send each reminder once between them, none missing', async () => {
    const [one, two] = await Promise.all([rig.startWorker(), rig.startWorker()]);
    const scanned = await run(CLI, ['run-reminders', '--as-of', CHASE_DAY], rig.env);
    expect(scanned).toMatchObject({ code: 0, stderr: '' });
    expect(scanned.stdout).toContain(`${FAN_OUT} due, ${FAN_OUT} new and queued`);

    await eventually(async () => (await notificationCounts(rig)).SENT === FAN_OUT, {
      timeoutMs: 150_000,
      what: `every one of the ${FAN_OUT} reminders to be SENT`,
    });
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

    // Both took a share: the test is about two at once, not one after the other.
    const processedBy = [
      ...(
        await rig.sendProcessedBy(
          (await rig.sql<{ id: string }>(`SELECT id FROM notification`)).map((row) => row.id),
        )
      ).values(),
    ];
    const byOne = processedBy.filter((name) => name?.endsWith(`:${one.pid}`)).length;
    const byTwo = processedBy.filter((name) => name?.endsWith(`:${two.pid}`)).length;
    expect(byOne + byTwo).toBe(FAN_OUT);
    expect(Math.min(byOne, byTwo)).toBeGreaterThan(FAN_OUT / 10);
    process.stdout.write(`sends by worker: ${byOne} and ${byTwo}\n`);
  }, 240_000);
});
