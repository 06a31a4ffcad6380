import { isFinancialYear, type FinancialYear } from '@la-tracker/domain/calendar';
import { REGION_CODE } from '@la-tracker/domain/local-authorities';
import { compareServiceLines, type ServiceLine } from '@la-tracker/domain/programmes';
import { isUuid } from '@la-tracker/platform/database';
import type { FieldProblem } from '@la-tracker/platform/errors';
import type { Pence } from '@la-tracker/platform/money';

/** What a spend report is asked for: one programme, narrowed by any of the rest. */
export interface SpendFilter {
  programmeId: string;
  financialYear?: FinancialYear | null;
  supplierId?: string | null;
  serviceLine?: ServiceLine | null;
  regionCode?: string | null;
  /** ONS code, earlier ONS code or DfE code. */
  localAuthorityCode?: string | null;
}

export const SPEND_DIMENSIONS = [
  'TOTAL',
  'SERVICE_LINE',
  'LOT',
  'CONTRACT',
  'SUPPLIER',
  'LOCAL_AUTHORITY',
  'FINANCIAL_YEAR',
] as const;
export type SpendDimension = (typeof SPEND_DIMENSIONS)[number];

/** The charges the caller may see, added up for one group of one dimension. */
export interface SpendFigure {
  dimension: SpendDimension;
  /** The group: a service line, a lot, contract, supplier or LA id, or a year; null for TOTAL. */
  key: string | null;
  /** What the group's charges that match the filter come to, and how many there are. */
  spentPence: Pence;
  charges: number;
  /** What all the group's charges come to, whatever the filter: what budgets and values are spent by. */
  spentToDatePence: Pence;
}

/** A contract the report lists, with its value when the caller may see its terms. */
export interface ContractTerms<C extends { id: string; supplierId: string }> {
  contract: C;
  valuePence: Pence | null;
}

export interface SpendBudget {
  /** The programme's whole budget. */
  programmePence: Pence;
  /** The year's allocation, when a year is asked about and one is set. */
  allocationPence: Pence | null;
  /** What it is spent by: the programme's spend in the year against an allocation, else to date. */
  spentPence: Pence;
  remainingPence: Pence;
}

export interface ContractSpend<C> {
  contract: C;
  valuePence: Pence | null;
  spentPence: Pence;
  spentToDatePence: Pence;
  /** Its value less everything spent under it to date; null when its value is not the caller's to see. */
  remainingPence: Pence | null;
}

export interface SpendReport<C> {
  programmeId: string;
  financialYear: FinancialYear | null;
  totalPence: Pence;
  budget: SpendBudget | null;
  byServiceLine: Array<{ serviceLine: ServiceLine; spentPence: Pence }>;
  byLot: Array<{ programmeId: string; lotId: string; spentPence: Pence }>;
  byContract: Array<ContractSpend<C>>;
  bySupplier: Array<{ supplierId: string; spentPence: Pence }>;
  byLocalAuthority: Array<{ localAuthorityId: string; spentPence: Pence }>;
  byFinancialYear: Array<{ financialYear: FinancialYear; spentPence: Pence }>;
}

/** What is wrong with a filter, by field; LA codes are checked when the LA is looked up. */
export function spendFilterProblems(filter: SpendFilter): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['programmeId', 'supplierId'] as const) {
    const id = filter[field];
    if (id && !isUuid(id)) problems.push({ field: `filter.${field}`, message: 'is not an id' });
  }
  if (filter.financialYear && !isFinancialYear(filter.financialYear))
    problems.push({ field: 'filter.financialYear', message: 'must be written like 2022-23' });
  if (filter.regionCode && !REGION_CODE.test(filter.regionCode))
    problems.push({ field: 'filter.regionCode', message: 'must be a region code like E12000001' });
  return problems;
}

/**
 * The report from the figures the caller may see (already in the order to show them: lots by
 * number, suppliers and LAs by name, years oldest first). Groups with no charge matching the filter
 * are left out; every contract listed is shown, spent or not, against its value. The budget is
 * measured against the year's allocation when one is set for the year asked about, else against
 * the programme's whole budget and everything spent to date.
 */
export function spendReport<C extends { id: string; supplierId: string }>(input: {
  programmeId: string;
  filter: Pick<SpendFilter, 'financialYear' | 'supplierId'>;
  figures: readonly SpendFigure[];
  contracts: ReadonlyArray<ContractTerms<C>>;
  budget: { budgetPence: Pence; allocationPence: Pence | null } | null;
}): SpendReport<C> {
  const financialYear = input.filter.financialYear ?? null;
  const groups = (dimension: SpendDimension) =>
    input.figures.filter((figure) => figure.dimension === dimension && figure.key !== null);
  const spent = (dimension: SpendDimension) =>
    groups(dimension)
      .filter((figure) => figure.charges > 0)
      .map((figure) => ({ key: figure.key as string, spentPence: figure.spentPence }));
  const figureOf = (dimension: SpendDimension, key: string | null) =>
    input.figures.find((figure) => figure.dimension === dimension && figure.key === key);

  return {
    programmeId: input.programmeId,
    financialYear,
    totalPence: figureOf('TOTAL', null)?.spentPence ?? 0,
    budget: input.budget && budgetPosition(input.budget, financialYear, figureOf),
    byServiceLine: spent('SERVICE_LINE')
      .map(({ key, spentPence }) => ({ serviceLine: key as ServiceLine, spentPence }))
      .sort((a, b) => compareServiceLines(a.serviceLine, b.serviceLine)),
    byLot: spent('LOT').map(({ key, spentPence }) => ({
      programmeId: input.programmeId,
      lotId: key,
      spentPence,
    })),
    byContract: input.contracts
      .filter(
        ({ contract }) =>
          !input.filter.supplierId || contract.supplierId === input.filter.supplierId,
      )
      .map(({ contract, valuePence }) => {
        const figure = figureOf('CONTRACT', contract.id);
        const spentToDatePence = figure?.spentToDatePence ?? 0;
        return {
          contract,
          valuePence,
          spentPence: figure?.spentPence ?? 0,
          spentToDatePence,
          remainingPence: valuePence === null ? null : valuePence - spentToDatePence,
        };
      }),
    bySupplier: spent('SUPPLIER').map(({ key, spentPence }) => ({ supplierId: key, spentPence })),
    byLocalAuthority: spent('LOCAL_AUTHORITY').map(({ key, spentPence }) => ({
      localAuthorityId: key,
      spentPence,
    })),
    byFinancialYear: spent('FINANCIAL_YEAR')
      .map(({ key, spentPence }) => ({ financialYear: key, spentPence }))
      .sort((a, b) => (a.financialYear < b.financialYear ? -1 : 1)),
  };
}

function budgetPosition(
  budget: { budgetPence: Pence; allocationPence: Pence | null },
  financialYear: FinancialYear | null,
  figureOf: (dimension: SpendDimension, key: string | null) => SpendFigure | undefined,
): SpendBudget {
  const allocationPence = financialYear === null ? null : budget.allocationPence;
  const spentPence =
    allocationPence === null
      ? (figureOf('TOTAL', null)?.spentToDatePence ?? 0)
      : (figureOf('FINANCIAL_YEAR', financialYear)?.spentToDatePence ?? 0);
  return {
    programmePence: budget.budgetPence,
    allocationPence,
    spentPence,
    remainingPence: (allocationPence ?? budget.budgetPence) - spentPence,
  };
}
