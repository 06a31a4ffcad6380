import { ProgressWriter } from './progress-writer';

describe('ProgressWriter', () => {
  it('writes each rise once, in order, and nothing after it is closed', async () => {
    const written: number[] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const sut = new ProgressWriter<number>(
      async (percent) => {
        if (written.length === 0) await firstWrite;
        written.push(percent);
      },
      () => undefined,
      (percent) => percent,
    );

    sut.report(10);
    sut.report(10);
    sut.report(5);
    sut.report(40);
    release();
    const closing = sut.close();
    sut.report(90);
    await closing;

    expect(written).toEqual([10, 40]);
  });

  it('hands a failed write to onError and goes on', async () => {
    const errors: unknown[] = [];
    const written: number[] = [];
    const sut = new ProgressWriter<{ percent: number }>(
      ({ percent }) => {
        if (percent === 20) return Promise.reject(new Error('database away'));
        written.push(percent);
        return Promise.resolve();
      },
      (error) => errors.push(error),
      (progress) => progress.percent,
    );

    sut.report({ percent: 20 });
    sut.report({ percent: 60 });
    await sut.close();

    expect(written).toEqual([60]);
    expect(errors).toEqual([new Error('database away')]);
  });
});
