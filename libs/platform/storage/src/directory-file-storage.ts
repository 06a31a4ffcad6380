import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { FileStorage, StoredFileNotFoundError } from './file-storage';
import { assertStorageKey } from './storage-key.rules';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Files under one directory, a key being a path below it. A write goes to a temporary file in
 * `.tmp` under the root (the same file system, and a name no key can take), is flushed to disk,
 * then renamed into place: renaming is atomic, so a reader sees the old file or the new one.
 */
export class DirectoryFileStorage extends FileStorage {
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
