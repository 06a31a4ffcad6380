import { Readable } from 'node:stream';
import { constants, deflateRawSync } from 'node:zlib';
import { strToU8, Zip, ZipPassThrough } from 'fflate';
import { csvHeaderOf, csvRowsOf } from './report.writers';
import type { CellValue, SheetColumn } from './sheet';
import {
  SheetRows,
  workbookParts,
  WORKSHEET_END,
  WORKSHEET_PATH,
  worksheetStart,
  XLSX_MAX_ROWS,
} from './xlsx-sheet';

/** Rows between reports of progress, and the most rows turned into CSV at a time. */
const BATCH = 1_000;

/** About how much worksheet XML is gathered before it is compressed and handed on. */
const XLSX_PIECE_CHARS = 64 * 1024;

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
 * A file in the zip, deflated by Node's zlib (several times faster than deflate in JavaScript)
 * a piece at a time: each piece ends on a flush, not the end of the stream, so the pieces make
 * one deflate stream; fflate keeps the size and checksum of what was pushed.
 */
class ZlibZipDeflate extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  override process(chunk: Uint8Array, final: boolean): void {
    const flush = final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH;
    this.ondata(null, deflateRawSync(chunk, { level: 6, finishFlush: flush }), final);
  }
}

/**
 * Hands the store a stream that makes the file only as the store reads it: nothing is made
 * ahead of the reader but the stream's small buffer, so a slow disk slows the reading of rows
 * rather than filling memory. Settles as soon as the store does, whichever way: a store that
 * fails (a full disk) ends the writing, and the rows' owner closes the cursor; rows that fail
 * (a lost connection) fail the store, which removes what it had written.
 */
async function storeAsMade(
  output: ExtractOutput,
  pieces: AsyncGenerator<Uint8Array | string>,
): Promise<number> {
  const file = Readable.from(pieces, { objectMode: false });
  // A failure reaches the caller through the store; this keeps one that comes after the store
  // gave up (the cursor closed under a paused writer) from being thrown at the process.
  file.on('error', () => undefined);
  try {
    return await output.store(file);
  } finally {
    file.destroy();
  }
}

/** A CSV of any length in bounded memory, a batch of rows at a time. */
export function writeCsvExtract(output: ExtractOutput): Promise<number> {
  const { columns } = output;
  async function* pieces(): AsyncGenerator<string> {
    yield csvHeaderOf(columns);
    let batch: CellValue[][] = [];
    let written = 0;
    for await (const cells of output.rows) {
      batch.push(cells);
      if (batch.length === BATCH) {
        yield csvRowsOf(columns, batch);
        written += batch.length;
        batch = [];
        output.onRows?.(written);
      }
    }
    if (batch.length > 0) yield csvRowsOf(columns, batch);
    output.onRows?.(written + batch.length);
  }
  return storeAsMade(output, pieces());
}

/**
 * An XLSX of any length in bounded memory: the workbook's parts are zipped (fflate, deflate)
 * as the worksheet's rows are written, and each compressed piece is handed on before more rows
 * are read. Dates are dates, money is pounds with two places, text is always text.
 */
export function writeXlsxExtract(output: ExtractOutput): Promise<number> {
  async function* pieces(): AsyncGenerator<Uint8Array> {
    const zipped: Uint8Array[] = [];
    let zipError: Error | null = null;
    const zip = new Zip((error, data) => {
      if (error) zipError = error;
      else zipped.push(data);
    });
    // Everything the zip has made so far, then nothing is held.
    function* made(): Generator<Uint8Array> {
      if (zipError) throw zipError;
      while (zipped.length > 0) yield zipped.shift()!;
    }

    for (const [path, xml] of workbookParts(output.sheetName)) {
      const part = new ZlibZipDeflate(path);
      zip.add(part);
      part.push(strToU8(xml), true);
    }
    const worksheet = new ZlibZipDeflate(WORKSHEET_PATH);
    zip.add(worksheet);
    const sheet = new SheetRows(output.columns);
    let xml = worksheetStart(output.columns) + sheet.header();
    let rowNumber = 1;
    for await (const cells of output.rows) {
      rowNumber += 1;
      if (rowNumber > XLSX_MAX_ROWS)
        throw new Error(
          `The extract has more rows than a worksheet holds (${XLSX_MAX_ROWS - 1}); ask for it as CSV`,
        );
      xml += sheet.row(rowNumber, cells);
      if (xml.length >= XLSX_PIECE_CHARS) {
        worksheet.push(strToU8(xml));
        xml = '';
        yield* made();
      }
      if ((rowNumber - 1) % BATCH === 0) output.onRows?.(rowNumber - 1);
    }
    worksheet.push(strToU8(xml + WORKSHEET_END), true);
    zip.end();
    output.onRows?.(rowNumber - 1);
    yield* made();
  }
  return storeAsMade(output, pieces());
}
