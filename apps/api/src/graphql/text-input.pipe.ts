import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { BadUserInputError, type FieldProblem } from '@la-tracker/platform/errors';

/** The longest text an argument may hold, unless its field allows more (`@TextLimit`). */
export const MAX_TEXT_LENGTH = 10_000;

const TEXT_LIMIT = Symbol('text limit');

/** A field of an input whose text may be longer than `MAX_TEXT_LENGTH`, e.g. a file in base64. */
export function TextLimit(maxLength: number): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(TEXT_LIMIT, maxLength, target, property);
}

const hex = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Controls other than tab, line feed and carriage return: PostgreSQL cannot store NUL in text,
 * and none of the others belongs in anything a person types.
 */
function isControl(unit: number): boolean {
  return (
    (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) ||
    (unit >= 0x7f && unit <= 0x9f)
  );
}

/** What makes the text unfit to store, if anything. */
export function textProblem(text: string, maxLength = MAX_TEXT_LENGTH): string | undefined {
  if (text.length > maxLength)
    return `is ${text.length} characters long; at most ${maxLength} are allowed`;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
    }
    if (unit >= 0xd800 && unit <= 0xdfff)
      return `holds half a character (an unpaired surrogate, ${hex(unit)}), which is not text`;
    if (isControl(unit))
      return `holds a control character (${hex(unit)}), which text may not contain`;
  }
  return undefined;
}

/** Every string in the value that is unfit to store, named by its path from the argument. */
export function textProblems(
  value: unknown,
  path: string,
  limitOf: (field: string) => number | undefined = () => undefined,
): FieldProblem[] {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (typeof value === 'string') {
    const message = textProblem(value, limitOf(path) ?? MAX_TEXT_LENGTH);
    return message ? [{ field: path, message }] : [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, i) => textProblems(item, `${path}[${i}]`, limitOf));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => textProblems(item, at(key), limitOf));
  return [];
}

/**
 * Refuses, for every argument of every operation, text that PostgreSQL cannot store (NUL, half a
 * surrogate pair), control characters and text over its length limit, with BAD_USER_INPUT naming
 * the field: one rule for all, before any resolver reads it.
 */
@Injectable()
export class TextInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // @nestjs/graphql hands every GraphQL argument to pipes as 'body'; the caller is 'custom'.
    if (metadata.type !== 'body') return value;
    const path = metadata.data ?? '';
    const prototype = (metadata.metatype as { prototype?: object } | undefined)?.prototype;
    // `@TextLimit` is read from the argument's own input class, one level down.
    const limitOf = (field: string): number | undefined => {
      const key = path ? field.slice(path.length + 1) : field;
      return prototype && !key.includes('.') && !key.includes('[')
        ? (Reflect.getMetadata(TEXT_LIMIT, prototype, key) as number | undefined)
        : undefined;
    };
    const problems = textProblems(value, path, limitOf);
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
    return value;
  }
}
