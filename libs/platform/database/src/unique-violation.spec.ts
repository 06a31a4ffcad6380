import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './unique-violation';

const failed = (code: string) =>
  new QueryFailedError('INSERT', [], Object.assign(new Error('refused'), { code }));

describe('isUniqueViolation', () => {
  it('is true for a unique violation', () => {
    expect(isUniqueViolation(failed('23505'))).toBe(true);
  });

  it('is false for another refusal, or another error', () => {
    expect(isUniqueViolation(failed('23503'))).toBe(false);
    expect(isUniqueViolation(new Error('23505'))).toBe(false);
  });
});
