import { Inject, Injectable } from '@nestjs/common';
import { financialYearBounds, isFinancialYear } from '@la-tracker/domain/calendar';
import { Contract, mayChangeProgramme, Programme } from '@la-tracker/domain/programmes';
import { AuditWriter } from '@la-tracker/platform/audit';
import { supplierIdsOf, type Caller } from '@la-tracker/platform/auth';
import {
  decodeCursor,
  isUniqueViolation,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type PageRequest,
} from '@la-tracker/platform/database';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  type FieldProblem,
} from '@la-tracker/platform/errors';
import type { Pence } from '@la-tracker/platform/money';
import { Clock, dateInEngland, type IsoDate } from '@la-tracker/platform/time';
import { DataSource, type EntityManager } from 'typeorm';
import { canSeeMonthlyReturn, monthlyReturnScopeOf } from './monthly-return-access.rules';
import { MonthlyReturn } from './monthly-return.entity';
import { MonthlyReturnRepository, type MonthlyReturnQuery } from './monthly-return.repository';
import {
  figuresProblems,
  isLate,
  isMonth,
  monthInTermProblems,
  monthlyReturnStatusesAllowing,
  monthOf,
  monthProblems,
  nextMonthlyReturnStatus,
  returnDueOn,
  returnReasonProblems,
  type Month,
  type MonthlyReturnMove,
  type MonthlyReturnStatus,
} from './monthly-return.rules';

export interface MonthlyReturnSubmission {
  programmeId: string;
  month: Month;
  sessionsDelivered: number;
  participants: number;
  spendPence: Pence;
  note?: string | null;
  /** Needed only by someone on the staff of more than one supplier. */
  supplierId?: string | null;
}

export interface MonthlyReturnFilter {
  programmeId?: string | null;
  supplierId?: string | null;
  status?: readonly MonthlyReturnStatus[] | null;
  month?: Month | null;
  financialYear?: string | null;
}

/** A return with the dates it is judged by, worked out from the rules. */
export interface MonthlyReturnView extends MonthlyReturn {
  dueOn: IsoDate;
  /** The day of the first submission, in England. */
  submittedOn: IsoDate;
  late: boolean;
}

function withDates(record: MonthlyReturn): MonthlyReturnView {
  const submittedOn = dateInEngland(record.firstSubmittedAt);
  return {
    ...record,
    dueOn: returnDueOn(record.month),
    submittedOn,
    late: isLate(record.month, submittedOn),
  };
}

/** Problems in an input object, each field named as the client sent it. */
const inInput = (problems: readonly FieldProblem[]) =>
  problems.map((problem) => ({ ...problem, field: `input.${problem.field}` }));

function refuse(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) throw BadUserInputError.forFields([...problems]);
}

/**
 * Monthly returns (SPEC §5.12): a supplier's staff submit their delivery and spend for a month of
 * a programme; its managers (and admins) accept it or send it back, and a return sent back is
 * submitted again. Every change is one transaction with its audit entry; a refusal writes nothing.
 */
@Injectable()
export class MonthlyReturnsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MonthlyReturnRepository) private readonly repository: MonthlyReturnRepository,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(
    caller: Caller,
    filter: MonthlyReturnFilter,
    request: PageRequest,
  ): Promise<Page<MonthlyReturnView>> {
    const problems: FieldProblem[] = [];
    for (const field of ['programmeId', 'supplierId'] as const) {
      const id = filter[field];
      if (id && !isUuid(id)) problems.push({ field: `filter.${field}`, message: 'is not an id' });
    }
    if (filter.month && !isMonth(filter.month))
      problems.push({ field: 'filter.month', message: 'must be written like 2022-12' });
    if (filter.financialYear && !isFinancialYear(filter.financialYear))
      problems.push({ field: 'filter.financialYear', message: 'must be written like 2022-23' });
    refuse(problems);

    const limit = pageSize(request.first);
    const after = request.after
      ? (decodeCursor(request.after, [isMonth, isUuid]) as [string, string])
      : undefined;
    const scope = monthlyReturnScopeOf(caller);
    const query: MonthlyReturnQuery = {
      programmeId: filter.programmeId ?? undefined,
      supplierId: filter.supplierId ?? undefined,
      statuses: filter.status ?? undefined,
      ...monthRange(filter),
    };
    const [rows, totalCount] = await Promise.all([
      this.repository.page(scope, query, limit + 1, after),
      this.repository.count(scope, query),
    ]);
    const page = toPage(rows, limit, totalCount, request.after, (r) => [r.month, r.id]);
    return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: withDates(edge.node) })) };
  }

  /**
   * Which supplier has made a return (in any state) for which month of a programme's financial
   * year, for a caller already allowed the programme's returns (its managers, admins).
   */
  returnedMonthsOf(
    programmeId: string,
    financialYear: string,
  ): Promise<Array<{ supplierId: string; month: Month }>> {
    return this.repository.returnedMonths(
      { all: true },
      { programmeId, ...monthRange({ financialYear }) },
    );
  }

  async get(caller: Caller, id: string): Promise<MonthlyReturnView> {
    const [found] = isUuid(id)
      ? await this.repository.findInScope(monthlyReturnScopeOf(caller), [id])
      : [];
    if (!found) throw new NotFoundError('MonthlyReturn', id);
    return withDates(found);
  }

  /**
   * A supplier's return for a month that has ended: the first creates it, and one sent back is
   * submitted again with new figures. One already submitted or accepted answers CONFLICT.
   */
  async submit(caller: Caller, input: MonthlyReturnSubmission): Promise<MonthlyReturnView> {
    const supplierId = this.submittingSupplier(caller, input.supplierId);
    const today = this.clock.today();
    refuse(inInput([...monthProblems('month', input.month, today), ...figuresProblems(input)]));

    const programme = isUuid(input.programmeId)
      ? await this.dataSource.getRepository(Programme).findOneBy({ id: input.programmeId })
      : null;
    const contracts = programme
      ? await this.dataSource
          .getRepository(Contract)
          .findBy({ programmeId: programme.id, supplierId })
      : [];
    // A programme the supplier holds no contract in is none of its business.
    if (!programme || contracts.length === 0)
      throw new NotFoundError('Programme', input.programmeId);
    refuse(inInput(monthInTermProblems('month', input.month, programme, contracts)));

    const key = { programmeId: programme.id, supplierId, month: input.month };
    const figures = {
      sessionsDelivered: input.sessionsDelivered,
      participants: input.participants,
      spendPence: input.spendPence,
      note: input.note?.trim() || null,
    };
    try {
      return await this.dataSource.transaction(async (manager) => {
        const now = this.clock.now();
        const returns = manager.getRepository(MonthlyReturn);
        const existing = await this.repository.lockFor(manager, key);
        if (!existing) {
          const created = returns.create({
            ...key,
            ...figures,
            status: 'SUBMITTED',
            returnReason: null,
            firstSubmittedAt: now,
            submittedAt: now,
            submittedByUserId: caller.userId,
            decidedAt: null,
            decidedByUserId: null,
          });
          await returns.insert(created);
          const submitted = await returns.findOneByOrFail({ id: created.id });
          await this.record(manager, caller, 'monthly-return.submit', null, submitted);
          return withDates(submitted);
        }
        if (nextMonthlyReturnStatus(existing.status, 'SUBMIT') === null)
          throw this.alreadyMade(existing);
        const before = { ...existing };
        Object.assign(existing, {
          ...figures,
          status: 'SUBMITTED',
          submittedAt: now,
          submittedByUserId: caller.userId,
        });
        return withDates(
          await this.save(manager, caller, 'monthly-return.resubmit', before, existing),
        );
      });
    } catch (error) {
      // A first submission racing this one got there first.
      if (isUniqueViolation(error))
        throw new ConflictError(
          `The return for ${input.month} has been SUBMITTED already: it waits for the programme's decision.`,
        );
      throw error;
    }
  }

  accept(caller: Caller, id: string): Promise<MonthlyReturnView> {
    return this.dataSource.transaction(async (manager) => {
      const record = await this.lockToDecide(manager, caller, id, 'ACCEPT');
      const before = { ...record };
      Object.assign(record, {
        status: 'ACCEPTED',
        decidedAt: this.clock.now(),
        decidedByUserId: caller.userId,
      });
      return withDates(await this.save(manager, caller, 'monthly-return.accept', before, record));
    });
  }

  /** Sends a return back to its supplier, with what to put right. */
  async returnToSupplier(caller: Caller, id: string, reason: string): Promise<MonthlyReturnView> {
    refuse(returnReasonProblems(reason));
    return this.dataSource.transaction(async (manager) => {
      const record = await this.lockToDecide(manager, caller, id, 'RETURN');
      const before = { ...record };
      Object.assign(record, {
        status: 'RETURNED',
        returnReason: reason.trim(),
        decidedAt: this.clock.now(),
        decidedByUserId: caller.userId,
      });
      return withDates(await this.save(manager, caller, 'monthly-return.return', before, record));
    });
  }

  /** The supplier a return is made for: the caller's own, named when they are staff of several. */
  private submittingSupplier(caller: Caller, named: string | null | undefined): string {
    const own = supplierIdsOf(caller);
    if (own.length === 0)
      throw new ForbiddenError("Monthly returns are submitted by the supplier's own staff.");
    if (named) {
      if (!own.includes(named)) throw new NotFoundError('Supplier', named);
      return named;
    }
    if (own.length > 1)
      refuse([
        {
          field: 'input.supplierId',
          message: 'must be given: you are on the staff of more than one supplier',
        },
      ]);
    return own[0];
  }

  /**
   * Locks the return and checks the caller may decide on it: NOT_FOUND where they cannot see it,
   * FORBIDDEN where they can but it is not theirs to decide (its supplier), INVALID_TRANSITION
   * where its state does not allow the move.
   */
  private async lockToDecide(
    manager: EntityManager,
    caller: Caller,
    id: string,
    move: Extract<MonthlyReturnMove, 'ACCEPT' | 'RETURN'>,
  ): Promise<MonthlyReturn> {
    const found = isUuid(id) ? await this.repository.lock(manager, id) : null;
    if (!found || !canSeeMonthlyReturn(monthlyReturnScopeOf(caller), found))
      throw new NotFoundError('MonthlyReturn', id);
    if (!mayChangeProgramme(caller, found.programmeId))
      throw new ForbiddenError(
        "Only the programme's managers or an admin may accept a monthly return or send it back.",
      );
    if (nextMonthlyReturnStatus(found.status, move) === null)
      throw new InvalidTransitionError(
        `This return is ${found.status}: only a ${monthlyReturnStatusesAllowing(move).join(' or ')} return can be ${PAST[move]}.`,
        { status: found.status, move },
      );
    return found;
  }

  private alreadyMade(existing: MonthlyReturn): ConflictError {
    return new ConflictError(
      existing.status === 'ACCEPTED'
        ? `The return for ${existing.month} has been ACCEPTED: it cannot change.`
        : `The return for ${existing.month} has been SUBMITTED already: it waits for the programme's decision.`,
      { monthlyReturnId: existing.id, status: existing.status },
    );
  }

  private async save(
    manager: EntityManager,
    caller: Caller,
    action: string,
    before: MonthlyReturn,
    after: MonthlyReturn,
  ): Promise<MonthlyReturn> {
    const saved = await manager.getRepository(MonthlyReturn).save(after);
    await this.record(manager, caller, action, before, saved);
    return saved;
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: string,
    before: MonthlyReturn | null,
    after: MonthlyReturn,
  ): Promise<void> {
    return this.audit.record(manager, {
      actorUserId: caller.userId,
      action,
      entityType: 'monthly_return',
      entityId: after.id,
      programmeId: after.programmeId,
      before: before && auditedValues(before),
      after: auditedValues(after),
      // Figures and notes about delivery, in the supplier's and manager's words; people by id.
      personalFields: [],
    });
  }
}

const PAST: Record<Extract<MonthlyReturnMove, 'ACCEPT' | 'RETURN'>, string> = {
  ACCEPT: 'accepted',
  RETURN: 'sent back',
};

function auditedValues(record: MonthlyReturn): Record<string, unknown> {
  const { createdAt: _created, updatedAt: _updated, ...values } = record;
  return values;
}

/** The months a filter asks for: one month, a financial year's twelve, or both at once. */
function monthRange(filter: MonthlyReturnFilter): Pick<MonthlyReturnQuery, 'from' | 'to'> {
  const froms: Month[] = [];
  const tos: Month[] = [];
  if (filter.month) {
    froms.push(filter.month);
    tos.push(filter.month);
  }
  if (filter.financialYear) {
    const year = financialYearBounds(filter.financialYear);
    froms.push(monthOf(year.startsOn));
    tos.push(monthOf(year.endsOn));
  }
  return {
    from: froms.length > 0 ? froms.sort().at(-1) : undefined,
    to: tos.length > 0 ? tos.sort()[0] : undefined,
  };
}
