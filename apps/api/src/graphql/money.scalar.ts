import { BadUserInputError } from '@la-tracker/platform/errors';
import { formatMoney, parseMoney, type Pence } from '@la-tracker/platform/money';
import { GraphQLScalarType, Kind } from 'graphql';

const HOW = 'write money as a string of pounds, e.g. "1400000.00"';

function parse(value: unknown): Pence {
  const pence = typeof value === 'string' ? parseMoney(value) : null;
  if (pence === null) throw new BadUserInputError(`${JSON.stringify(value)} is not money: ${HOW}.`);
  return pence;
}

/**
 * Money in pounds as a decimal string with 2 places ("1400000.00"), exact: held as whole pence
 * inside, never as a float. A string, not a number, so no client rounds it on the way.
 */
export const MoneyScalar = new GraphQLScalarType<Pence, string>({
  name: 'Money',
  description: 'An amount in pounds (GBP), a decimal string with 2 places, e.g. "1400000.00".',
  serialize: (value) => {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return formatMoney(value);
    throw new TypeError(`Cannot serialise ${String(value)} as Money`);
  },
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new BadUserInputError(`Money must be a string: ${HOW}.`);
    return parse(ast.value);
  },
});
