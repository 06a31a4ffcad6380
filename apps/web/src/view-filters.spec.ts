import { duration, longDate, percent, pounds, words } from './view-filters';

describe('longDate', () => {
  it('writes dates as GOV.UK does', () => {
    expect(longDate('2022-06-14')).toBe('14 June 2022');
    expect(longDate('2023-03-01')).toBe('1 March 2023');
    expect(longDate('2023-01-16T10:00:00.000Z')).toBe('16 January 2023');
  });
  it('leaves what is not a date alone', () => {
    expect(longDate('soon')).toBe('soon');
    expect(longDate(null)).toBe('');
  });
});

describe('pounds', () => {
  it('groups thousands and keeps pence', () => {
    expect(pounds('1400000.00')).toBe('£1,400,000.00');
    expect(pounds('21197.92')).toBe('£21,197.92');
    expect(pounds('714.29')).toBe('£714.29');
    expect(pounds('0.5')).toBe('£0.50');
    expect(pounds('12')).toBe('£12.00');
    expect(pounds('-95.00')).toBe('−£95.00');
  });
  it('shows nothing for what is not money', () => {
    expect(pounds(null)).toBe('');
    expect(pounds('1e5')).toBe('');
    expect(pounds(12)).toBe('');
  });
});

describe('duration', () => {
  it('writes minutes as hours and minutes', () => {
    expect(duration(125)).toBe('2 hours 5 minutes');
    expect(duration(60)).toBe('1 hour');
    expect(duration(415)).toBe('6 hours 55 minutes');
    expect(duration(1)).toBe('1 minute');
    expect(duration(0)).toBe('0 minutes');
  });
  it('shows nothing for what is not a count of minutes', () => {
    expect(duration(-1)).toBe('');
    expect(duration(1.5)).toBe('');
    expect(duration('60')).toBe('');
  });
});

describe('percent', () => {
  it('rounds a share to a whole percentage', () => {
    expect(percent(4 / 12)).toBe('33%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('');
  });
});

describe('words', () => {
  it('turns an enum value into words', () => {
    expect(words('IN_DELIVERY')).toBe('In delivery');
    expect(words('APPROVED')).toBe('Approved');
    expect(words(undefined)).toBe('');
  });
});
