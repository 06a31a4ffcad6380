import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import type { EngagementStatus } from '@la-tracker/domain/engagements';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import { DateScalar } from '../graphql/date.scalar';
import { ServiceLineEnum } from '../programmes/programme-enums';
import { EngagementStatusEnum } from './engagement.model';

@InputType()
export class ReferLocalAuthorityInput {
  @Field(() => ID)
  programmeId!: string;

  @Field(() => ServiceLineEnum)
  serviceLine!: ServiceLine;

  @Field({ description: 'ONS code, earlier ONS code or DfE code.' })
  localAuthorityCode!: string;

  @Field({ description: 'The financial year the support is for, e.g. 2022-23.' })
  financialYear!: string;

  @Field({ description: 'Why the LA is referred.' })
  reason!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'When it was referred, if before today (records entered after the event).',
  })
  referredOn?: string;
}

@InputType()
export class ApproveEngagementInput {
  @Field(() => ID)
  engagementId!: string;

  @Field(() => ID, {
    description: 'The contract to deliver it under: it must cover the service line in that year.',
  })
  contractId!: string;

  @Field({
    nullable: true,
    description: 'Needed to approve an LA that is not eligible for the service line.',
  })
  overrideReason?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'When it was decided, if before today; eligibility and caps are judged then.',
  })
  decidedOn?: string;
}

@InputType()
export class EngagementFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string;

  @Field(() => ServiceLineEnum, { nullable: true })
  serviceLine?: ServiceLine;

  @Field(() => [EngagementStatusEnum], { nullable: true, description: 'Any of these states.' })
  status?: EngagementStatus[];

  @Field({ nullable: true, description: "The LA's region (ONS code, e.g. E12000001)." })
  regionCode?: string;

  @Field({ nullable: true, description: 'ONS code, earlier ONS code or DfE code.' })
  localAuthorityCode?: string;

  @Field(() => ID, { nullable: true, description: "The supplier of the engagement's contract." })
  supplierId?: string;

  @Field({ nullable: true, description: 'e.g. 2022-23' })
  financialYear?: string;
}

@ArgsType()
export class EngagementsArgs {
  @Field(() => EngagementFilter, { nullable: true })
  filter?: EngagementFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
