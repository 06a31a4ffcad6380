import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { MAX_TEXT_LENGTH, textProblem } from '@la-tracker/platform/database';
import { BadUserInputError, type FieldProblem } from '@la-tracker/platform/errors';

const TEXT_LIMIT = Symbol('text limit');

/** A field of an input whose text may be longer than `MAX_TEXT_LENGTH`, e.g. a file in base64. */
export function TextLimit(maxLength: number): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(TEXT_LIMIT, maxLength, target, property);
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
