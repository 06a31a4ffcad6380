import { Inject, Injectable, Logger } from '@nestjs/common';
import { DevelopmentOutboxMessage } from '@la-tracker/domain/notifications';
import { ParticipantsService, type RetentionSummary } from '@la-tracker/domain/participants';
import { AuditWriter } from '@la-tracker/platform/audit';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import { BadUserInputError, type FieldProblem } from '@la-tracker/platform/errors';
import { Clock, isIsoDate, type IsoDate } from '@la-tracker/platform/time';
import { DataSource } from 'typeorm';
import { outboxKeptFrom, retentionPolicyProblems, type RetentionPolicy } from './retention.rules';

export interface RetentionRequest {
  /** The day judged from; today in England when left out. Never a day not yet come. */
  asOf?: IsoDate;
  /** Count what would go, and change nothing. */
  dryRun?: boolean;
}

/** What a run erased (or, on a dry run, would erase), by kind of record. */
export interface RetentionReport {
  asOf: IsoDate;
  dryRun: boolean;
  policy: RetentionPolicy;
  participants: {
    /** The programmes past their period, with the last day their participants could be kept. */
    programmes: RetentionSummary['programmes'];
    erased: number;
  };
  developmentOutbox: {
    /** Messages sent before this day (in England) are deleted. */
    keptFrom: IsoDate;
    deleted: number;
  };
}

/** Outbox messages are deleted this many at a time, each batch in its own transaction. */
const OUTBOX_BATCH = 500;

/**
 * Erases personal data past its retention period (SPEC §5.11), as the system:
 * - participants' names and e-mails, a set number of months after their programme ends
 *   (anonymised, so every count and cost stays);
 * - messages in the development outbox, which hold an address and a message's wording, a set
 *   number of days after they were sent; the notification itself stays, naming its recipient by id.
 * Every erasure is audited by id, never with what was erased. Running it again erases nothing more.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ParticipantsService) private readonly participants: ParticipantsService,
    @Inject(AuditWriter) private readonly audit: AuditWriter,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get policy(): RetentionPolicy {
    return { ...this.config.retention };
  }

  async run(request: RetentionRequest = {}): Promise<RetentionReport> {
    const policy = this.policy;
    const today = this.clock.today();
    const asOf = request.asOf ?? today;
    const dryRun = request.dryRun ?? false;
    const problems: FieldProblem[] = retentionPolicyProblems(policy);
    if (!isIsoDate(asOf)) problems.push({ field: 'asOf', message: 'must be a date (YYYY-MM-DD)' });
    // A day not yet come would erase what must still be kept.
    else if (asOf > today)
      problems.push({ field: 'asOf', message: `must not be after today in England (${today})` });
    if (problems.length > 0) throw BadUserInputError.forFields(problems);

    const participants = await this.participants.eraseEndedProgrammes({
      asOf,
      retentionMonths: policy.monthsAfterProgrammeEnd,
      dryRun,
    });
    const keptFrom = outboxKeptFrom(asOf, policy);
    const deleted = dryRun
      ? await this.countOutboxDue(keptFrom)
      : await this.deleteOutboxDue(keptFrom);
    const report: RetentionReport = {
      asOf,
      dryRun,
      policy,
      participants: { programmes: participants.programmes, erased: participants.participants },
      developmentOutbox: { keptFrom, deleted },
    };
    this.logger.log(
      `Retention as of ${asOf}${dryRun ? ' (dry run)' : ''}: ${report.participants.erased} participant(s) ` +
        `of ${report.participants.programmes.length} programme(s), ${deleted} outbox message(s)`,
    );
    return report;
  }

  private countOutboxDue(keptFrom: IsoDate): Promise<number> {
    return this.dataSource
      .query<Array<{ count: string }>>(`SELECT count(*) FROM (${OUTBOX_DUE}) due`, [keptFrom, null])
      .then(([row]) => Number(row.count));
  }

  private async deleteOutboxDue(keptFrom: IsoDate): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<
          Array<Pick<DevelopmentOutboxMessage, 'id' | 'reference' | 'template'>>
        >(
          `SELECT id, reference, template FROM development_outbox_message
            WHERE id IN (${OUTBOX_DUE} FOR UPDATE OF m SKIP LOCKED)`,
          [keptFrom, OUTBOX_BATCH],
        );
        if (rows.length === 0) return 0;
        await manager.query(`DELETE FROM development_outbox_message WHERE id = ANY($1)`, [
          rows.map((row) => row.id),
        ]);
        for (const row of rows)
          await this.audit.record(manager, {
            actorUserId: null,
            action: 'development-outbox-message.delete',
            entityType: 'development_outbox_message',
            entityId: row.id,
            // The reference is the notification's id: who was told stays known by id.
            before: { reference: row.reference, template: row.template },
            after: null,
          });
        return rows.length;
      });
      deleted += batch;
      if (batch < OUTBOX_BATCH) return deleted;
    }
  }
}

/**
 * Outbox messages sent before `$1` (a day in England) whose notification is settled: a message
 * still being sent or reconciled is looked up by its reference, so it stays until it is.
 */
const OUTBOX_DUE = `
  SELECT m.id FROM development_outbox_message m
    LEFT JOIN notification n ON n.id::text = m.reference
   WHERE (m.created_at AT TIME ZONE 'Europe/London')::date < $1::date
     AND (n.id IS NULL OR n.status IN ('SENT', 'FAILED'))
   ORDER BY m.id
   LIMIT $2`;
