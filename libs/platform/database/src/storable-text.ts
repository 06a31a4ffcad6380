// What text this product stores: one rule for every way text arrives, GraphQL arguments and the
// cursors of lists alike, so nothing PostgreSQL would refuse (a NUL) reaches it.

/** The longest text an argument may hold, unless its field allows more. */
export const MAX_TEXT_LENGTH = 10_000;

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
