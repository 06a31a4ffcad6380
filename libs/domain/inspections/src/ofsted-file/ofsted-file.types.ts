import type { IsoDate } from '@la-tracker/platform/time';
import type { InspectionKind, Judgement } from '../inspection.types';

/**
 * The layouts of Ofsted's "Local authority inspection outcomes" this import understands:
 * WIDE_2024 is the March 2024 edition ("First ILACS …", "Second ILACS …" columns, publication dates
 * only, names only); LONG is the later editions (one row per inspection, both dates, ONS codes).
 */
export type OfstedEdition = 'WIDE_2024' | 'LONG';

/**
 * What the table a row came from lists: each LA's latest judgements, every graded inspection since
 * 2018, or the year's inspections and visits.
 */
export const OFSTED_TABLE_ROLES = ['LATEST', 'HISTORY', 'IN_YEAR'] as const;
export type OfstedTableRole = (typeof OFSTED_TABLE_ROLES)[number];

/** One inspection or visit as one table of the file states it; LAs are not matched here. */
export interface ParsedInspectionRow {
  /** As written in the file. */
  laName: string;
  /** The ONS code as written, as it was at publication (it may be an earlier code of a current LA). */
  laCode: string | null;
  /** As written (e.g. "Current", "No longer exists"), when the table has the column. */
  laStatus: string | null;
  kind: InspectionKind;
  /**
   * False when the table has no type column (the latest-judgements tables): the kind was then taken
   * from another row of this file about the same event, or is OTHER with a problem.
   */
  kindStated: boolean;
  inspectedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  /**
   * Which date identifies the event: INSPECTION_DATE when the table has an inspection date column
   * (even if this row's cell was blank or bad), PUBLICATION_DATE when the table gives only the
   * date of publication (the 2024 history table).
   */
  identifiedBy: 'INSPECTION_DATE' | 'PUBLICATION_DATE';
  judgements: Judgement[];
  /** The visit theme of a focused or monitoring visit. */
  theme: string | null;
  table: OfstedTableRole;
  /**
   * Rows of this file that the parser judges to be the same event share a key (e.g. the latest
   * judgements, the in-year row and the history row of one inspection). Valid within one file only.
   */
  eventKey: string;
  source: {
    sheet: string;
    /** The row number a spreadsheet program shows. */
    row: number;
    /** The headings, as written, of the columns this row was read from. */
    columns: string[];
  };
  /** What could not be read on this row (a bad date, an unknown grade or type…). */
  problems: string[];
}

export interface OfstedTableFound {
  sheet: string;
  headerRow: number;
  role: OfstedTableRole;
  rows: number;
}

export interface OfstedPublication {
  edition: OfstedEdition;
  rows: ParsedInspectionRow[];
  /** Every row's problems, prefixed with sheet and row, then notes about the file as a whole. */
  problems: string[];
  tables: OfstedTableFound[];
}
