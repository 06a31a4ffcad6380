import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { FileStorage, StoredFileNotFoundError } from './file-storage';
import { assertStorageKey } from './storage-key.rules';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * A temporary file untouched this long was left by a process that was killed mid-write (a write
 * touches its file with every chunk, and none takes a day), so it is removed.
 */
export const STALE_TEMPORARY_FILE_MS = 24 * 60 * 60 * 1000;

/**
 * Files under one directory, a key being a path below it. A write goes to a temporary file in
 * `.tmp` under the root (the same file system, and a name no key can take), is flushed to disk,
 * then renamed into place: renaming is atomic, so a reader sees the old file or the new one.
 * A process killed mid-write leaves its temporary file; the first write of each process removes
 * those untouched for a day.
 */
export class DirectoryFileStorage extends FileStorage {
  private readonly logger = new Logger(DirectoryFileStorage.name);
  private swept?: Promise<void>;
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.writeAtomically(key, async (file) => {
      await file.writeFile(data);
    });
  }

  async putStream(key: string, data: Readable): Promise<number> {
    let bytes = 0;
    await this.writeAtomically(key, async (file) => {
      // One chunk at a time: the stream is read only as fast as the disk takes it.
      for await (const chunk of data) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
        for (let offset = 0; offset < buffer.byteLength;) {
          const { bytesWritten } = await file.write(buffer, offset);
          offset += bytesWritten;
        }
        bytes += buffer.byteLength;
      }
    });
    return bytes;
  }

  async getStream(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    const file = await open(path, 'r').catch((error: unknown) => {
      throw isMissing(error) ? new StoredFileNotFoundError(key) : error;
    });
    return file.createReadStream();
  }

  /** Writes to a temporary file, flushes it to disk and renames it into place; cleans up on failure. */
  private async writeAtomically(
    key: string,
    write: (file: Awaited<ReturnType<typeof open>>) => Promise<void>,
  ): Promise<void> {
    const path = this.pathOf(key);
    const temporary = join(this.root, '.tmp', randomUUID());
    await mkdir(dirname(temporary), { recursive: true });
    this.swept ??= this.removeStaleTemporaryFiles(Date.now() - STALE_TEMPORARY_FILE_MS);
    await this.swept;
    await mkdir(dirname(path), { recursive: true });
    try {
      const file = await open(temporary, 'wx', 0o600);
      try {
        await write(file);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** Never fails a write: a file it cannot remove now is tried again by the next process. */
  private async removeStaleTemporaryFiles(untouchedSince: number): Promise<void> {
    const directory = join(this.root, '.tmp');
    try {
      for (const name of await readdir(directory)) {
        const entry = join(directory, name);
        const { mtimeMs } = await stat(entry).catch(() => ({ mtimeMs: Infinity }));
        if (mtimeMs < untouchedSince) await rm(entry, { recursive: true, force: true });
      }
    } catch (error) {
      this.logger.warn(`Could not remove stale temporary files in ${directory}: ${String(error)}`);
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) throw new StoredFileNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return join(this.root, key);
  }
}
