const MAX_KEY_LENGTH = 255;

/**
 * Each `/`-separated part starts with a letter or digit, then letters, digits, `.`, `_` or `-`:
 * so no part is `.` or `..`, no key is absolute or hidden, and every key is a plain relative path
 * on any file system or object store.
 */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Why a key cannot name a stored file, or null when it can. */
export function storageKeyProblem(key: string): string | null {
  if (key.length === 0) return 'is empty';
  if (key.length > MAX_KEY_LENGTH) return `is longer than ${MAX_KEY_LENGTH} characters`;
  if (!KEY.test(key))
    return 'must be parts joined by "/", each starting with a letter or digit, then letters, digits, ".", "_" or "-"';
  return null;
}

export function assertStorageKey(key: string): void {
  const problem = storageKeyProblem(key);
  if (problem) throw new Error(`Storage key ${JSON.stringify(key)} ${problem}`);
}
