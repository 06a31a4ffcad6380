import type { IsoDate } from '@la-tracker/platform/time';

export interface ValidityPeriod {
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

/** An LA is active on a date when the date falls within its validity (open ends unbounded). */
export function isActiveOn(period: ValidityPeriod, date: IsoDate): boolean {
  return (
    (period.validFrom === null || period.validFrom <= date) &&
    (period.validTo === null || period.validTo >= date)
  );
}

/** The day after a date: a successor takes over the day after its predecessor's last day. */
export function dayAfter(date: IsoDate): IsoDate {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export const GSS_CODE = /^E\d{8}$/;
export const DFE_CODE = /^\d{3}$/;
export const REGION_CODE = /^E12\d{6}$/;

export type LocalAuthorityCodeKind = 'GSS' | 'DFE';

/** Whether a code a caller gave is an ONS (GSS) code, a DfE code, or neither. */
export function kindOfCode(code: string): LocalAuthorityCodeKind | null {
  if (GSS_CODE.test(code)) return 'GSS';
  if (DFE_CODE.test(code)) return 'DFE';
  return null;
}
