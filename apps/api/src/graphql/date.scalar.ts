import { BadUserInputError } from '@la-tracker/platform/errors';
import { isIsoDate } from '@la-tracker/platform/time';
import { GraphQLScalarType, Kind } from 'graphql';

function parse(value: unknown): string {
  if (typeof value === 'string' && isIsoDate(value)) return value;
  throw new BadUserInputError(`${JSON.stringify(value)} is not a date: write dates as YYYY-MM-DD.`);
}

/** A calendar date, `YYYY-MM-DD`: no time and no time zone, so "2020-12-10" is that day in England. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, written YYYY-MM-DD.',
  serialize: (value) => {
    if (typeof value === 'string' && isIsoDate(value)) return value;
    throw new TypeError(`Cannot serialise ${String(value)} as a Date`);
  },
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new BadUserInputError('A date must be a string: write dates as YYYY-MM-DD.');
    return parse(ast.value);
  },
});
