import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** The schema as published: a mutation added to it is fuzzed with no other change. */
export const SCHEMA_FILE = resolve(__dirname, '../../apps/api/schema.graphql');

export function publishedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
}

export function mutationsOf(schema: GraphQLSchema): Array<GraphQLField<unknown, unknown>> {
  return Object.values(schema.getMutationType()?.getFields() ?? {});
}

/** What the scenario database holds, so some cases reach past the NOT_FOUND path. */
export interface RealValues {
  ids: string[];
  codes: string[];
}

/** One request that must be refused: its arguments and the poison that makes it wrong. */
export interface BadInputCase {
  mutation: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Where the poison is and what it is, for a person reading a failure. */
  poison: string;
}

/** Absent from the object it would be a field of. */
const LEFT_OUT = Symbol('left out');

type Value = unknown;
interface Poisoned {
  value: Value;
  poison: string;
}

// Values a field of that kind may never accept, whatever the rest of the request holds.
const HUGE_TEXT = 'x'.repeat(20_000);
const IMPOSSIBLE_DATES = ['2025-02-30', '2023-13-01', '0000-00-00', '', '2023-02-29', '31/12/2022'];
const MALFORMED_IDS = [
  'not-an-id',
  '',
  "'; DROP TABLE engagement;--",
  '00000000-0000-4000-8000-00000000000g',
  '../../etc/passwd',
  '1',
];
const ENORMOUS_INTS = [2 ** 31, 2 ** 53, -(2 ** 31) - 1, 1.5];
const NEGATIVE_INTS = [-1, -(2 ** 31)];
const BAD_MONEY = [
  '-1.00',
  'NaN',
  'Infinity',
  '1e308',
  '12.345',
  'abc',
  '',
  '99999999999999999.99',
];

/** Values no scalar takes in place of another: the wrong JSON type for the variable. */
const wrongTypeFor = (kind: string): fc.Arbitrary<Poisoned> => {
  const candidates: Value[] = [{ nested: 'object' }, ['a', 'list'], true, 42, 'text'];
  const wrong = candidates.filter((value) => {
    if (kind === 'Int' || kind === 'Float') return typeof value !== 'number';
    if (kind === 'Boolean') return typeof value !== 'boolean';
    if (kind === 'ID') return typeof value !== 'string' && typeof value !== 'number';
    return typeof value !== 'string';
  });
  return fc
    .constantFrom(...wrong)
    .map((value) => ({ value, poison: `wrong type for ${kind}: ${JSON.stringify(value)}` }));
};

/** Text with a character no text column should hold: NUL, other controls, a lone surrogate. */
const UNSTORABLE_TEXT = fc
  .tuple(
    fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\ud800', '\udfff'),
    fc.constantFrom('', 'Leeds', 'E06000001', '2022-23'),
  )
  .map(([bad, around]) => ({
    value: `${around}${bad}${around}`,
    poison: `text with ${JSON.stringify(bad)}`,
  }));

const poisonFor = (type: GraphQLInputType): fc.Arbitrary<Poisoned> => {
  const named = getNamedType(type);
  const kind = named.name;
  const options: Array<fc.Arbitrary<Poisoned>> = [wrongTypeFor(kind)];
  if (isNonNullType(type))
    options.push(fc.constant({ value: null, poison: 'null where required' }));
  if (isEnumType(named)) {
    options.push(
      fc.constantFrom('NOT_A_VALUE', named.getValues()[0].name.toLowerCase(), '').map((value) => ({
        value,
        poison: `not a ${kind}: ${value}`,
      })),
    );
  } else if (kind === 'ID') {
    options.push(
      fc.uuid().map((value) => ({ value, poison: `unknown id ${value}` })),
      fc
        .constantFrom(...MALFORMED_IDS)
        .map((value) => ({ value, poison: `malformed id ${value}` })),
      UNSTORABLE_TEXT,
      fc.constant({ value: HUGE_TEXT, poison: 'an id of 20,000 characters' }),
    );
  } else if (kind === 'String') {
    options.push(UNSTORABLE_TEXT, fc.constant({ value: HUGE_TEXT, poison: '20,000 characters' }));
  } else if (kind === 'Date' || kind === 'DateTime') {
    options.push(
      fc.constantFrom(...IMPOSSIBLE_DATES).map((value) => ({ value, poison: `date ${value}` })),
    );
  } else if (kind === 'Int') {
    options.push(
      fc.constantFrom(...ENORMOUS_INTS, ...NEGATIVE_INTS).map((value) => ({
        value,
        poison: `Int ${value}`,
      })),
    );
  } else if (kind === 'Float') {
    options.push(
      fc.constantFrom(1e308, -1, 'NaN', 'Infinity').map((value) => ({
        value,
        poison: `Float ${value}`,
      })),
    );
  } else if (kind === 'Money') {
    options.push(
      fc.constantFrom(...BAD_MONEY).map((value) => ({ value, poison: `Money ${value}` })),
    );
  }
  return fc.oneof(...options);
};

// Adversarial text that may or may not be valid where it lands.
const NOISY_TEXT = [
  "'; DROP TABLE engagement;--",
  '" OR 1=1 --',
  '{"$gt": ""}',
  '=HYPERLINK("http://evil.example","click")',
  '+SUM(1,1)',
  '@cmd',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'مرحبا بالعالم',
  '\u202eevil\u202c',
  '👩‍👧‍👦🏴󠁧󠁢󠁥󠁮󠁧󠁿',
  'Zalgo z̷̢̛a̶̡l̵g̸o',
  '   ',
  'Line one\nLine two\ttabbed',
  'ｆｕｌｌｗｉｄｔｈ',
];

const noiseFor = (type: GraphQLInputType, real: RealValues): fc.Arbitrary<Value> => {
  const named = getNamedType(type);
  const kind = named.name;
  if (isEnumType(named)) return fc.constantFrom(...named.getValues().map((v) => v.name));
  switch (kind) {
    case 'ID':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...real.ids) },
        { weight: 1, arbitrary: fc.uuid() },
      );
    case 'String':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...real.codes) },
        { weight: 2, arbitrary: fc.constantFrom(...NOISY_TEXT) },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
        { weight: 1, arbitrary: fc.emailAddress() },
      );
    case 'Date':
      return fc
        .date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case 'DateTime':
      return fc
        .date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'Int':
      return fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(1, 60, 2022, 2023));
    case 'Float':
      return fc.double({ min: 0, max: 1e6, noNaN: true });
    case 'Money':
      return fc
        .integer({ min: 0, max: 100_000_000 })
        .map((pence) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`);
    case 'Boolean':
      return fc.boolean();
    default:
      throw new Error(
        `No generator for the scalar ${kind}: add its poison and noise to test/fuzz/bad-input-cases.ts.`,
      );
  }
};

/** A value of the type with adversarial noise everywhere and no poison. */
function noisyValue(type: GraphQLInputType, real: RealValues, depth = 0): fc.Arbitrary<Value> {
  if (isNonNullType(type)) return noisyValue(type.ofType, real, depth);
  if (isListType(type)) {
    return fc.array(noisyValue(type.ofType, real, depth + 1), {
      maxLength: depth > 1 ? 1 : 3,
    });
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc
      .tuple(
        ...fields.map((field) =>
          isNonNullType(field.type)
            ? noisyValue(field.type, real, depth + 1)
            : fc.oneof(
                { weight: 3, arbitrary: noisyValue(field.type, real, depth + 1) },
                { weight: 1, arbitrary: fc.constantFrom<Value>(LEFT_OUT, null) },
              ),
        ),
      )
      .map((values) => objectOf(fields.map((field, i) => [field.name, values[i]])));
  }
  if (isLeafType(type)) return noiseFor(type, real);
  throw new Error(`Not an input type: ${String(type)}`);
}

/** A value of the type with at least one poison somewhere inside it. */
function poisonedValue(
  type: GraphQLInputType,
  real: RealValues,
  path: string,
  depth = 0,
): fc.Arbitrary<Poisoned> {
  const inner = isNonNullType(type) ? type.ofType : type;
  const own = poisonFor(type).map((p) => ({ ...p, poison: `${path}: ${p.poison}` }));
  if (isListType(inner)) {
    const element = inner.ofType;
    const poisonedList = fc
      .tuple(
        fc.array(noisyValue(element, real, depth + 1), { maxLength: 2 }),
        poisonedValue(element, real, `${path}[]`, depth + 1),
      )
      .map(([others, bad]) => ({ value: [...others, bad.value], poison: bad.poison }));
    return fc.oneof({ weight: 1, arbitrary: own }, { weight: 4, arbitrary: poisonedList });
  }
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const poisonedObject = fc.integer({ min: 0, max: fields.length - 1 }).chain((target) =>
      fc
        .tuple(
          noisyValue(inner, real, depth),
          poisonedValue(fields[target].type, real, `${path}.${fields[target].name}`, depth + 1),
        )
        .map(([object, bad]) => ({
          value: { ...(object as Record<string, Value>), [fields[target].name]: bad.value },
          poison: bad.poison,
        })),
    );
    return fc.oneof({ weight: 1, arbitrary: own }, { weight: 6, arbitrary: poisonedObject });
  }
  return own;
}

function objectOf(entries: Array<[string, Value]>): Record<string, Value> {
  return Object.fromEntries(entries.filter(([, value]) => value !== LEFT_OUT));
}

/** A value written into the document itself, as a GraphQL literal of that type. */
export function literal(value: Value, type: GraphQLInputType): string {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const element = isListType(inner) ? inner.ofType : inner;
    return `[${value.map((item) => literal(item, element)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    const entries = Object.entries(value as Record<string, Value>).map(
      ([name, item]) => `${name}: ${literal(item, fields[name]?.type ?? inner)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  if (typeof value === 'string' && isEnumType(inner) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value))
    return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `"${value}"`;
  return JSON.stringify(value);
}

function selectionFor(field: GraphQLField<unknown, unknown>): string {
  return isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type))
    ? ''
    : ' { __typename }';
}

/** Cases for one mutation: each argument from the schema, at least one of them poisoned. */
export function badInputCases(
  field: GraphQLField<unknown, unknown>,
  real: RealValues,
): fc.Arbitrary<BadInputCase> {
  const args = field.args;
  if (args.length === 0) {
    throw new Error(
      `Mutation.${field.name} takes no arguments, so no input can be wrong: it cannot be fuzzed.`,
    );
  }
  const argumentValue = (arg: GraphQLArgument) =>
    isNonNullType(arg.type)
      ? noisyValue(arg.type, real)
      : fc.oneof(
          { weight: 3, arbitrary: noisyValue(arg.type, real) },
          { weight: 1, arbitrary: fc.constant<Value>(LEFT_OUT) },
        );
  return fc
    .record({
      target: fc.integer({ min: 0, max: args.length - 1 }),
      inline: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    })
    .chain(({ target, inline }) =>
      fc
        .tuple(
          fc.tuple(...args.map(argumentValue)),
          poisonedValue(args[target].type, real, args[target].name),
        )
        .map(([values, bad]): BadInputCase => {
          const chosen = args
            .map((arg, i) => [arg, i === target ? bad.value : values[i]] as const)
            .filter(([, value]) => value !== LEFT_OUT);
          const selection = selectionFor(field);
          if (inline) {
            const written = chosen.map(
              ([arg, value]) => `${arg.name}: ${literal(value, arg.type)}`,
            );
            return {
              mutation: field.name,
              query: `mutation { ${field.name}(${written.join(', ')})${selection} }`,
              poison: `${bad.poison} (inline)`,
            };
          }
          const declared = chosen.map(([arg]) => `$${arg.name}: ${String(arg.type)}`);
          const passed = chosen.map(([arg]) => `${arg.name}: $${arg.name}`);
          const list = (items: string[]) => (items.length > 0 ? `(${items.join(', ')})` : '');
          return {
            mutation: field.name,
            query: `mutation Fuzz${list(declared)} { ${field.name}${list(passed)}${selection} }`,
            variables: Object.fromEntries(chosen.map(([arg, value]) => [arg.name, value])),
            poison: bad.poison,
          };
        }),
    );
}
