import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTraversableByOthers } from './traversable';

describe('isTraversableByOthers', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'traversable-'));
    chmodSync(root, 0o755);
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('is true when every parent may be entered by others', () => {
    mkdirSync(join(root, 'a'), { mode: 0o755 });
    expect(isTraversableByOthers(join(root, 'a', 'postgres'))).toBe(true);
  });

  it('is false below a parent only its owner may enter, like /root', () => {
    mkdirSync(join(root, 'home'));
    chmodSync(join(root, 'home'), 0o700);
    expect(isTraversableByOthers(join(root, 'home', 'checkout', '.data', 'postgres'))).toBe(false);
  });

  it('ignores the mode of the directory itself, which PostgreSQL will own', () => {
    mkdirSync(join(root, 'postgres'));
    chmodSync(join(root, 'postgres'), 0o700);
    expect(isTraversableByOthers(join(root, 'postgres'))).toBe(true);
  });
});
