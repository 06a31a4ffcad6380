/** What a progress line says: how far, how fast, and how long to go. */
export interface ProgressState {
  done: number;
  total: number;
  rows: number;
  elapsedMs: number;
}

const whole = (n: number) => Math.round(n).toLocaleString('en-GB');

export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m ${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

export function progressLine({ done, total, rows, elapsedMs }: ProgressState): string {
  const share = total === 0 ? 1 : done / total;
  const rate = elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0;
  const eta =
    done > 0 && done < total ? ` · ETA ${duration((elapsedMs * (total - done)) / done)}` : '';
  return (
    `sessions ${whole(done)}/${whole(total)} (${Math.floor(share * 100)}%) · ` +
    `${whole(rows)} rows · ${whole(rate)} rows/s${eta}`
  );
}

/**
 * A progress bar on stderr: redrawn in place on a terminal, or a plain line every few seconds
 * when the output goes to a file or a pipe.
 */
export class Progress {
  private lastDrawn = -Infinity;
  private lastCounts = '';
  private readonly started: number;

  constructor(
    private readonly out: { write(text: string): unknown; isTTY?: boolean },
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  update(done: number, rows: number): void {
    const now = this.now();
    const every = this.out.isTTY ? 100 : 5000;
    if (now - this.lastDrawn < every) return;
    this.lastDrawn = now;
    this.draw(done, rows, now);
  }

  /** The last line, unless it was just written as it stands. */
  finish(done: number, rows: number): void {
    if (this.lastCounts !== `${done}/${rows}`) this.draw(done, rows, this.now());
    if (this.out.isTTY) this.out.write('\n');
  }

  private draw(done: number, rows: number, now: number): void {
    const line = progressLine({ done, total: this.total, rows, elapsedMs: now - this.started });
    this.lastCounts = `${done}/${rows}`;
    this.out.write(this.out.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
  }
}
