import { financialYearsBetween, isFinancialYear } from '@la-tracker/domain/calendar';
import type { Pence } from '@la-tracker/platform/money';
import type { IsoDate } from '@la-tracker/platform/time';

export interface ProgrammeTerms {
  name: string;
  contractingAuthority: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  budgetPence: Pence;
  budgetAllocations: ReadonlyArray<{ financialYear: string; amountPence: Pence }>;
}

type Problem = { field: string; message: string };

/**
 * What is wrong with a programme's terms, field by field: a budget allocation is for a year the
 * programme runs in, each year once, and together they stay within the budget.
 */
export function programmeTermsProblems(terms: ProgrammeTerms): Problem[] {
  const problems: Problem[] = [];
  for (const field of ['name', 'contractingAuthority'] as const) {
    const value = terms[field].trim();
    if (value === '' || value.length > 200)
      problems.push({ field, message: 'must be 1 to 200 characters' });
  }
  if (terms.endsOn < terms.startsOn)
    problems.push({ field: 'endsOn', message: 'must not be before startsOn' });
  if (terms.budgetPence < 0) problems.push({ field: 'budget', message: 'must not be negative' });
  const years =
    terms.endsOn < terms.startsOn ? [] : financialYearsBetween(terms.startsOn, terms.endsOn);
  const seen = new Set<string>();
  let allocated = 0;
  terms.budgetAllocations.forEach((allocation, i) => {
    const field = `budgetAllocations[${i}]`;
    if (!isFinancialYear(allocation.financialYear))
      problems.push({ field: `${field}.financialYear`, message: 'must be written like 2022-23' });
    else if (!years.includes(allocation.financialYear))
      problems.push({
        field: `${field}.financialYear`,
        message: `${allocation.financialYear} is outside the programme (${years.join(', ') || 'no year'})`,
      });
    else if (seen.has(allocation.financialYear))
      problems.push({
        field: `${field}.financialYear`,
        message: `${allocation.financialYear} is given twice`,
      });
    seen.add(allocation.financialYear);
    if (allocation.amountPence < 0)
      problems.push({ field: `${field}.amount`, message: 'must not be negative' });
    allocated += allocation.amountPence;
  });
  if (allocated > terms.budgetPence)
    problems.push({
      field: 'budgetAllocations',
      message: 'the yearly allocations add up to more than the budget',
    });
  return problems;
}

/** Whether a financial year falls within the programme's dates. */
export function isProgrammeYear(
  programme: { startsOn: IsoDate; endsOn: IsoDate },
  financialYear: string,
): boolean {
  return financialYearsBetween(programme.startsOn, programme.endsOn).includes(financialYear);
}
