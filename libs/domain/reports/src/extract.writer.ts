import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import * as ExcelJS from 'exceljs';
import { csvValueOf } from './report.writers';
import type { CellValue, SheetColumn } from './sheet';

/** Rows written between checks on progress and on the reader keeping up. */
const BATCH = 1_000;

export interface ExtractOutput {
  columns: readonly SheetColumn[];
  sheetName: string;
  /** The rows, read as they are needed (a database cursor), each turned into cells. */
  rows: AsyncIterable<CellValue[]>;
  /** Stores what it is given as it comes; resolves with the bytes stored. */
  store: (file: Readable) => Promise<number>;
  /** Told how many rows are written so far, every so often. */
  onRows?: (written: number) => void;
}

/**
 * A CSV of any length in bounded memory: each batch of rows becomes text only when the file
 * asks for more, so a slow disk slows the cursor rather than filling memory.
 */
export function writeCsvExtract(output: ExtractOutput): Promise<number> {
  async function* lines(): AsyncGenerator<string> {
    yield stringify([output.columns.map((column) => column.title)]);
    let batch: string[][] = [];
    let written = 0;
    for await (const cells of output.rows) {
      batch.push(cells.map((value, i) => csvValueOf(value, output.columns[i])));
      if (batch.length === BATCH) {
        yield stringify(batch);
        written += batch.length;
        batch = [];
        output.onRows?.(written);
      }
    }
    if (batch.length > 0) yield stringify(batch);
    output.onRows?.(written + batch.length);
  }
  return output.store(Readable.from(lines()));
}

/**
 * An XLSX of any length in bounded memory: ExcelJS's streaming writer zips each row as it is
 * committed; between batches it waits while the file is behind.
 */
export async function writeXlsxExtract(output: ExtractOutput): Promise<number> {
  const file = new PassThrough();
  const storing = output.store(file);
  try {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: file,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(output.sheetName);
    sheet.columns = output.columns.map((column) => ({
      header: column.title,
      width: Math.max(12, Math.min(40, column.title.length + 2)),
      style: column.kind === 'money' ? { numFmt: '#,##0.00' } : {},
    }));
    let written = 0;
    for await (const cells of output.rows) {
      sheet
        .addRow(
          cells.map((value, i) =>
            typeof value === 'number' && output.columns[i].kind === 'money' ? value / 100 : value,
          ),
        )
        .commit();
      written += 1;
      if (written % BATCH === 0) {
        output.onRows?.(written);
        while (file.writableNeedDrain) await once(file, 'drain');
      }
    }
    output.onRows?.(written);
    sheet.commit();
    await workbook.commit();
  } catch (error) {
    file.destroy(error as Error);
    await storing.catch(() => undefined);
    throw error;
  }
  return storing;
}
