import type { Readable } from 'node:stream';

/**
 * Where the product keeps files it is handed or makes (uploaded imports, built reports), by key:
 * a relative path such as `inspection-imports/<id>` (see `storageKeyProblem`). A process reads
 * what another stored, so every api and worker process must see the same storage.
 */
export abstract class FileStorage {
  /** Stores the bytes under the key, replacing what was there; readers never see half a file. */
  abstract put(key: string, data: Buffer): Promise<void>;

  /** The bytes under the key; rejects with `StoredFileNotFoundError` when there are none. */
  abstract get(key: string): Promise<Buffer>;

  /**
   * Stores what the stream yields under the key, as `put` does, without holding it in memory:
   * for files of any size. Resolves with the number of bytes stored.
   */
  abstract putStream(key: string, data: Readable): Promise<number>;

  /** The file under the key as a stream; rejects with `StoredFileNotFoundError` when there is none. */
  abstract getStream(key: string): Promise<Readable>;

  /** Removes the file under the key; nothing happens when there is none. */
  abstract delete(key: string): Promise<void>;

  abstract exists(key: string): Promise<boolean>;
}

export class StoredFileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No file is stored under ${JSON.stringify(key)}`);
    this.name = 'StoredFileNotFoundError';
  }
}
