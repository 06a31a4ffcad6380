import { schemaDrift } from './schema-file';

describe('schemaDrift', () => {
  it('is silent when the file matches', () => {
    expect(
      schemaDrift('type Query {\n  a: Int\n}\n', 'type Query {\n  a: Int\n}\n'),
    ).toBeUndefined();
  });

  it('names the first line that differs and the command that fixes it', () => {
    const sut = schemaDrift('type Query {\n  a: Int\n}\n', 'type Query {\n  a: Int\n  b: Int\n}\n');
    expect(sut).toContain('from line 3');
    expect(sut).toContain('file:    }');
    expect(sut).toContain('running:   b: Int');
    expect(sut).toContain('Run `npm run schema`');
  });
});
