/**
 * Writes a job's progress to its row as the work reports it: in order, and only when the
 * percentage moves, so a watcher polling the row sees it climb without a write per event. A
 * failed write is handed to `onError` and never fails the work itself.
 */
export class ProgressWriter<P> {
  private written = 0;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly write: (progress: P) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly percentOf: (progress: P) => number,
  ) {}

  report(progress: P): void {
    const percent = this.percentOf(progress);
    if (this.closed || percent <= this.written) return;
    this.written = percent;
    this.writing = this.writing.then(() => this.write(progress)).catch(this.onError);
  }

  /** Waits for the writes under way and takes no more: the outcome is written next. */
  close(): Promise<void> {
    this.closed = true;
    return this.writing;
  }
}
