import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import {
  DiagnosticsService,
  type Diagnostic,
  type DiagnosticFinding,
  type DiagnosticRecommendation,
  type DiagnosticsProgress,
  type PrincipleRatings,
} from '@la-tracker/domain/diagnostics';
import type { Engagement } from '@la-tracker/domain/engagements';
import type { Caller } from '@la-tracker/platform/auth';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { EngagementModel } from '../engagements/engagement.model';
import { toConnection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import type { GraphQLContext } from '../graphql/graphql-context';
import { MoneyScalar } from '../graphql/money.scalar';
import { LocalAuthorityModel } from '../local-authorities/local-authority.model';
import { assertMaySeeTerms } from '../programmes/contract.resolver';
import { ContractModel, SupplierModel } from '../programmes/supplier.model';
import {
  AddDiagnosticRecommendationInput,
  DiagnosticsArgs,
  PlanDiagnosticInput,
  RateDiagnosticPrincipleInput,
  UpdateDiagnosticRecommendationInput,
} from './diagnostic.input';
import {
  DiagnosticConnection,
  DiagnosticFindingModel,
  DiagnosticModel,
  DiagnosticRecommendationModel,
  DiagnosticsProgressModel,
  PrincipleRatingsModel,
} from './diagnostic.model';

@Resolver(() => DiagnosticModel)
export class DiagnosticsResolver {
  constructor(@Inject(DiagnosticsService) private readonly service: DiagnosticsService) {}

  @Query(() => DiagnosticConnection, {
    description:
      'Diagnostics the caller may see, the latest year first: managers their programmes’, suppliers their own, advisers those of LAs in their regions.',
  })
  async diagnostics(@CurrentCaller() caller: Caller, @Args() args: DiagnosticsArgs) {
    return toConnection(await this.service.list(caller, args.filter ?? {}, args));
  }

  @Query(() => DiagnosticModel)
  diagnostic(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(caller, id);
  }

  @Query(() => DiagnosticsProgressModel, {
    description:
      "A programme's diagnostics of a financial year (their engagements' year) against the diagnostic line's target.",
  })
  async diagnosticsProgress(
    @CurrentCaller() caller: Caller,
    @Args('programmeId', { type: () => ID }) programmeId: string,
    @Args('financialYear', { description: 'e.g. 2022-23.' }) financialYear: string,
  ): Promise<DiagnosticsProgress & { financialYear: string }> {
    return { financialYear, ...(await this.service.progress(caller, programmeId, financialYear)) };
  }

  @Query(() => [PrincipleRatingsModel], {
    description:
      'The national view: for each principle, how many LAs the year’s final reports rated red, amber and green, over the diagnostics the caller may see.',
  })
  diagnosticRatings(
    @CurrentCaller() caller: Caller,
    @Args('programmeId', { type: () => ID }) programmeId: string,
    @Args('financialYear', { description: 'e.g. 2022-23.' }) financialYear: string,
  ): Promise<PrincipleRatings[]> {
    return this.service.ratings(caller, programmeId, financialYear);
  }

  @Mutation(() => DiagnosticModel, {
    description:
      'Plan the diagnostic of an engagement of yours: PLANNED. An APPROVED engagement moves to IN_DELIVERY. One per LA per year: a second is CONFLICT.',
  })
  planDiagnostic(
    @CurrentCaller() caller: Caller,
    @Args('input') input: PlanDiagnosticInput,
  ): Promise<Diagnostic> {
    return this.service.plan(caller, input);
  }

  @Mutation(() => DiagnosticModel, { description: 'A PLANNED diagnostic starts fieldwork.' })
  startDiagnosticFieldwork(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('startedOn', {
      type: () => DateScalar,
      nullable: true,
      description: 'Not in the future; today when left out.',
    })
    startedOn?: string,
  ): Promise<Diagnostic> {
    return this.service.startFieldwork(caller, id, startedOn);
  }

  @Mutation(() => DiagnosticModel, {
    description: 'Hand in the draft report of a diagnostic in FIELDWORK: DRAFT_REPORT.',
  })
  submitDiagnosticDraftReport(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('submittedOn', {
      type: () => DateScalar,
      nullable: true,
      description: 'Not in the future nor before fieldwork began; today when left out.',
    })
    submittedOn?: string,
  ): Promise<Diagnostic> {
    return this.service.submitDraftReport(caller, id, submittedOn);
  }

  @Mutation(() => DiagnosticModel, {
    description:
      'Issue the final report of a diagnostic at DRAFT_REPORT with every principle rated: FINAL_REPORT, costed once at the contract’s rate, follow-up review due 6 months on.',
  })
  issueDiagnosticFinalReport(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('issuedOn', {
      type: () => DateScalar,
      nullable: true,
      description: 'Not in the future nor before the draft report; today when left out.',
    })
    issuedOn?: string,
  ): Promise<Diagnostic> {
    return this.service.issueFinalReport(caller, id, issuedOn);
  }

  @Mutation(() => DiagnosticModel, {
    description: 'Rate a principle, or rate it again, until the final report is issued.',
  })
  rateDiagnosticPrinciple(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RateDiagnosticPrincipleInput,
  ): Promise<Diagnostic> {
    return this.service.ratePrinciple(caller, input);
  }

  @Mutation(() => DiagnosticRecommendationModel, {
    description: 'Add a recommendation, until the final report is issued.',
  })
  addDiagnosticRecommendation(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AddDiagnosticRecommendationInput,
  ): Promise<DiagnosticRecommendation> {
    return this.service.addRecommendation(caller, input);
  }

  @Mutation(() => DiagnosticRecommendationModel, {
    description: 'Change a recommendation; after the final report, only its status.',
  })
  updateDiagnosticRecommendation(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateDiagnosticRecommendationInput,
  ): Promise<DiagnosticRecommendation> {
    return this.service.updateRecommendation(caller, input);
  }

  @ResolveField(() => EngagementModel)
  engagement(@Parent() diagnostic: Diagnostic, @Context() context: GraphQLContext) {
    return context.loaders.diagnostics.engagement.load(diagnostic.engagementId);
  }

  @ResolveField(() => LocalAuthorityModel)
  localAuthority(@Parent() diagnostic: Diagnostic, @Context() context: GraphQLContext) {
    return context.loaders.localAuthorities.byId.load(diagnostic.localAuthorityId);
  }

  @ResolveField(() => ContractModel)
  contract(@Parent() diagnostic: Diagnostic, @Context() context: GraphQLContext) {
    return context.loaders.programmes.contractById.load(diagnostic.contractId);
  }

  @ResolveField(() => SupplierModel)
  supplier(@Parent() diagnostic: Diagnostic, @Context() context: GraphQLContext) {
    return context.loaders.programmes.supplierById.load(diagnostic.supplierId);
  }

  @ResolveField(() => [DiagnosticFindingModel], {
    description: 'Its ratings so far, in the order of the Act’s principles.',
  })
  findings(
    @Parent() diagnostic: Diagnostic,
    @Context() context: GraphQLContext,
  ): Promise<DiagnosticFinding[]> {
    return context.loaders.diagnostics.findings.load(diagnostic.id);
  }

  @ResolveField(() => [DiagnosticRecommendationModel], { description: 'Soonest due first.' })
  recommendations(
    @Parent() diagnostic: Diagnostic,
    @Context() context: GraphQLContext,
  ): Promise<DiagnosticRecommendation[]> {
    return context.loaders.diagnostics.recommendations.load(diagnostic.id);
  }

  @ResolveField(() => MoneyScalar, {
    nullable: true,
    description:
      'Worked out once, at its final report, at the contract’s rate; null until then. For admins, the programme’s managers and the supplier.',
  })
  async cost(@Parent() diagnostic: Diagnostic, @Context() context: GraphQLContext) {
    await assertMaySeeTerms(context, diagnostic);
    return diagnostic.costPence;
  }

  @ResolveField(() => MoneyScalar, {
    nullable: true,
    description:
      'The rate it was costed at. For admins, the programme’s managers and the supplier.',
  })
  async rate(@Parent() diagnostic: Diagnostic, @Context() context: GraphQLContext) {
    await assertMaySeeTerms(context, diagnostic);
    return diagnostic.rateAmountPence;
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Why its final report cost nothing, when it did (a fixed-price or session rate, or none for the line).',
  })
  noChargeReason(@Parent() diagnostic: Diagnostic): string | null {
    return this.service.noChargeReason(diagnostic);
  }
}

/** `Engagement.diagnostic`: the diagnostic carried out under an engagement. */
@Resolver(() => EngagementModel)
export class EngagementDiagnosticResolver {
  @ResolveField(() => DiagnosticModel, {
    nullable: true,
    description: 'Its diagnostic, for a CORPORATE_PARENTING_DIAGNOSTIC engagement that has one.',
  })
  diagnostic(
    @Parent() engagement: Engagement,
    @Context() context: GraphQLContext,
  ): Promise<Diagnostic | null> {
    return context.loaders.diagnostics.ofEngagement.load(engagement.id);
  }
}
