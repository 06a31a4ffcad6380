import { BadUserInputError } from '@la-tracker/platform/errors';
import { Kind } from 'graphql';
import { MoneyScalar } from './money.scalar';

describe('MoneyScalar', () => {
  describe('serialize', () => {
    it('writes pence as pounds with 2 places', () => {
      expect(MoneyScalar.serialize(140_000_000)).toBe('1400000.00');
      expect(MoneyScalar.serialize(7_950)).toBe('79.50');
      expect(MoneyScalar.serialize(0)).toBe('0.00');
    });

    it('refuses anything but whole pence', () => {
      expect(() => MoneyScalar.serialize(79.5)).toThrow(TypeError);
      expect(() => MoneyScalar.serialize('79.50')).toThrow(TypeError);
    });
  });

  describe('parseValue', () => {
    it.each([
      ['1400000.00', 140_000_000],
      ['95', 9_500],
      ['79.5', 7_950],
      [' 0.01 ', 1],
    ])('reads %j as %p pence', (text, pence) => {
      expect(MoneyScalar.parseValue(text)).toBe(pence);
    });

    it.each(['£95', '1,400,000.00', '79.505', 'ninety', '', 79.5, null])(
      'refuses %j as BAD_USER_INPUT',
      (value) => {
        expect(() => MoneyScalar.parseValue(value)).toThrow(BadUserInputError);
      },
    );
  });

  describe('parseLiteral', () => {
    it('reads a string literal', () => {
      expect(MoneyScalar.parseLiteral({ kind: Kind.STRING, value: '12.34' })).toBe(1_234);
    });

    it('refuses a number literal, which a client may already have rounded', () => {
      expect(() => MoneyScalar.parseLiteral({ kind: Kind.FLOAT, value: '12.34' })).toThrow(
        'Money must be a string',
      );
    });
  });
});
