/** A cell: text, a whole number, or money in pence (the writers show it in pounds). */
export type CellValue = string | number | null;

export type ColumnKind = 'text' | 'count' | 'money' | 'date';

export interface SheetColumn {
  title: string;
  kind: ColumnKind;
}

/** One sheet of a report, as the writers take it, whatever the format. */
export interface Sheet {
  name: string;
  columns: readonly SheetColumn[];
  rows: CellValue[][];
}

export const text = (title: string): SheetColumn => ({ title, kind: 'text' });
export const count = (title: string): SheetColumn => ({ title, kind: 'count' });
export const money = (title: string): SheetColumn => ({ title, kind: 'money' });
export const date = (title: string): SheetColumn => ({ title, kind: 'date' });
