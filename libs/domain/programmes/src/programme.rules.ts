import { financialYearsBetween, isFinancialYear } from '@la-tracker/domain/calendar';
import type { Pence } from '@la-tracker/platform/money';
import type { IsoDate } from '@la-tracker/platform/time';
import { SERVICE_LINES, type ServiceLine } from './service-line';

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
  // Against a negative budget, already refused, any allocation would seem too much.
  if (terms.budgetPence >= 0 && allocated > terms.budgetPence)
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

/** What is wrong with the service lines a new programme buys: at least one, each once, named briefly. */
export function serviceLineProblems(
  lines: ReadonlyArray<{ code: ServiceLine; name?: string | null }>,
): Problem[] {
  const problems: Problem[] = [];
  if (lines.length === 0)
    problems.push({ field: 'serviceLines', message: 'must hold at least one service line' });
  const seen = new Set<ServiceLine>();
  lines.forEach((line, i) => {
    if (!SERVICE_LINES.includes(line.code))
      problems.push({
        field: `serviceLines[${i}].code`,
        message: `${line.code} is not a service line`,
      });
    else if (seen.has(line.code))
      problems.push({ field: `serviceLines[${i}].code`, message: `${line.code} is given twice` });
    seen.add(line.code);
    if (line.name !== undefined && line.name !== null) {
      const name = line.name.trim();
      if (name === '' || name.length > 200)
        problems.push({ field: `serviceLines[${i}].name`, message: 'must be 1 to 200 characters' });
    }
  });
  return problems;
}

/** New dates for a programme must still hold every contract made under it. */
export function programmeDatesProblems(
  dates: { startsOn: IsoDate; endsOn: IsoDate },
  contracts: ReadonlyArray<{ reference: string; startsOn: IsoDate; endsOn: IsoDate }>,
): Problem[] {
  const problems: Problem[] = [];
  const early = contracts.filter((contract) => contract.startsOn < dates.startsOn);
  const late = contracts.filter((contract) => contract.endsOn > dates.endsOn);
  if (early.length > 0)
    problems.push({
      field: 'startsOn',
      message: `would leave contracts outside the programme: ${early.map((c) => `${c.reference} starts on ${c.startsOn}`).join(', ')}`,
    });
  if (late.length > 0)
    problems.push({
      field: 'endsOn',
      message: `would leave contracts outside the programme: ${late.map((c) => `${c.reference} ends on ${c.endsOn}`).join(', ')}`,
    });
  return problems;
}
