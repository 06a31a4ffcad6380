import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('settles as the work does when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1000)).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('failed')), 1000)).rejects.toThrow('failed');
  });

  it('rejects with the message when the work takes too long', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withTimeout(never, 10, 'Redis did not answer')).rejects.toThrow(
      'Redis did not answer',
    );
  });
});
