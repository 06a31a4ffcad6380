import { Injectable, type Type } from '@nestjs/common';
import { processorRegistryProblems, type JobDefinition, type JobPayload } from './jobs';

export interface JobContext {
  /** The deterministic id the job was enqueued with. */
  jobId: string;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
  /** Runs in all before the queue gives up on the job. */
  attempts: number;
}

/**
 * Runs one job by calling a domain service. A job may run more than once (a retry, or a worker
 * that died mid-job), so `process` must be idempotent. Throwing fails this attempt.
 */
export interface JobProcessor<P extends JobPayload = JobPayload> {
  process(payload: P, context: JobContext): Promise<void>;
  /**
   * Told once the queue has given up on the job: its last attempt failed, or it stalled too often
   * (a worker that died while running it), when `process` may not have had the chance to say so.
   * For a record that would otherwise wait for an outcome forever. Must be idempotent too.
   */
  gaveUp?(payload: P, reason: string): Promise<void>;
}

/**
 * Thrown by a processor that cannot go on yet for a reason that is no fault (another worker holds
 * the record): the job waits and runs again later without using up an attempt.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(`Retrying later: ${reason}`);
    this.name = 'RetryLaterError';
  }
}

const PROCESSES_JOB = Symbol('la-tracker:processes-job');

/** Marks a worker provider as the processor of one job; the payload types must agree. */
export function ProcessorFor<P extends JobPayload>(
  job: JobDefinition<P>,
): (target: Type<JobProcessor<P>>) => void {
  return (target) => {
    Reflect.defineMetadata(PROCESSES_JOB, job, target);
    Injectable()(target);
  };
}

/** The job a processor class was marked with, if any. */
export function jobProcessedBy(processor: Type<JobProcessor>): JobDefinition | undefined {
  return Reflect.getMetadata(PROCESSES_JOB, processor) as JobDefinition | undefined;
}

/** What stops a worker from starting with these jobs and processors; empty when nothing does. */
export function workerRegistryProblems(
  jobs: readonly JobDefinition[],
  processors: ReadonlyArray<Type<JobProcessor>>,
): string[] {
  const unmarked = processors
    .filter((processor) => !jobProcessedBy(processor))
    .map((processor) => `${processor.name} is not marked with @ProcessorFor(job)`);
  const handled = processors.flatMap((processor) => jobProcessedBy(processor)?.name ?? []);
  return [
    ...unmarked,
    ...processorRegistryProblems(
      jobs.map((job) => job.name),
      handled,
    ),
  ];
}
