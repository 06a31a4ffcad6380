import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentSecretFromFile } from './development-secret-file';

describe('developmentSecretFromFile', () => {
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'la-tracker-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a secret readable only by its owner on first use, then gives the same one', () => {
    const file = join(dir, 'nested', 'secret');
    const first = developmentSecretFromFile(file);
    expect(first).toHaveLength(64);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(developmentSecretFromFile(file)).toBe(first);
    expect(readFileSync(file, 'utf8')).toBe(first);
  });
});
