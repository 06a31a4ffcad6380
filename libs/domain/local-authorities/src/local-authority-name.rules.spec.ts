import { normaliseLocalAuthorityName } from './local-authority-name.rules';

describe('normaliseLocalAuthorityName', () => {
  it.each([
    ['Bristol, City of', 'Bristol'],
    ['St. Helens', 'St Helens'],
    ['Hammersmith & Fulham', 'Hammersmith and Fulham'],
    ['Telford & Wrekin', 'Telford and Wrekin'],
    ['Kingston upon Hull, City of', 'Kingston Upon Hull'],
    ['Stockton-on-Tees', 'Stockton on Tees'],
    ['  Leeds  ', 'leeds'],
    ['Bournemouth, Christchurch & Poole', 'Bournemouth, Christchurch and Poole'],
  ])('%p and %p are the same name', (a, b) => {
    expect(normaliseLocalAuthorityName(a)).toBe(normaliseLocalAuthorityName(b));
  });

  it('keeps the City of London, which is its name and not a suffix', () => {
    expect(normaliseLocalAuthorityName('City of London')).toBe('city of london');
  });

  it.each([
    ['Durham', 'County Durham'],
    ['Northamptonshire', 'North Northamptonshire'],
    ['Bedford', 'Bedfordshire'],
  ])('%p and %p stay different', (a, b) => {
    expect(normaliseLocalAuthorityName(a)).not.toBe(normaliseLocalAuthorityName(b));
  });
});
