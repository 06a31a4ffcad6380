import {
  jobProcessedBy,
  ProcessorFor,
  workerRegistryProblems,
  type JobProcessor,
} from './job-processor';
import { defineJob } from './jobs';

const BUILD_REPORT = defineJob<{ reportId: string }>('reports.build');
const SEND_REMINDER = defineJob<{ reminderId: string }>('notifications.send-reminder');

@ProcessorFor(BUILD_REPORT)
class BuildReportProcessor implements JobProcessor<{ reportId: string }> {
  async process(): Promise<void> {}
}

@ProcessorFor(BUILD_REPORT)
class AnotherBuildReportProcessor implements JobProcessor<{ reportId: string }> {
  async process(): Promise<void> {}
}

class UnmarkedProcessor implements JobProcessor {
  async process(): Promise<void> {}
}

describe('jobProcessedBy', () => {
  it('reads the job a processor was marked with', () => {
    expect(jobProcessedBy(BuildReportProcessor)).toBe(BUILD_REPORT);
    expect(jobProcessedBy(UnmarkedProcessor)).toBeUndefined();
  });
});

describe('workerRegistryProblems', () => {
  it('is content when every job has its processor', () => {
    expect(workerRegistryProblems([BUILD_REPORT], [BuildReportProcessor])).toEqual([]);
  });

  it('names a job with no processor, and one with two', () => {
    expect(
      workerRegistryProblems(
        [BUILD_REPORT, SEND_REMINDER],
        [BuildReportProcessor, AnotherBuildReportProcessor],
      ),
    ).toEqual([
      'job "reports.build" has 2 processors',
      'job "notifications.send-reminder" has no processor',
    ]);
  });

  it('names a processor not marked with its job', () => {
    expect(workerRegistryProblems([], [UnmarkedProcessor])).toEqual([
      'UnmarkedProcessor is not marked with @ProcessorFor(job)',
    ]);
  });
});
