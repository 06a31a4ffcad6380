import { isUuid } from './uuid';

describe('isUuid', () => {
  it.each(['6c1f0f52-7d43-4b8e-9a55-1b5d2a0c7e01', '6C1F0F52-7D43-4B8E-9A55-1B5D2A0C7E01'])(
    'accepts %s',
    (text) => {
      expect(isUuid(text)).toBe(true);
    },
  );

  it.each([
    '',
    'north-star',
    '6c1f0f52-7d43-4b8e-9a55-1b5d2a0c7e0',
    ' 6c1f0f52-7d43-4b8e-9a55-1b5d2a0c7e01',
  ])('refuses %j', (text) => {
    expect(isUuid(text)).toBe(false);
  });
});
