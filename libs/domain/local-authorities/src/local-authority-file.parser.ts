import { parse } from 'csv-parse/sync';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import { LOCAL_AUTHORITY_TYPES, type LocalAuthorityType } from './local-authority.entity';
import { DFE_CODE, GSS_CODE, REGION_CODE } from './local-authority.rules';

/** One row of a local-authority file (the layout of `data/local-authorities.csv`). */
export interface LocalAuthorityRow {
  line: number;
  gssCode: string;
  dfeCode: string;
  name: string;
  regionCode: string;
  type: LocalAuthorityType;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  earlierGssCodes: string[];
  replacedBy: string[];
}

export const LOCAL_AUTHORITY_COLUMNS = [
  'gss_code',
  'dfe_code',
  'name',
  'region_code',
  'type',
  'valid_from',
  'valid_to',
  'earlier_gss_codes',
  'replaced_by',
] as const;

function codes(value: string): string[] {
  return value
    .split(';')
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

/**
 * Reads a local-authority file, refusing the whole file (with every problem, by line) when any
 * row is wrong: an import must never apply half a file.
 */
export function parseLocalAuthorityFile(text: string): LocalAuthorityRow[] {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new BadUserInputError(`The file is not readable CSV: ${(error as Error).message}`);
  }
  const header = records.length > 0 ? Object.keys(records[0]) : [];
  const missing = LOCAL_AUTHORITY_COLUMNS.filter((column) => !header.includes(column));
  if (records.length === 0 || missing.length > 0) {
    throw new BadUserInputError(
      records.length === 0
        ? 'The file has no rows of local authorities.'
        : `The file lacks the column(s) ${missing.join(', ')}; expected the layout of local-authorities.csv.`,
    );
  }

  const problems: string[] = [];
  const rows = records.map((record, index): LocalAuthorityRow => {
    const line = index + 2; // the header is line 1
    const problem = (message: string) => problems.push(`line ${line}: ${message}`);
    const date = (column: 'valid_from' | 'valid_to'): IsoDate | null => {
      const value: string = record[column];
      if (value === '') return null;
      if (!isIsoDate(value)) problem(`${column} "${value}" is not a date (YYYY-MM-DD)`);
      return value;
    };
    const row: LocalAuthorityRow = {
      line,
      gssCode: record.gss_code,
      dfeCode: record.dfe_code,
      name: record.name,
      regionCode: record.region_code,
      type: record.type as LocalAuthorityType,
      validFrom: date('valid_from'),
      validTo: date('valid_to'),
      earlierGssCodes: codes(record.earlier_gss_codes),
      replacedBy: codes(record.replaced_by),
    };
    if (!GSS_CODE.test(row.gssCode))
      problem(`gss_code "${row.gssCode}" is not an ONS code like E06000001`);
    if (!DFE_CODE.test(row.dfeCode)) problem(`dfe_code "${row.dfeCode}" is not a 3-digit DfE code`);
    if (row.name === '') problem('name is empty');
    if (!REGION_CODE.test(row.regionCode))
      problem(`region_code "${row.regionCode}" is not a region code like E12000001`);
    if (!LOCAL_AUTHORITY_TYPES.includes(row.type)) {
      problem(`type "${record.type}" is not one of ${LOCAL_AUTHORITY_TYPES.join(', ')}`);
    }
    if (row.validFrom && row.validTo && row.validTo < row.validFrom) {
      problem(`valid_to ${row.validTo} is before valid_from ${row.validFrom}`);
    }
    for (const code of [...row.earlierGssCodes, ...row.replacedBy]) {
      if (!GSS_CODE.test(code)) problem(`"${code}" is not an ONS code like E06000001`);
    }
    if (row.replacedBy.length > 0 && !row.validTo)
      problem('replaced_by is given but valid_to is not');
    if (row.replacedBy.includes(row.gssCode)) problem('an LA cannot replace itself');
    return row;
  });

  for (const [column, key] of [
    ['gss_code', (r: LocalAuthorityRow) => r.gssCode],
    ['dfe_code', (r: LocalAuthorityRow) => r.dfeCode],
  ] as const) {
    const seen = new Map<string, number>();
    for (const row of rows) {
      const earlier = seen.get(key(row));
      if (earlier !== undefined) {
        problems.push(`line ${row.line}: ${column} ${key(row)} is also on line ${earlier}`);
      }
      seen.set(key(row), row.line);
    }
  }

  if (problems.length > 0) {
    throw new BadUserInputError(
      `The file was not imported: ${problems.length} problem(s).\n${problems.join('\n')}`,
      problems.map((message) => ({ field: 'file', message })),
    );
  }
  return rows;
}
