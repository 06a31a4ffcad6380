import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import type {
  CorporateParentingPrinciple,
  DiagnosticStatus,
  ImprovementEnabler,
  RagRating,
  RecommendationOwnerRole,
  RecommendationStatus,
} from '@la-tracker/domain/diagnostics';
import { DateScalar } from '../graphql/date.scalar';
import {
  CorporateParentingPrincipleEnum,
  DiagnosticStatusEnum,
  ImprovementEnablerEnum,
  RagRatingEnum,
  RecommendationOwnerRoleEnum,
  RecommendationStatusEnum,
} from './diagnostic.model';

@InputType({ description: 'A diagnostic to carry out on an engagement of yours: PLANNED.' })
export class PlanDiagnosticInput {
  @Field(() => ID, {
    description:
      'A CORPORATE_PARENTING_DIAGNOSTIC engagement under a contract of yours, APPROVED or IN_DELIVERY.',
  })
  engagementId!: string;

  @Field(() => DateScalar, {
    description: 'The day fieldwork is planned to begin; any day within the contract.',
  })
  plannedOn!: string;
}

@InputType({ description: 'A rating against one principle; rating it again replaces it.' })
export class RateDiagnosticPrincipleInput {
  @Field(() => ID)
  diagnosticId!: string;

  @Field(() => CorporateParentingPrincipleEnum)
  principle!: CorporateParentingPrinciple;

  @Field(() => RagRatingEnum)
  rating!: RagRating;

  @Field({ description: '1 to 4000 characters.' })
  commentary!: string;
}

@InputType()
export class AddDiagnosticRecommendationInput {
  @Field(() => ID)
  diagnosticId!: string;

  @Field({ description: '1 to 2000 characters.' })
  text!: string;

  @Field(() => RecommendationOwnerRoleEnum)
  ownerRole!: RecommendationOwnerRole;

  @Field(() => DateScalar)
  dueOn!: string;

  @Field(() => ImprovementEnablerEnum)
  enabler!: ImprovementEnabler;

  @Field(() => RecommendationStatusEnum, { nullable: true, description: 'OPEN when left out.' })
  status?: RecommendationStatus;
}

@InputType({
  description:
    'A change to a recommendation: what is left out stays as it is. After the final report only its status moves.',
})
export class UpdateDiagnosticRecommendationInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  text?: string;

  @Field(() => RecommendationOwnerRoleEnum, { nullable: true })
  ownerRole?: RecommendationOwnerRole;

  @Field(() => DateScalar, { nullable: true })
  dueOn?: string;

  @Field(() => ImprovementEnablerEnum, { nullable: true })
  enabler?: ImprovementEnabler;

  @Field(() => RecommendationStatusEnum, { nullable: true })
  status?: RecommendationStatus;
}

@InputType()
export class DiagnosticFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string;

  @Field({ nullable: true, description: "Its engagement's year, e.g. 2022-23." })
  financialYear?: string;

  @Field({ nullable: true, description: 'The region of its LA (ONS code, e.g. E12000001).' })
  regionCode?: string;

  @Field({ nullable: true, description: 'Its LA: ONS code, earlier ONS code or DfE code.' })
  localAuthorityCode?: string;

  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field(() => [DiagnosticStatusEnum], { nullable: true, description: 'Any of these states.' })
  status?: DiagnosticStatus[];
}

@ArgsType()
export class DiagnosticsArgs {
  @Field(() => DiagnosticFilter, { nullable: true })
  filter?: DiagnosticFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
