import { eventually } from '@la-tracker/platform/testing';
import { CLI, run } from '../support/cli';
import { deliveredOnce, startFaultRig, type FaultRig } from '../support/fault-rig';
import { CHASE_DAY, givenMonthlyReturnFanOut } from './fault-records';

// Notify keeps the message but answers after the client's 10 s timeout: the outcome is unknown,
// so the retry (a minute later, by the job's back-off) must look the message up, not send it.
describe('a send that times out after Notify accepted it', () => {
  let rig: FaultRig;

  beforeAll(async () => {
    rig = await startFaultRig();
    await givenMonthlyReturnFanOut(rig, 1);
  }, 60_000);

  afterAll(() => rig?.close(), 60_000);

  it('is not sent again, and ends SENT once found by its reference', async () => {
    rig.notify.answerLate(15_000);
    await rig.startWorker();
    const scanned = await run(CLI, ['run-reminders', '--as-of', CHASE_DAY], rig.env);
    expect(scanned).toMatchObject({ code: 0, stderr: '' });
    const [{ id }] = await rig.sql<{ id: string }>(`SELECT id FROM notification`);

    const state = async () =>
      (
        await rig.sql<{ status: string; attempts: number; last_error: string | null }>(
          `SELECT status, attempts, last_error FROM notification WHERE id = $1`,
          [id],
        )
      )[0];
    await eventually(async () => (await state()).last_error !== null, {
      timeoutMs: 30_000,
      what: 'the send to time out',
    });
    expect(await state()).toEqual({
      status: 'SENDING',
      attempts: 1,
      last_error: expect.stringMatching(/GOV\.UK Notify could not send the message: timeout/i),
    });
    expect(rig.notify.messages.map((message) => message.reference)).toEqual([id]);

    await eventually(async () => (await state()).status === 'SENT', {
      timeoutMs: 120_000,
      what: 'the retry to find the message and mark it SENT',
    });
    expect(await state()).toEqual({ status: 'SENT', attempts: 2, last_error: null });
    expect(await deliveredOnce(rig)).toEqual({
      notifications: 1,
      received: 1,
      duplicates: [],
      missing: [],
      unexpected: [],
      notSent: 0,
      mismatchedIds: 0,
    });
  }, 180_000);
});
