import { processorRegistryProblems } from './jobs';

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
