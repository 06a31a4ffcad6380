import { createHash } from 'node:crypto';

/**
 * What a job carries: ids only, never records, so a job always acts on the data as it is when it
 * runs. A type literal (not an interface) so it fits the index signature.
 */
export type JobPayload = Readonly<Record<string, string | number | boolean | null>>;

export interface QueueOptions {
  /** How many of its jobs run at once per worker. */
  readonly concurrency: number;
}

/** The queues the worker consumes. */
export const QUEUES = {
  default: { concurrency: 5 },
  // Messages leave through GOV.UK Notify, at most `NOTIFY_SENDS_PER_MINUTE` (see `queueLimiter`).
  notifications: { concurrency: 20 },
} as const satisfies Record<string, QueueOptions>;

export type QueueName = keyof typeof QUEUES;

/**
 * The database connections a worker consuming these queues needs so that no job waits for one:
 * one per job it runs at once, and one for the outbox relay and sweep.
 */
export function workerConnections(queues: readonly QueueName[]): number {
  return queues.reduce((sum, queue) => sum + QUEUES[queue].concurrency, 1);
}

/** At most `max` jobs per `durationMs` across every worker (BullMQ's limiter, kept in Redis). */
export interface QueueLimiter {
  readonly max: number;
  readonly durationMs: number;
}

/**
 * A queue's rate limit: the notifications queue keeps to the sends a minute GOV.UK Notify allows
 * the service (0 for none); the others have none.
 */
export function queueLimiter(
  queue: QueueName,
  limits: { notifySendsPerMinute: number },
): QueueLimiter | undefined {
  switch (queue) {
    case 'notifications':
      return limits.notifySendsPerMinute > 0
        ? { max: limits.notifySendsPerMinute, durationMs: 60_000 }
        : undefined;
    case 'default':
      return undefined;
  }
}

export interface JobBackoff {
  type: 'exponential' | 'fixed';
  delayMs: number;
}

/** A job's name constant, its queue and retry policy; `P` is the payload its processor receives. */
export interface JobDefinition<P extends JobPayload = JobPayload> {
  readonly name: string;
  readonly queue: QueueName;
  /** Runs in all, the first included; a job that fails them all stays in Redis as failed. */
  readonly attempts: number;
  readonly backoff: JobBackoff;
  /** Carries `P` for the type checker only; never set. */
  readonly payloadType?: P;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF: JobBackoff = { type: 'exponential', delayMs: 5_000 };

/**
 * How long a relayed job id is remembered, both as the outbox row and as the completed job in
 * Redis: enqueuing or relaying the same id again within this window does not run it again.
 */
export const DEDUPLICATION_WINDOW_SECONDS = 7 * 24 * 60 * 60;

const JOB_NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

export function defineJob<P extends JobPayload>(
  name: string,
  options: { queue?: QueueName; attempts?: number; backoff?: JobBackoff } = {},
): JobDefinition<P> {
  if (!JOB_NAME.test(name))
    throw new Error(`Job name "${name}" must be lower-case words joined by "." or "-"`);
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new Error(`Job "${name}" must have a whole number of attempts of at least 1`);
  return Object.freeze({
    name,
    queue: options.queue ?? 'default',
    attempts,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
  });
}

/**
 * Imports an Ofsted file someone asked for (an `inspection_import` row). Few tries: a file that
 * does not read as an edition fails at once without retrying, so only a passing fault is retried.
 */
export const INSPECTION_IMPORT = defineJob<{ importId: string }>('inspections.import', {
  attempts: 3,
});

/**
 * Sends one notification (a `notification` row). Many tries over many hours: a send whose outcome
 * is unknown is looked up before it is tried again, so retrying never sends twice.
 */
export const NOTIFICATION_SEND = defineJob<{ notificationId: string }>('notifications.send', {
  queue: 'notifications',
  // From a minute to about eight hours apart: a mail service out for a morning loses nothing.
  attempts: 10,
  backoff: { type: 'exponential', delayMs: 60_000 },
});

/**
 * Finds the reminders due on a day (today in England when `asOf` is null) and queues each new one.
 * Run daily by the worker's schedule and on demand; running it twice queues nothing twice.
 */
export const REMINDER_SCAN = defineJob<{ asOf: string | null }>('reminders.scan', { attempts: 3 });

/**
 * Erases personal data past its retention period (SPEC §5.11), as of a day (today in England when
 * `asOf` is null). Run daily by the worker's schedule; running it twice erases nothing more.
 */
export const RETENTION_RUN = defineJob<{ asOf: string | null }>('retention.run', { attempts: 3 });

/**
 * Builds a report someone asked for (a `report` row), from the start on every attempt: a retry
 * replaces whatever an earlier attempt stored. Few tries, as a fault that repeats is no passing one.
 */
export const REPORT_BUILD = defineJob<{ reportId: string }>('reports.build', { attempts: 3 });

/**
 * Asks for the MI pack of the month before `asOf`'s (today in England when null) for each
 * programme running in that month, in that month's financial year. Run on the 1st of each month;
 * each programme gets one pack a month however often, or however late in the month, it runs.
 */
export const REPORTS_MONTHLY = defineJob<{ asOf: string | null }>('reports.monthly', {
  attempts: 3,
});

/**
 * Every job of the product; each has exactly one processor in the worker. A new job is defined
 * above, like `INSPECTION_IMPORT`, and added to this list.
 */
export const JOBS: readonly JobDefinition[] = [
  INSPECTION_IMPORT,
  NOTIFICATION_SEND,
  REMINDER_SCAN,
  RETENTION_RUN,
  REPORT_BUILD,
  REPORTS_MONTHLY,
];

/** The jobs one process knows, by name: the product's, or a test's own. */
export class JobRegistry {
  private readonly byName = new Map<string, JobDefinition>();

  constructor(jobs: readonly JobDefinition[]) {
    for (const job of jobs) {
      if (this.byName.has(job.name)) throw new Error(`Job "${job.name}" is defined twice`);
      this.byName.set(job.name, job);
    }
  }

  get(name: string): JobDefinition | undefined {
    return this.byName.get(name);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The queues that have at least one job, so the worker consumes only those. */
  get queues(): QueueName[] {
    return [...new Set([...this.byName.values()].map((job) => job.queue))];
  }
}

/** JSON with keys sorted, so equal payloads always give the same text. */
function canonicalJson(payload: JobPayload): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(payload).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
}

/**
 * The id a job gets in the outbox and in BullMQ: the job's name and the caller's id, or else a
 * hash of the payload, so the same job for the same ids is one job within the deduplication
 * window. A job that must run again for the same ids needs an id of its own (say, with the id of
 * the change that asks for it). BullMQ ignores an add whose id it holds, so relaying twice is
 * harmless.
 */
export function outboxJobId(
  job: Pick<JobDefinition, 'name'>,
  payload: JobPayload,
  jobId?: string,
): string {
  if (jobId !== undefined && !/^[A-Za-z0-9._~@+=-]{1,200}$/.test(jobId))
    throw new Error(
      `Job id "${jobId}" for "${job.name}" must be 1 to 200 letters, digits or . _ ~ @ + = -`,
    );
  const key =
    jobId ?? createHash('sha256').update(canonicalJson(payload)).digest('hex').slice(0, 32);
  return `${job.name}/${key}`;
}

/**
 * The worker refuses to start when a job has no processor, or two: a job nobody runs would wait
 * forever, and two processors would race for it.
 */
export function processorRegistryProblems(
  jobNames: readonly string[],
  handledNames: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const name of jobNames) {
    const count = handledNames.filter((handled) => handled === name).length;
    if (count === 0) problems.push(`job "${name}" has no processor`);
    if (count > 1) problems.push(`job "${name}" has ${count} processors`);
  }
  for (const name of new Set(handledNames)) {
    if (!jobNames.includes(name))
      problems.push(`a processor handles "${name}", which is not a declared job`);
  }
  return problems;
}
