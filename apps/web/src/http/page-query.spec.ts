import { pageQuery } from './page-query';

describe('pageQuery', () => {
  it('keeps the filter and swaps the cursor', () => {
    expect(pageQuery({ status: 'DRAFT', after: 'old' }, 'new')).toBe('?status=DRAFT&after=new');
    expect(pageQuery({ status: 'DRAFT', after: 'old' }, null)).toBe('?status=DRAFT');
    expect(pageQuery({}, null)).toBe('');
  });
});
