import {
  defineJob,
  JobRegistry,
  outboxJobId,
  processorRegistryProblems,
  queueLimiter,
  workerConnections,
} from './jobs';

describe('defineJob', () => {
  it('puts a job on the default queue with the default retries', () => {
    const sut = defineJob<{ reportId: string }>('reports.build');
    expect(sut).toEqual({
      name: 'reports.build',
      queue: 'default',
      // Five tries, 5 s, 10 s, 20 s, 40 s apart: a passing fault clears, a lasting one is kept.
      attempts: 5,
      backoff: { type: 'exponential', delayMs: 5000 },
    });
  });

  it('keeps the retries it is given', () => {
    const sut = defineJob('reports.build', {
      attempts: 2,
      backoff: { type: 'fixed', delayMs: 10 },
    });
    expect(sut.attempts).toBe(2);
    expect(sut.backoff).toEqual({ type: 'fixed', delayMs: 10 });
  });

  it.each(['Reports.Build', 'reports:build', 'reports build', '', 'reports.'])(
    'refuses the name %p',
    (name) => {
      expect(() => defineJob(name)).toThrow(/lower-case words/);
    },
  );

  it.each([0, -1, 1.5])('refuses %p attempts', (attempts) => {
    expect(() => defineJob('reports.build', { attempts })).toThrow(/attempts/);
  });
});

describe('JobRegistry', () => {
  const build = defineJob('reports.build');
  const remind = defineJob('notifications.remind');

  it('finds a job by name', () => {
    const sut = new JobRegistry([build, remind]);
    expect(sut.get('notifications.remind')).toBe(remind);
    expect(sut.get('nothing')).toBeUndefined();
    expect(sut.names).toEqual(['reports.build', 'notifications.remind']);
  });

  it('lists each queue with jobs once', () => {
    expect(new JobRegistry([build, remind]).queues).toEqual(['default']);
    expect(new JobRegistry([]).queues).toEqual([]);
  });

  it('refuses a name defined twice', () => {
    expect(() => new JobRegistry([build, defineJob('reports.build')])).toThrow(
      'Job "reports.build" is defined twice',
    );
  });
});

describe('outboxJobId', () => {
  const job = { name: 'reports.build' };

  it('prefixes the caller’s id with the job name', () => {
    expect(outboxJobId(job, { reportId: 'r1' }, 'r1-2024-06-01')).toBe(
      'reports.build/r1-2024-06-01',
    );
  });

  it('derives the same id from the same payload, whatever the order of its keys', () => {
    const sut = outboxJobId(job, { a: '1', b: 2 });
    expect(sut).toMatch(/^reports\.build\/[0-9a-f]{32}$/);
    expect(outboxJobId(job, { b: 2, a: '1' })).toBe(sut);
  });

  it('derives different ids from different payloads or jobs', () => {
    expect(outboxJobId(job, { a: '1' })).not.toBe(outboxJobId(job, { a: '2' }));
    expect(outboxJobId(job, { a: '1' })).not.toBe(outboxJobId({ name: 'other' }, { a: '1' }));
  });

  it.each(['', 'a:b', 'a b', 'x'.repeat(201)])('refuses the id %p', (jobId) => {
    expect(() => outboxJobId(job, {}, jobId)).toThrow(/reports\.build/);
  });
});

describe('processorRegistryProblems', () => {
  it('is content with one processor a job', () => {
    expect(processorRegistryProblems(['a', 'b'], ['b', 'a'])).toEqual([]);
  });

  it('is content with no jobs and no processors', () => {
    expect(processorRegistryProblems([], [])).toEqual([]);
  });

  it('names a job with no processor', () => {
    expect(processorRegistryProblems(['a'], [])).toEqual(['job "a" has no processor']);
  });

  it('names a job with two processors', () => {
    expect(processorRegistryProblems(['a'], ['a', 'a'])).toEqual(['job "a" has 2 processors']);
  });

  it('names a processor for a job nobody declared', () => {
    expect(processorRegistryProblems([], ['x'])).toEqual([
      'a processor handles "x", which is not a declared job',
    ]);
  });
});

describe('queueLimiter', () => {
  it('keeps the notifications queue to the sends a minute Notify allows', () => {
    expect(queueLimiter('notifications', { notifySendsPerMinute: 1400 })).toEqual({
      max: 1400,
      durationMs: 60_000,
    });
    expect(queueLimiter('notifications', { notifySendsPerMinute: 6000 })).toEqual({
      max: 6000,
      durationMs: 60_000,
    });
  });

  it('leaves the notifications queue unlimited at 0', () => {
    expect(queueLimiter('notifications', { notifySendsPerMinute: 0 })).toBeUndefined();
  });

  it('never limits the default queue', () => {
    expect(queueLimiter('default', { notifySendsPerMinute: 1400 })).toBeUndefined();
  });
});

describe('workerConnections', () => {
  it('gives each job a worker runs at once a connection, and one more for the outbox', () => {
    expect(workerConnections(['default', 'notifications'])).toBe(26);
    expect(workerConnections(['notifications'])).toBe(21);
    expect(workerConnections(['default'])).toBe(6);
    expect(workerConnections([])).toBe(1);
  });
});
