import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ENGAGEMENT_STATUSES, type EngagementStatus } from '@la-tracker/domain/engagements';
import type { EligibilityBasis } from '@la-tracker/domain/inspections';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import { Connection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import { enumOf } from '../graphql/enum-of';
import { EligibilityBasisEnum } from '../inspections/eligibility.model';
import { ServiceLineEnum } from '../programmes/programme-enums';

export const EngagementStatusEnum = enumOf(ENGAGEMENT_STATUSES);
registerEnumType(EngagementStatusEnum, {
  name: 'EngagementStatus',
  description:
    'REFERRED → APPROVED → IN_DELIVERY → COMPLETED, or DECLINED (from REFERRED) or WITHDRAWN (from APPROVED or IN_DELIVERY).',
});

@ObjectType('EngagementEligibility', {
  description: 'The eligibility answer an approval rested on, as it stood on the day.',
})
export class EngagementEligibilityModel {
  @Field(() => DateScalar)
  asOf!: string;

  @Field()
  eligible!: boolean;

  @Field(() => [EligibilityBasisEnum])
  basis!: EligibilityBasis[];

  @Field(() => [ID], { description: 'The inspections and visits it rested on.' })
  inspectionIds!: string[];

  @Field(() => [ID], { description: 'The recorded concerns it rested on.' })
  concernIds!: string[];
}

@ObjectType('Engagement', {
  description:
    'One local authority receiving one service line of a programme, for a financial year.',
})
export class EngagementModel {
  @Field(() => ID)
  id!: string;

  @Field(() => EngagementStatusEnum)
  status!: EngagementStatus;

  @Field(() => ServiceLineEnum)
  serviceLine!: ServiceLine;

  @Field({
    description: 'The year it was referred for (e.g. 2022-23): caps and targets count it there.',
  })
  financialYear!: string;

  @Field()
  referralReason!: string;

  @Field(() => DateScalar)
  referredOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was approved or declined.' })
  decidedOn!: string | null;

  @Field(() => String, { nullable: true })
  declineReason!: string | null;

  @Field(() => DateScalar, { nullable: true })
  startedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  completedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  withdrawnOn!: string | null;

  @Field(() => String, { nullable: true })
  withdrawalReason!: string | null;

  programmeId!: string;
  localAuthorityId!: string;
  contractId!: string | null;
}

@ObjectType()
export class EngagementConnection extends Connection(EngagementModel, 'Engagement') {}
