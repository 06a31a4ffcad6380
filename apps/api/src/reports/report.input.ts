import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import type { ReportFormat, ReportKind } from '@la-tracker/domain/reports';
import { ReportFormatEnum, ReportKindEnum } from './report.model';

@InputType()
export class RequestReportInput {
  @Field(() => ID)
  programmeId!: string;

  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Field({ description: 'A year the programme runs in, e.g. 2022-23.' })
  financialYear!: string;

  @Field(() => ReportFormatEnum)
  format!: ReportFormat;
}

@ArgsType()
export class ReportArgs {
  @Field(() => ID)
  id!: string;
}

@InputType()
export class ReportFilter {
  @Field(() => ID)
  programmeId!: string;
}

@ArgsType()
export class ReportsArgs {
  @Field(() => ReportFilter)
  filter!: ReportFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
