import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Whether a user other than the owner can reach `dir`: every existing parent must be searchable
 * by others (PostgreSQL run as root drops to a `postgres` user, which cannot enter `/root`).
 */
export function isTraversableByOthers(dir: string): boolean {
  let current = resolve(dir);
  for (;;) {
    const parent = dirname(current);
    try {
      const stat = statSync(current);
      if (stat.isDirectory() && (stat.mode & 0o001) === 0 && current !== resolve(dir)) return false;
    } catch {
      // not created yet: its parents decide
    }
    if (parent === current) return true;
    current = parent;
  }
}
