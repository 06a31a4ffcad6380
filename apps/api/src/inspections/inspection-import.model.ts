import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  INSPECTION_IMPORT_STATUSES,
  type InspectionImportRequest,
  type InspectionImportStatus,
  type InspectionImportSummary,
} from '@la-tracker/domain/inspections';
import { Connection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import { enumOf } from '../graphql/enum-of';

export const InspectionImportStatusEnum = enumOf(INSPECTION_IMPORT_STATUSES);
registerEnumType(InspectionImportStatusEnum, {
  name: 'InspectionImportStatus',
  description: 'QUEUED until the worker takes it, RUNNING, then DONE or FAILED.',
});

@ObjectType('RowNotPlaced', {
  description: 'A row of the file the import could not place on an LA.',
})
export class RowNotPlacedModel {
  @Field()
  sheet!: string;

  @Field(() => Int)
  row!: number;

  @Field({ description: 'The LA as the file names it.' })
  laName!: string;

  @Field()
  reason!: string;
}

@ObjectType('InspectionImportSummary', {
  description: 'What an import changed (on a dry run: would have changed), in events.',
})
export class InspectionImportSummaryModel {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The latest date the file mentions: how recent its edition is.',
  })
  asAt!: string | null;

  @Field(() => Int, { description: 'Rows of inspections the file holds.' })
  rows!: number;

  @Field(() => Int, { description: 'Of those, the rows placed on an LA.' })
  rowsPlaced!: number;

  @Field(() => Int, { description: 'Events new to the product.' })
  added!: number;

  @Field(() => Int, { description: 'Known events the file told more about.' })
  enriched!: number;

  @Field(() => Int, { description: 'Known events the file corrected (a newer edition wins).' })
  corrected!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int, {
    description: 'Events whose values from a newer edition were kept over what this file says.',
  })
  keptNewer!: number;

  @Field(() => [RowNotPlacedModel])
  rowsNotPlaced!: RowNotPlacedModel[];

  @Field(() => [String], { description: 'What the import noticed but could still import.' })
  problems!: string[];
}

@ObjectType('InspectionImport', {
  description: 'An import of an Ofsted file run by the worker, with its progress and outcome.',
})
export class InspectionImportModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'As it was handed in.' })
  fileName!: string;

  @Field({ description: 'Whether it only says what it would change.' })
  dryRun!: boolean;

  @Field(() => InspectionImportStatusEnum)
  status!: InspectionImportStatus;

  @Field(() => Int, { description: 'Percent done, 0 to 100.' })
  progress!: number;

  @Field(() => String, { nullable: true, description: 'What it was doing when it last moved on.' })
  progressMessage!: string | null;

  @Field(() => GraphQLISODateTime)
  requestedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it failed; null unless FAILED.' })
  error!: string | null;

  @Field(() => InspectionImportSummaryModel, {
    nullable: true,
    description: 'Null until DONE.',
  })
  summary!: InspectionImportSummaryModel | null;
}

@ObjectType()
export class InspectionImportConnection extends Connection(
  InspectionImportModel,
  'InspectionImport',
) {}

function toSummaryModel(summary: InspectionImportSummary): InspectionImportSummaryModel {
  return {
    asAt: summary.asAt,
    rows: summary.rows,
    rowsPlaced: summary.rowsPlaced,
    added: summary.added.length,
    enriched: summary.enriched.length,
    corrected: summary.corrected.length,
    unchanged: summary.unchanged,
    keptNewer: summary.keptNewer.length,
    rowsNotPlaced: summary.notPlaced,
    problems: summary.problems,
  };
}

export function toInspectionImportModel(request: InspectionImportRequest): InspectionImportModel {
  return {
    id: request.id,
    fileName: request.fileName,
    dryRun: request.dryRun,
    status: request.status,
    progress: request.progress,
    progressMessage: request.progressMessage,
    requestedAt: request.requestedAt,
    startedAt: request.startedAt,
    finishedAt: request.finishedAt,
    error: request.error,
    summary: request.summary ? toSummaryModel(request.summary) : null,
  };
}
