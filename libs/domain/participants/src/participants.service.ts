import { Inject, Injectable } from '@nestjs/common';
import { OPEN_STATUSES } from '@la-tracker/domain/engagements';
import { LocalAuthoritiesService } from '@la-tracker/domain/local-authorities';
import { Programme } from '@la-tracker/domain/programmes';
import type { AttendeeRole } from '@la-tracker/domain/sessions';
import { AuditWriter, type AuditValues } from '@la-tracker/platform/audit';
import type { Caller } from '@la-tracker/platform/auth';
import {
  anyText,
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
import { Clock, isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import { DataSource, type EntityManager } from 'typeorm';
import {
  canReachParticipants,
  mayHandleParticipants,
  participantScopeOf,
  type ParticipantScope,
} from './participant-access.rules';
import { Participant } from './participant.entity';
import { ParticipantRepository, type ScopedParticipant } from './participant.repository';
import {
  ERASED_NAME,
  erasedRefusal,
  isDueForErasure,
  keptUntil,
  normaliseParticipantName,
  participantEmail,
  participantProblems,
  retentionMonthsProblems,
} from './participant.rules';

export interface AddParticipantInput {
  engagementId: string;
  name: string;
  email?: string | null;
  role: AttendeeRole;
}

/** A change to a participant; what is left out stays as it is, and a blank e-mail removes it. */
export interface UpdateParticipantInput {
  id: string;
  name?: string | null;
  email?: string | null;
  role?: AttendeeRole | null;
}

export interface ParticipantFilter {
  programmeId?: string | null;
  engagementId?: string | null;
  localAuthorityCode?: string | null;
}

export interface RetentionRequest {
  /** The day judged from, usually today. */
  asOf: IsoDate;
  /** Participants are kept this many calendar months after their programme ends. */
  retentionMonths: number;
  /** Count what would be erased, and erase nothing. */
  dryRun: boolean;
}

export interface RetentionSummary {
  asOf: IsoDate;
  retentionMonths: number;
  dryRun: boolean;
  /** The programmes past their retention period, with the last day they could be kept. */
  programmes: Array<{ programmeId: string; endsOn: IsoDate; keptUntil: IsoDate }>;
  /** Participants erased, or that would be on a dry run. */
  participants: number;
}

/** People appear in the audit log by id only (SPEC §5.10). */
const PERSONAL_FIELDS = ['name', 'email'];

/**
 * Participants (SPEC §5.11): the few people a reminder must reach, kept with their engagement.
 * Managers see their programmes', supplier staff their own contracts', admins all; advisers none.
 * Erasure anonymises a person and keeps the record, so every count survives it; the audit log
 * records that it happened and never what was erased.
 */
@Injectable()
export class ParticipantsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ParticipantRepository) private readonly repository: ParticipantRepository,
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(
    caller: Caller,
    filter: ParticipantFilter,
    request: PageRequest,
  ): Promise<Page<Participant>> {
    const scope = this.scopeOf(caller);
    const problems: FieldProblem[] = [];
    for (const field of ['programmeId', 'engagementId'] as const) {
      const id = filter[field];
      if (id && !isUuid(id)) problems.push({ field: `filter.${field}`, message: 'is not an id' });
    }
    this.check(problems);
    const la = filter.localAuthorityCode
      ? await this.localAuthorities.get(filter.localAuthorityCode)
      : undefined;
    const limit = pageSize(request.first);
    const after = request.after
      ? (decodeCursor(request.after, [anyText, isUuid]) as [string, string])
      : undefined;
    const query = {
      programmeId: filter.programmeId ?? undefined,
      engagementId: filter.engagementId ?? undefined,
      localAuthorityId: la?.id,
    };
    const [rows, totalCount] = await Promise.all([
      this.repository.page(scope, query, limit + 1, after),
      this.repository.count(scope, query),
    ]);
    return toPage(rows, limit, totalCount, request.after, (p) => [p.localAuthorityName, p.id]);
  }

  /** For each engagement, its participants the caller may see, in the order they were added. */
  async ofEngagements(caller: Caller, engagementIds: readonly string[]): Promise<Participant[][]> {
    const found = await this.repository.ofEngagements(
      this.scopeOf(caller),
      engagementIds.filter(isUuid),
    );
    return engagementIds.map((id) => found.filter((p) => p.engagementId === id));
  }

  /** Records a person on an open engagement; the LA is the engagement's. */
  async add(caller: Caller, input: AddParticipantInput): Promise<Participant> {
    const scope = this.scopeOf(caller);
    this.check(participantProblems(input));
    return this.dataSource.transaction(async (manager) => {
      const engagement = isUuid(input.engagementId)
        ? await this.repository.engagement(manager, input.engagementId)
        : undefined;
      if (!engagement || !canReachParticipants(scope, engagement))
        throw new NotFoundError('Engagement', input.engagementId);
      if (!OPEN_STATUSES.includes(engagement.status))
        throw new InvalidTransitionError(
          `This engagement is ${engagement.status}: participants are recorded on ${OPEN_STATUSES.join(', ')} engagements only.`,
          { engagementId: engagement.id, status: engagement.status },
        );
      const participants = manager.getRepository(Participant);
      const participant = participants.create({
        engagementId: engagement.id,
        programmeId: engagement.programmeId,
        localAuthorityId: engagement.localAuthorityId,
        role: input.role,
        name: normaliseParticipantName(input.name),
        email: participantEmail(input.email),
        createdByUserId: caller.userId,
        erasedAt: null,
        erasedByUserId: null,
      });
      await this.saved(() => participants.insert(participant));
      const added = await participants.findOneByOrFail({ id: participant.id });
      await this.audited(manager, caller.userId, 'participant.add', null, added);
      return added;
    });
  }

  async update(caller: Caller, input: UpdateParticipantInput): Promise<Participant> {
    const scope = this.scopeOf(caller);
    this.check(
      participantProblems({
        name: input.name ?? undefined,
        email: input.email,
        role: input.role ?? undefined,
      }),
    );
    return this.dataSource.transaction(async (manager) => {
      const { participant } = await this.lockInScope(manager, scope, input.id);
      const refusal = erasedRefusal(participant);
      if (refusal) throw new InvalidTransitionError(refusal, { erased: true });
      const before = participantValues(participant);
      if (input.name !== undefined && input.name !== null)
        participant.name = normaliseParticipantName(input.name);
      if (input.email !== undefined && input.email !== null)
        participant.email = participantEmail(input.email);
      if (input.role) participant.role = input.role;
      const saved = await this.saved(() => manager.getRepository(Participant).save(participant));
      await this.audited(manager, caller.userId, 'participant.update', before, saved);
      return saved;
    });
  }

  /**
   * Anonymises a person on request: the name becomes a placeholder, the e-mail goes, and when and
   * by whom is recorded. The record, its engagement and every count stay as they were.
   */
  async erase(caller: Caller, id: string): Promise<Participant> {
    const scope = this.scopeOf(caller);
    return this.dataSource.transaction(async (manager) => {
      const { participant } = await this.lockInScope(manager, scope, id);
      const refusal = erasedRefusal(participant);
      if (refusal) throw new InvalidTransitionError(refusal, { erased: true });
      return this.eraseOne(manager, participant, caller.userId);
    });
  }

  /**
   * Erases every participant of the programmes that ended more than `retentionMonths` before
   * `asOf` (SPEC §5.11), as the system; on a dry run, counts them and erases nothing.
   */
  async eraseEndedProgrammes(request: RetentionRequest): Promise<RetentionSummary> {
    const problems = retentionMonthsProblems(request.retentionMonths);
    if (!isIsoDate(request.asOf))
      problems.push({ field: 'asOf', message: 'must be a date (YYYY-MM-DD)' });
    this.check(problems);
    const programmes = (
      await this.dataSource
        .getRepository(Programme)
        .find({ select: { id: true, endsOn: true }, order: { endsOn: 'ASC', id: 'ASC' } })
    )
      .filter((p) => isDueForErasure(p.endsOn, request.asOf, request.retentionMonths))
      .map((p) => ({
        programmeId: p.id,
        endsOn: p.endsOn,
        keptUntil: keptUntil(p.endsOn, request.retentionMonths),
      }));
    const ids = programmes.map((p) => p.programmeId);
    const summary = { ...request, programmes };
    if (request.dryRun)
      return { ...summary, participants: await this.repository.countNotErased(ids) };
    const erased = await this.dataSource.transaction(async (manager) => {
      const due = await this.repository.lockNotErased(manager, ids);
      for (const participant of due) await this.eraseOne(manager, participant, null);
      return due.length;
    });
    return { ...summary, participants: erased };
  }

  private async eraseOne(
    manager: EntityManager,
    participant: Participant,
    userId: string | null,
  ): Promise<Participant> {
    const before = participantValues(participant);
    Object.assign(participant, {
      name: ERASED_NAME,
      email: null,
      erasedAt: this.clock.now(),
      erasedByUserId: userId,
    });
    const saved = await manager.getRepository(Participant).save(participant);
    await this.audited(manager, userId, 'participant.erase', before, saved);
    return saved;
  }

  /** Advisers and callers with no role are refused outright: participants are personal data. */
  private scopeOf(caller: Caller): ParticipantScope {
    if (!mayHandleParticipants(caller))
      throw new ForbiddenError(
        "Participants are personal data: for the programme's managers, the engagement's supplier and admins.",
      );
    return participantScopeOf(caller);
  }

  private async lockInScope(
    manager: EntityManager,
    scope: ParticipantScope,
    id: string,
  ): Promise<ScopedParticipant> {
    const found = isUuid(id) ? await this.repository.lock(manager, id) : null;
    if (
      !found ||
      !canReachParticipants(scope, {
        programmeId: found.participant.programmeId,
        supplierId: found.supplierId,
      })
    )
      throw new NotFoundError('Participant', id);
    return found;
  }

  private async saved<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError(
          'This engagement already has a participant with that e-mail address.',
        );
      throw error;
    }
  }

  private check(problems: FieldProblem[]): void {
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
  }

  private audited(
    manager: EntityManager,
    actorUserId: string | null,
    action: string,
    before: AuditValues | null,
    after: Participant,
  ): Promise<void> {
    return this.audit.record(manager, {
      actorUserId,
      action,
      entityType: 'participant',
      entityId: after.id,
      programmeId: after.programmeId,
      before,
      after: participantValues(after),
      personalFields: PERSONAL_FIELDS,
    });
  }
}

function participantValues(participant: Participant): AuditValues {
  const { createdAt: _created, updatedAt: _updated, ...values } = participant;
  return values;
}
