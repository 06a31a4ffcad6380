import type { CellValue, SheetColumn } from './sheet';

/**
 * The parts of a one-sheet XLSX workbook (Office Open XML, SpreadsheetML), written as text so a
 * sheet of any length can be zipped row by row. Text is always an inline string cell and never a
 * formula, so nothing a supplier typed runs when the file is opened.
 */

/** The most rows a worksheet holds (Excel's limit, the header included). */
export const XLSX_MAX_ROWS = 1_048_576;

/** The most characters a cell holds; longer text is cut there, as Excel would refuse the file. */
const XLSX_MAX_CELL_TEXT = 32_767;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Cell styles, by their index in styles.xml's cellXfs. */
const STYLE = { plain: 0, money: 1, date: 2, header: 3 } as const;

/** Characters XML 1.0 cannot hold at all, even escaped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** What needs escaping or stripping; most text has none, and is left as it is. */
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function xmlTextOf(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A, B, … Z, AA, AB, …: the letters of the column at a zero-based index. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Days since 30 December 1899, as spreadsheets count dates; null when not a YYYY-MM-DD day. */
export function spreadsheetDayOf(isoDate: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const time = Date.UTC(year, month, day);
  const parsed = new Date(time);
  // Not a day of the calendar (31 April) unless it reads back the same; before March 1900
  // spreadsheets count days differently (they take 1900 for a leap year), so that stays text.
  if (parsed.getUTCMonth() !== month || parsed.getUTCDate() !== day) return null;
  if (time < Date.UTC(1900, 2, 1)) return null;
  return (time - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function textCell(ref: string, text: string, style: number = STYLE.plain): string {
  const styled = style === STYLE.plain ? '' : ` s="${style}"`;
  const value = xmlTextOf(text.slice(0, XLSX_MAX_CELL_TEXT));
  return `<c r="${ref}"${styled} t="inlineStr"><is><t xml:space="preserve">${value}</t></is></c>`;
}

function numberCell(ref: string, value: number, style: number = STYLE.plain): string {
  const styled = style === STYLE.plain ? '' : ` s="${style}"`;
  return `<c r="${ref}"${styled}><v>${value}</v></c>`;
}

/**
 * A cell as the sheet holds it: counts as numbers, money (pence) as pounds formatted with two
 * places, dates as dates; text, and anything that is not what its column says, as text.
 */
export function cellXml(value: CellValue, column: SheetColumn, ref: string): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return column.kind === 'money'
      ? numberCell(ref, value / 100, STYLE.money)
      : numberCell(ref, value);
  }
  if (column.kind === 'date') {
    const day = spreadsheetDayOf(value);
    if (day !== null) return numberCell(ref, day, STYLE.date);
  }
  return textCell(ref, value);
}

/** A sheet's rows, numbered from 1 (the header); the letters of its columns, worked out once. */
export class SheetRows {
  private readonly letters: string[];

  constructor(private readonly columns: readonly SheetColumn[]) {
    this.letters = columns.map((_, i) => columnLetters(i));
  }

  header(): string {
    const cells = this.columns.map((column, i) =>
      textCell(`${this.letters[i]}1`, column.title, STYLE.header),
    );
    return `<row r="1">${cells.join('')}</row>`;
  }

  row(rowNumber: number, values: readonly CellValue[]): string {
    let cells = '';
    for (let i = 0; i < this.columns.length; i++)
      cells += cellXml(values[i] ?? null, this.columns[i], `${this.letters[i]}${rowNumber}`);
    return `<row r="${rowNumber}">${cells}</row>`;
  }
}

/** The worksheet's opening, up to its first row: the header row frozen, columns sized to titles. */
export function worksheetStart(columns: readonly SheetColumn[]): string {
  const widths = columns
    .map((column, i) => {
      const width = Math.max(12, Math.min(40, column.title.length + 2));
      return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
    })
    .join('');
  return (
    `${XML_DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    '<sheetViews><sheetView workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '</sheetView></sheetViews>' +
    `<cols>${widths}</cols><sheetData>`
  );
}

export const WORKSHEET_END = '</sheetData></worksheet>';

/** Path in the zip of the only worksheet. */
export const WORKSHEET_PATH = 'xl/worksheets/sheet1.xml';

/** Every part but the worksheet, by its path in the zip. */
export function workbookParts(sheetName: string): Array<[path: string, xml: string]> {
  return [
    [
      '[Content_Types].xml',
      `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        `<Override PartName="/${WORKSHEET_PATH}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
        `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
        '</Relationships>',
    ],
    [
      'xl/workbook.xml',
      `${XML_DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
        `<sheets><sheet name="${xmlTextOf(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
        '</workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
        `<Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ],
    ['xl/styles.xml', STYLES],
  ];
}

// cellXfs in the order of STYLE: plain; money (built-in format 4, #,##0.00); dates (yyyy-mm-dd);
// the header, bold.
const STYLES =
  `${XML_DECLARATION}<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
