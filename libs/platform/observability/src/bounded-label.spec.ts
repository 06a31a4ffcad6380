import { BoundedLabel } from './bounded-label';

describe('BoundedLabel', () => {
  describe('of', () => {
    it('keeps names up to the limit, then answers `__other__` for new ones', () => {
      const sut = new BoundedLabel(2);
      expect(sut.of('Regions')).toBe('Regions');
      expect(sut.of('Dashboard')).toBe('Dashboard');
      expect(sut.of('Third')).toBe('__other__');
      expect(sut.of('Regions')).toBe('Regions');
    });

    it.each(['', 'has space', '1starts-with-digit', 'x'.repeat(65), 'a"b'])(
      'answers `__other__` for %p, which is not a name',
      (value) => {
        expect(new BoundedLabel(10).of(value)).toBe('__other__');
      },
    );
  });
});
