import {
  Field,
  Float,
  GraphQLISODateTime,
  ID,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  REPORT_STATUSES,
  type ReportFormat,
  type ReportKind,
  type ReportStatus,
} from '@la-tracker/domain/reports';
import { Connection } from '../graphql/connection.model';
import { enumOf } from '../graphql/enum-of';

export const ReportKindEnum = enumOf(REPORT_KINDS);
registerEnumType(ReportKindEnum, {
  name: 'ReportKind',
  description:
    'MONTHLY_MI: the management-information pack (aggregates); SESSIONS_EXTRACT and ENGAGEMENTS_EXTRACT: every row of the year.',
});

export const ReportFormatEnum = enumOf(REPORT_FORMATS);
registerEnumType(ReportFormatEnum, {
  name: 'ReportFormat',
  description:
    'ODS (the open standard), XLSX, or CSV (for the pack, a zip of one CSV per sheet). Extracts are CSV or XLSX.',
});

export const ReportStatusEnum = enumOf(REPORT_STATUSES);
registerEnumType(ReportStatusEnum, {
  name: 'ReportStatus',
  description: 'QUEUED until the worker takes it, RUNNING, then DONE or FAILED.',
});

@ObjectType('Report', {
  description: 'A report of a programme’s year, built by the worker, with its progress.',
})
export class ReportModel {
  @Field(() => ID)
  id!: string;

  programmeId!: string;

  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Field()
  financialYear!: string;

  @Field(() => ReportFormatEnum)
  format!: ReportFormat;

  @Field(() => ReportStatusEnum)
  status!: ReportStatus;

  @Field(() => Int, { description: 'Percent done, 0 to 100.' })
  progress!: number;

  @Field(() => GraphQLISODateTime)
  requestedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The name to save it under; once DONE.' })
  fileName!: string | null;

  @Field(() => Float, { nullable: true, description: 'Its size in bytes; once DONE.' })
  byteSize!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed; null unless FAILED.' })
  error!: string | null;
}

@ObjectType()
export class ReportConnection extends Connection(ReportModel, 'Report') {}
