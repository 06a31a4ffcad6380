import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  CORPORATE_PARENTING_PRINCIPLES,
  DIAGNOSTIC_STATUSES,
  IMPROVEMENT_ENABLERS,
  PRINCIPLE_WORDING,
  RAG_RATINGS,
  RECOMMENDATION_OWNER_ROLES,
  RECOMMENDATION_STATUSES,
  type CorporateParentingPrinciple,
  type DiagnosticStatus,
  type ImprovementEnabler,
  type RagRating,
  type RecommendationOwnerRole,
  type RecommendationStatus,
} from '@la-tracker/domain/diagnostics';
import type { RateUnit } from '@la-tracker/domain/programmes';
import { Connection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import { enumOf } from '../graphql/enum-of';
import { RateUnitEnum } from '../programmes/programme-enums';

export const DiagnosticStatusEnum = enumOf(DIAGNOSTIC_STATUSES);
registerEnumType(DiagnosticStatusEnum, {
  name: 'DiagnosticStatus',
  description: 'PLANNED → FIELDWORK → DRAFT_REPORT → FINAL_REPORT, one step at a time.',
});

export const CorporateParentingPrincipleEnum = enumOf(CORPORATE_PARENTING_PRINCIPLES);
registerEnumType(CorporateParentingPrincipleEnum, {
  name: 'CorporateParentingPrinciple',
  description:
    'The corporate parenting principles of the Children and Social Work Act 2017, s1(1): the need a local authority must have regard to for the children in its care and its care leavers.',
  valuesMap: Object.fromEntries(
    CORPORATE_PARENTING_PRINCIPLES.map((principle) => [
      principle,
      { description: PRINCIPLE_WORDING[principle] },
    ]),
  ),
});

export const RagRatingEnum = enumOf(RAG_RATINGS);
registerEnumType(RagRatingEnum, { name: 'RagRating', description: 'Red, amber or green.' });

export const ImprovementEnablerEnum = enumOf(IMPROVEMENT_ENABLERS);
registerEnumType(ImprovementEnablerEnum, {
  name: 'ImprovementEnabler',
  description: 'What a recommendation strengthens.',
});

export const RecommendationStatusEnum = enumOf(RECOMMENDATION_STATUSES);
registerEnumType(RecommendationStatusEnum, { name: 'RecommendationStatus' });

export const RecommendationOwnerRoleEnum = enumOf(RECOMMENDATION_OWNER_ROLES);
registerEnumType(RecommendationOwnerRoleEnum, {
  name: 'RecommendationOwnerRole',
  description: 'Who in the LA owns a recommendation: a role, never a named person.',
});

@ObjectType('DiagnosticFinding', {
  description: 'A red, amber or green rating, with commentary, against one principle.',
})
export class DiagnosticFindingModel {
  @Field(() => CorporateParentingPrincipleEnum)
  principle!: CorporateParentingPrinciple;

  @Field(() => RagRatingEnum)
  rating!: RagRating;

  @Field()
  commentary!: string;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType('DiagnosticRecommendation')
export class DiagnosticRecommendationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  diagnosticId!: string;

  @Field()
  text!: string;

  @Field(() => RecommendationOwnerRoleEnum)
  ownerRole!: RecommendationOwnerRole;

  @Field(() => DateScalar)
  dueOn!: string;

  @Field(() => ImprovementEnablerEnum)
  enabler!: ImprovementEnabler;

  @Field(() => RecommendationStatusEnum)
  status!: RecommendationStatus;
}

@ObjectType('Diagnostic', {
  description:
    "A full diagnostic of an LA's corporate parenting arrangements (lot 4): one per LA per financial year.",
})
export class DiagnosticModel {
  @Field(() => ID)
  id!: string;

  @Field(() => DiagnosticStatusEnum)
  status!: DiagnosticStatus;

  @Field({
    description:
      "Its engagement's year, e.g. 2022-23: the one diagnostic an LA has in it, and the year's target, count there.",
  })
  financialYear!: string;

  @Field(() => DateScalar, { description: 'The day fieldwork is planned to begin.' })
  plannedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  fieldworkStartedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  draftReportOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  finalReportOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The follow-up review is due 6 months after the final report.',
  })
  followUpDueOn!: string | null;

  @Field(() => RateUnitEnum, {
    nullable: true,
    description:
      'The unit of the rate it was costed at; null until its final report, or when the contract had no rate for the line.',
  })
  rateUnit!: RateUnit | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day it was costed: its final report.',
  })
  costedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The year its cost counts in: that of its final report.',
  })
  costFinancialYear!: string | null;

  costPence!: number | null;
  rateAmountPence!: number | null;
  programmeId!: string;
  engagementId!: string;
  localAuthorityId!: string;
  supplierId!: string;
  contractId!: string;
}

@ObjectType()
export class DiagnosticConnection extends Connection(DiagnosticModel, 'Diagnostic') {}

@ObjectType('DiagnosticsProgress', {
  description:
    "A programme's diagnostics of a financial year against the diagnostic line's target, counting those the caller may see.",
})
export class DiagnosticsProgressModel {
  @Field()
  financialYear!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The target in force today for the year; null when none is set.',
  })
  target!: number | null;

  @Field(() => Int)
  planned!: number;

  @Field(() => Int, { description: 'In fieldwork or at draft report.' })
  inProgress!: number;

  @Field(() => Int)
  finalReports!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Final reports still to reach the target; null without one.',
  })
  remaining!: number | null;
}

@ObjectType('PrincipleRatings', {
  description:
    'How many LAs a year’s final reports rated red, amber and green against a principle.',
})
export class PrincipleRatingsModel {
  @Field(() => CorporateParentingPrincipleEnum)
  principle!: CorporateParentingPrinciple;

  @Field(() => Int)
  red!: number;

  @Field(() => Int)
  amber!: number;

  @Field(() => Int)
  green!: number;
}
