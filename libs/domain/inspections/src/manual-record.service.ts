import { Inject, Injectable } from '@nestjs/common';
import { LocalAuthoritiesService } from '@la-tracker/domain/local-authorities';
import { AuditWriter } from '@la-tracker/platform/audit';
import type { Caller } from '@la-tracker/platform/auth';
import { BadUserInputError, ConflictError } from '@la-tracker/platform/errors';
import { Clock, type IsoDate } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import { ConcernRecord } from './concern.entity';
import { InspectionRecord } from './inspection-event.entity';
import { JudgementRecord } from './inspection-judgement.entity';
import type { Concern, InspectionEvent } from './inspection.types';
import {
  concernProblems,
  manualInspectionProblems,
  type ManualInspection,
} from './manual-record.rules';
import { frameworkInForceOn } from './ofsted-file/judgement-framework.rules';

/**
 * What programme managers record by hand (the access policy lets only them and admins in): a
 * visit Ofsted does not publish the details of, such as a focused visit's areas for priority
 * action, and concerns about declining performance. Audited; a later import matches such a visit
 * rather than duplicating it.
 */
@Injectable()
export class ManualRecordService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LocalAuthoritiesService) private readonly localAuthorities: LocalAuthoritiesService,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async recordInspection(
    caller: Caller,
    localAuthorityCode: string,
    input: ManualInspection,
  ): Promise<InspectionEvent> {
    const la = await this.localAuthorities.get(localAuthorityCode);
    const problems = manualInspectionProblems(input, this.clock.today());
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
    const framework = frameworkInForceOn(input.inspectedOn);
    return this.dataSource.transaction(async (manager) => {
      const events = manager.getRepository(InspectionRecord);
      const existing = await events.findOneBy({
        localAuthorityId: la.id,
        kind: input.kind,
        inspectedOn: input.inspectedOn,
      });
      if (existing) {
        throw new ConflictError(
          `${la.name} already has a ${input.kind.toLowerCase().replace(/_/g, ' ')} on ${input.inspectedOn} (recorded from ${existing.source === 'FILE' ? 'an Ofsted file' : 'a person'}).`,
          { inspectionId: existing.id },
        );
      }
      const event = await events.save(
        events.create({
          localAuthorityId: la.id,
          kind: input.kind,
          inspectedOn: input.inspectedOn,
          publishedOn: input.publishedOn ?? null,
          theme: input.theme?.trim() || null,
          priorityActionAreas: (input.priorityActionAreas ?? []).map((area) => area.trim()),
          letterDate: input.letterDate ?? null,
          source: 'USER',
          sourceFile: null,
          sourceSheet: null,
          sourceRow: null,
          recordedByUserId: caller.userId,
        }),
      );
      const judgements = (input.judgements ?? []).map((judgement) => ({ ...judgement, framework }));
      if (judgements.length > 0) {
        await manager
          .getRepository(JudgementRecord)
          .insert(judgements.map((judgement) => ({ ...judgement, inspectionId: event.id })));
      }
      const recorded: InspectionEvent = {
        id: event.id,
        localAuthorityId: la.id,
        kind: event.kind,
        inspectedOn: event.inspectedOn,
        publishedOn: event.publishedOn,
        theme: event.theme,
        priorityActionAreas: event.priorityActionAreas,
        letterDate: event.letterDate,
        judgements,
      };
      await this.audit.record(manager, {
        actorUserId: caller.userId,
        action: 'inspection.record',
        entityType: 'inspection_event',
        entityId: event.id,
        before: null,
        after: { ...recorded },
        personalFields: [],
      });
      return recorded;
    });
  }

  async recordConcern(
    caller: Caller,
    localAuthorityCode: string,
    input: { note: string; recordedOn?: IsoDate | null },
  ): Promise<Concern> {
    const la = await this.localAuthorities.get(localAuthorityCode);
    const concern = { note: input.note.trim(), recordedOn: input.recordedOn ?? this.clock.today() };
    const problems = concernProblems(concern, this.clock.today());
    if (problems.length > 0) throw BadUserInputError.forFields(problems);
    if (!caller.userId)
      throw new ConflictError('Only a person with a record here can record a concern.');
    const recordedBy = caller.userId;
    return this.dataSource.transaction(async (manager) => {
      const concerns = manager.getRepository(ConcernRecord);
      const saved = await concerns.save(
        concerns.create({
          localAuthorityId: la.id,
          recordedOn: concern.recordedOn,
          withdrawnOn: null,
          note: concern.note,
          recordedByUserId: recordedBy,
        }),
      );
      const recorded: Concern = {
        id: saved.id,
        localAuthorityId: la.id,
        recordedOn: saved.recordedOn,
        withdrawnOn: null,
        note: saved.note,
      };
      await this.audit.record(manager, {
        actorUserId: caller.userId,
        action: 'concern.record',
        entityType: 'concern',
        entityId: saved.id,
        before: null,
        after: { ...recorded },
        personalFields: [],
      });
      return recorded;
    });
  }
}
