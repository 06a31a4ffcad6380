import { diagnosticFollowUpDueOn, financialYearOf } from '@la-tracker/domain/calendar';
import type { RateUnit } from '@la-tracker/domain/programmes';
import type { Pence } from '@la-tracker/platform/money';
import type { IsoDate } from '@la-tracker/platform/time';

/** The contract's rate for the diagnostic service line. */
export interface DiagnosticRate {
  unit: RateUnit;
  amountPence: Pence;
}

/** What a diagnostic's final report settles: its cost, where it counts, and its follow-up. */
export interface FinalReportSettlement {
  costPence: Pence;
  /** The rate it was costed at; null when the contract has none for the line. */
  rate: DiagnosticRate | null;
  costedOn: IsoDate;
  /** Spend counts in the year of the final report (SPEC §5.9). */
  costFinancialYear: string;
  followUpDueOn: IsoDate;
}

/**
 * A diagnostic is costed once, when its final report is issued (SPEC §5.9): a per-diagnostic rate
 * is its cost; any other unit charges nothing for the diagnostic itself (a fixed price is paid as
 * such, and session rates are charged by the sessions recorded), nor does a contract with no rate.
 */
export function settleFinalReport(
  rate: DiagnosticRate | null,
  finalReportOn: IsoDate,
): FinalReportSettlement {
  return {
    costPence: rate?.unit === 'PER_DIAGNOSTIC' ? rate.amountPence : 0,
    rate,
    costedOn: finalReportOn,
    costFinancialYear: financialYearOf(finalReportOn),
    followUpDueOn: diagnosticFollowUpDueOn(finalReportOn),
  };
}

/** Why a costed diagnostic costs nothing, when it does; null when its rate charges it. */
export function diagnosticUnchargedReason(unit: RateUnit | null): string | null {
  switch (unit) {
    case null:
      return 'The contract has no rate for corporate parenting diagnostics: it costs nothing.';
    case 'FIXED':
      return 'A fixed-price contract is paid its price, not by diagnostic.';
    case 'PER_SESSION':
    case 'PER_HOUR':
    case 'PER_PARTICIPANT':
      return 'The contract charges by session, hour or participant: its sessions are costed, not the diagnostic.';
    case 'PER_DIAGNOSTIC':
      return null;
  }
}
