import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DirectoryFileStorage } from './directory-file-storage';
import { StoredFileNotFoundError } from './file-storage';

describe('DirectoryFileStorage', () => {
  let parent: string;
  let root: string;
  let sut: DirectoryFileStorage;

  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'la-tracker-storage-'));
    root = join(parent, 'files');
    sut = new DirectoryFileStorage(root);
  });

  afterEach(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  describe('put', () => {
    it('stores a file under its key, making the directories it needs', async () => {
      await sut.put('inspection-imports/a1/file.ods', Buffer.from('first'));
      expect(await sut.get('inspection-imports/a1/file.ods')).toEqual(Buffer.from('first'));
    });

    it('replaces a file whole, leaving no temporary file behind', async () => {
      await sut.put('report.csv', Buffer.from('old'));
      await sut.put('report.csv', Buffer.from('new and longer'));
      expect((await sut.get('report.csv')).toString()).toBe('new and longer');
      expect(readdirSync(join(root, '.tmp'))).toEqual([]);
    });

    it('keeps the old file, and no temporary one, when a write fails', async () => {
      await sut.put('reports/report.csv', Buffer.from('old'));
      // A directory where the new file should go: the rename into place fails.
      await expect(sut.put('reports', Buffer.from('new'))).rejects.toThrow();
      expect((await sut.get('reports/report.csv')).toString()).toBe('old');
      expect(readdirSync(join(root, '.tmp'))).toEqual([]);
    });

    it('refuses a key that would climb out of the root, writing nothing', async () => {
      await expect(sut.put('../escaped', Buffer.from('x'))).rejects.toThrow(/Storage key/);
      await expect(sut.put('reports/../../escaped', Buffer.from('x'))).rejects.toThrow(
        /Storage key/,
      );
      await expect(sut.put(join(parent, 'absolute'), Buffer.from('x'))).rejects.toThrow(
        /Storage key/,
      );
      expect(readdirSync(parent)).toEqual([]);
    });
  });

  describe('temporary files left by a process killed mid-write', () => {
    it('are removed by the first write once untouched for a day; newer ones are left', async () => {
      // As a killed process leaves them: one from two days ago, one being written now.
      const temporary = join(root, '.tmp');
      mkdirSync(temporary, { recursive: true });
      writeFileSync(join(temporary, 'killed-mid-write'), 'half a file');
      const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
      utimesSync(join(temporary, 'killed-mid-write'), twoDaysAgo, twoDaysAgo);
      writeFileSync(join(temporary, 'being-written'), 'a third of a file');

      await sut.put('report.csv', Buffer.from('new'));

      expect(readdirSync(temporary)).toEqual(['being-written']);
      expect((await sut.get('report.csv')).toString()).toBe('new');
    });

    it('are looked for once per process, not on every write', async () => {
      await sut.put('first.csv', Buffer.from('1'));
      const temporary = join(root, '.tmp');
      writeFileSync(join(temporary, 'killed-later'), 'x');
      const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
      utimesSync(join(temporary, 'killed-later'), twoDaysAgo, twoDaysAgo);
      await sut.putStream('second.csv', Readable.from(['2']));
      expect(readdirSync(temporary)).toEqual(['killed-later']);
      // The next process (a new storage on the same root) removes it.
      await new DirectoryFileStorage(root).put('third.csv', Buffer.from('3'));
      expect(readdirSync(temporary)).toEqual([]);
    });
  });

  describe('get', () => {
    it('says which key has no file', async () => {
      await expect(sut.get('nothing/here')).rejects.toThrow(StoredFileNotFoundError);
      await expect(sut.get('nothing/here')).rejects.toThrow(
        'No file is stored under "nothing/here"',
      );
    });

    it('refuses a key that would read outside the root', async () => {
      writeFileSync(join(parent, 'secret'), 'outside');
      await expect(sut.get('../secret')).rejects.toThrow(/Storage key/);
    });
  });

  describe('delete', () => {
    it('removes a file, and is content when there is none', async () => {
      await sut.put('a/b', Buffer.from('x'));
      await sut.delete('a/b');
      expect(await sut.exists('a/b')).toBe(false);
      await expect(sut.delete('a/b')).resolves.toBeUndefined();
    });

    it('refuses a key that would delete outside the root', async () => {
      writeFileSync(join(parent, 'keep'), 'outside');
      await expect(sut.delete('../keep')).rejects.toThrow(/Storage key/);
      expect(existsSync(join(parent, 'keep'))).toBe(true);
    });
  });

  describe('exists', () => {
    it('tells a stored file from a missing one or a directory', async () => {
      await sut.put('a/b', Buffer.from('x'));
      expect(await sut.exists('a/b')).toBe(true);
      expect(await sut.exists('a/c')).toBe(false);
      expect(await sut.exists('a')).toBe(false);
    });
  });

  describe('putStream', () => {
    it('stores what a stream yields, chunk by chunk, and says how many bytes', async () => {
      const chunks = Array.from({ length: 1000 }, (_, i) => `row ${i}\n`);
      const bytes = await sut.putStream('reports/big.csv', Readable.from(chunks));
      const expected = chunks.join('');
      expect(bytes).toBe(Buffer.byteLength(expected));
      expect((await sut.get('reports/big.csv')).toString()).toBe(expected);
      expect(readdirSync(join(root, '.tmp'))).toEqual([]);
    });

    it('keeps the old file, and no temporary one, when the stream fails midway', async () => {
      await sut.put('reports/report.csv', Buffer.from('old'));
      const failing = Readable.from(
        (async function* () {
          yield await Promise.resolve('half a file');
          throw new Error('the database went away');
        })(),
      );
      await expect(sut.putStream('reports/report.csv', failing)).rejects.toThrow(
        'the database went away',
      );
      expect((await sut.get('reports/report.csv')).toString()).toBe('old');
      expect(readdirSync(join(root, '.tmp'))).toEqual([]);
    });

    it('refuses a key that would climb out of the root', async () => {
      await expect(sut.putStream('../escaped', Readable.from(['x']))).rejects.toThrow(
        /Storage key/,
      );
    });
  });

  describe('getStream', () => {
    it('reads a stored file as a stream', async () => {
      await sut.put('a/b.csv', Buffer.from('one,two\n'));
      const chunks: Buffer[] = [];
      for await (const chunk of await sut.getStream('a/b.csv')) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('one,two\n');
    });

    it('says which key has no file', async () => {
      await expect(sut.getStream('nothing/here')).rejects.toThrow(StoredFileNotFoundError);
      await expect(sut.getStream('../secret')).rejects.toThrow(/Storage key/);
    });
  });
});
