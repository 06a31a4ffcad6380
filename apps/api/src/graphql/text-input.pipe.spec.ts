import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { MAX_TEXT_LENGTH, textProblem } from '@la-tracker/platform/database';
import { TextInputPipe, TextLimit } from './text-input.pipe';

class FileInput {
  @TextLimit(30_000)
  content!: string;
  name!: string;
}

/** How @nestjs/graphql hands a GraphQL argument to a pipe. */
const argument = (data: string | undefined, metatype?: unknown): ArgumentMetadata =>
  ({ type: 'body', data, metatype }) as ArgumentMetadata;

function refusal(run: () => unknown): BadUserInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('textProblem', () => {
  it.each([
    ['plain text', 'Leeds', undefined],
    ['lines and tabs', 'Line one\nLine two\r\n\ttabbed', undefined],
    ['right-to-left, emoji and combining marks', 'مرحبا 👩‍👧‍👦 z̷a̶', undefined],
    ['text at the limit', 'x'.repeat(MAX_TEXT_LENGTH), undefined],
    ['NUL', 'a\u0000b', 'holds a control character (U+0000), which text may not contain'],
    ['escape', '\u001b[31m', 'holds a control character (U+001B), which text may not contain'],
    ['a C1 control', '\u0085', 'holds a control character (U+0085), which text may not contain'],
    [
      'a lone high surrogate',
      'a\ud800',
      'holds half a character (an unpaired surrogate, U+D800), which is not text',
    ],
    [
      'a lone low surrogate',
      '\udfffa',
      'holds half a character (an unpaired surrogate, U+DFFF), which is not text',
    ],
    [
      'text over the limit',
      'x'.repeat(10_001),
      'is 10001 characters long; at most 10000 are allowed',
    ],
  ])('%s', (_label, text, expected) => {
    expect(textProblem(text)).toBe(expected);
  });
});

describe('TextInputPipe', () => {
  describe('transform', () => {
    const sut = new TextInputPipe();

    it('passes good text through unchanged', () => {
      const input = { name: 'North Star', topics: ['A', 'B'], count: 3, note: null };
      expect(sut.transform(input, argument('input', Object))).toBe(input);
    });

    it('names every field with unstorable text by its path', () => {
      const error = refusal(() =>
        sut.transform(
          { note: 'a\u0000', attendance: [{ role: 'ok' }, { role: '\ud800' }] },
          argument('input', Object),
        ),
      );
      expect(error.fields).toEqual([
        {
          field: 'input.note',
          message: 'holds a control character (U+0000), which text may not contain',
        },
        {
          field: 'input.attendance[1].role',
          message: 'holds half a character (an unpaired surrogate, U+D800), which is not text',
        },
      ]);
      expect(error.message).toMatch(/^Invalid input\. input\.note: holds a control character/);
    });

    it('refuses a plain argument that is too long', () => {
      const error = refusal(() => sut.transform('x'.repeat(20_000), argument('reason', String)));
      expect(error.fields).toEqual([
        { field: 'reason', message: 'is 20000 characters long; at most 10000 are allowed' },
      ]);
    });

    it("lets a field marked with @TextLimit hold more, and no other of the input's", () => {
      const long = 'x'.repeat(20_000);
      expect(sut.transform({ content: long }, argument('input', FileInput))).toEqual({
        content: long,
      });
      expect(
        refusal(() => sut.transform({ name: long }, argument('input', FileInput))).fields,
      ).toEqual([
        { field: 'input.name', message: 'is 20000 characters long; at most 10000 are allowed' },
      ]);
    });

    it('leaves what is not a GraphQL argument alone (the caller, from a decorator)', () => {
      const caller = { subject: 'a\u0000' };
      expect(sut.transform(caller, { type: 'custom', data: undefined })).toBe(caller);
    });
  });
});
