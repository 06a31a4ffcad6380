import { copyField, copyLine } from './copy-text';

describe('copyField', () => {
  it('writes null and undefined as \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
  });

  it('writes numbers and booleans as they are', () => {
    expect(copyField(125000)).toBe('125000');
    expect(copyField(true)).toBe('true');
  });

  it('escapes backslash, tab, newline and carriage return in text', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('Children’s services')).toBe('Children’s services');
  });

  it('writes a text array as a quoted array literal', () => {
    expect(copyField(['Ofsted update', 'Say "no"'])).toBe('{"Ofsted update","Say \\\\"no\\\\""}');
  });

  it('refuses what has no column form', () => {
    expect(() => copyField({})).toThrow(TypeError);
  });
});

describe('copyLine', () => {
  it('joins the fields with tabs and ends the line', () => {
    expect(copyLine(['x', null, 3])).toBe('x\t\\N\t3\n');
  });
});
