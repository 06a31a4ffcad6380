import { TargetBasisEnum } from '../programmes/programme-enums';
import type { TargetBasis } from '@la-tracker/domain/programmes';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { DashboardItem } from '@la-tracker/domain/dashboard';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import { DateScalar } from '../graphql/date.scalar';
import { enumOf } from '../graphql/enum-of';
import { MoneyScalar } from '../graphql/money.scalar';
import { EligibilityModel } from '../inspections/eligibility.model';
import { NetworkCoverageModel } from '../networks/network.model';
import { ServiceLineEnum } from '../programmes/programme-enums';
import { SpendReportModel } from '../spend/spend.model';

export const DashboardItemKindEnum = enumOf([
  'SESSION_REPORT',
  'APA_ACTION_PLAN',
  'MONTHLY_RETURN',
  'DIAGNOSTIC_FOLLOW_UP',
] as const satisfies ReadonlyArray<DashboardItem['kind']>);
registerEnumType(DashboardItemKindEnum, {
  name: 'DashboardItemKind',
  description:
    'What a dashboard item owes: a session report, an APA action plan, a monthly return or a diagnostic follow-up review.',
});

@ObjectType('DashboardForecast', {
  description:
    'The year’s delivery so far carried to the year’s end at the same daily rate (delivered ÷ days elapsed × days in the year, to the nearest whole number). A finished year’s forecast is what was delivered; a year not yet begun has none (null).',
})
export class DashboardForecastModel {
  @Field(() => Int, { nullable: true })
  sessionsApproved!: number | null;

  @Field(() => Int, { nullable: true })
  approvedMinutes!: number | null;

  @Field(() => Int, { nullable: true })
  finalReports!: number | null;
}

@ObjectType('DashboardServiceLine', {
  description: 'One service line’s year: its target and cap, delivery, reach and spend.',
})
export class DashboardServiceLineModel {
  @Field(() => ServiceLineEnum, { description: 'Its code.' })
  serviceLine!: ServiceLine;

  @Field({ description: 'Its name in the programme.' })
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The target for the year in force today; null when none is set.',
  })
  target!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The cap on engagements for the year in force today; null when none is set.',
  })
  cap!: number | null;

  @Field(() => Int, {
    description: 'LAs with an approved, in-delivery or completed engagement of the year.',
  })
  localAuthoritiesReached!: number;

  @Field(() => TargetBasisEnum, {
    description:
      'What the target counts: a number set by hand, every active LA, every region, or nothing.',
  })
  targetBasis!: TargetBasis;

  @Field(() => Int, {
    description:
      'Regions reached: those of the LAs reached; for Lead Member networks, regions whose network met with an LA attending in the year.',
  })
  regionsReached!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Reached ÷ target (1 is the target met): regions for a line whose target is every region, else LAs; null without a target.',
  })
  shareOfTarget!: number | null;

  @Field(() => Int, { description: 'Approved sessions dated in the year.' })
  sessionsApproved!: number;

  @Field(() => Int, { description: 'Submitted sessions dated in the year, awaiting approval.' })
  sessionsAwaitingApproval!: number;

  @Field(() => Int, { description: 'Sessions planned for a day in the year, not yet recorded.' })
  sessionsPlanned!: number;

  @Field(() => Int, {
    description:
      'Sessions dated in the year recorded but not submitted: drafts and those sent back.',
  })
  sessionsInDraft!: number;

  @Field(() => Int, {
    description: 'Minutes delivered in the approved sessions dated in the year.',
  })
  approvedMinutes!: number;

  @Field(() => Int, { description: 'Diagnostics whose final report is dated in the year.' })
  finalReports!: number;

  @Field(() => MoneyScalar, {
    name: 'spent',
    description: 'Spend in the year (approved sessions and final reports dated in it).',
  })
  spentPence!: number;

  @Field(() => DashboardForecastModel)
  forecast!: DashboardForecastModel;
}

@ObjectType('DashboardRegion', {
  description: 'A region’s reach in the year, and its Lead Member network’s coverage.',
})
export class DashboardRegionModel {
  regionCode!: string;

  @Field(() => Int, { description: 'Its LAs that existed on any day of the year.' })
  activeLocalAuthorities!: number;

  @Field(() => Int, {
    description:
      'Of those, LAs with an approved, in-delivery or completed engagement of the year (any service line).',
  })
  reachedLocalAuthorities!: number;

  @Field(() => Float, { description: 'reachedLocalAuthorities ÷ activeLocalAuthorities, 0 to 1.' })
  reachShare!: number;

  @Field(() => NetworkCoverageModel, {
    nullable: true,
    description:
      'The share of its LAs that attended its network at least once in the year (SPEC §5.8); null where the programme has no network there.',
  })
  networkCoverage!: NetworkCoverageModel | null;
}

@ObjectType('DashboardItem', { description: 'Something overdue or coming due, ready to show.' })
export class DashboardItemModel {
  @Field(() => DashboardItemKindEnum)
  kind!: DashboardItem['kind'];

  @Field({ description: 'What is owed, e.g. "Session report" or "Draft action plan".' })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The LAs it concerns, by name, separated by semicolons.',
  })
  localAuthorities!: string | null;

  @Field(() => ServiceLineEnum, { nullable: true })
  serviceLine!: ServiceLine | null;

  @Field(() => String, { nullable: true, description: 'The supplier that owes it, by name.' })
  supplier!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The contract it falls under, by reference.',
  })
  contract!: string | null;

  @Field(() => DateScalar, {
    description:
      'The day it follows from: the session’s date, the visit’s letter, the month’s last day or the final report.',
  })
  date!: string;

  @Field(() => DateScalar)
  dueBy!: string;

  @Field(() => ID, { nullable: true, description: 'For a session report: the session.' })
  sessionId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "For a diagnostic's follow-up review: the diagnostic's engagement.",
  })
  engagementId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The supplier who owes it, where one does.' })
  supplierId!: string | null;

  @Field(() => [String], {
    description: 'ONS codes of the LAs it concerns, in the order `localAuthorities` names them.',
  })
  localAuthorityCodes!: string[];
}

@ObjectType('DashboardItems', {
  description:
    'How many there are, and the first five: the longest overdue (or soonest due) first.',
})
export class DashboardItemsModel {
  @Field(() => Int)
  count!: number;

  @Field(() => [DashboardItemModel])
  items!: DashboardItemModel[];
}

@ObjectType('DashboardOverdue', { description: 'What is owed, as things stand today.' })
export class DashboardOverdueModel {
  @Field(() => DashboardItemsModel, {
    description:
      'Session reports not submitted within 5 working days of the session’s date, of any year (late work does not drop out on 1 April).',
  })
  sessionReports!: DashboardItemsModel;

  @Field(() => DashboardItemsModel, {
    description:
      'Action plans for areas for priority action (draft at 20, final at 70 working days after the visit’s letter) coming due within 5 working days, as the managers are reminded of them.',
  })
  apaActionPlans!: DashboardItemsModel;

  @Field(() => DashboardItemsModel, {
    description:
      'Months of the year for which a supplier under contract has made no return, past the 5th working day of the month after.',
  })
  monthlyReturns!: DashboardItemsModel;

  @Field(() => DashboardItemsModel, {
    description:
      'Diagnostics, of any year, whose follow-up review (6 months after the final report) has come due.',
  })
  diagnosticFollowUps!: DashboardItemsModel;
}

@ObjectType('ProgrammeDashboard', {
  description:
    'A programme’s financial year at a glance: per service line target, cap, delivery, reach and forecast; spend against contract values and the budget; reach and network coverage by region; what is overdue; and the LAs eligible for coaching and mentoring not yet engaged for it.',
})
export class ProgrammeDashboardModel {
  @Field(() => ID)
  programmeId!: string;

  @Field({ description: 'e.g. 2022-23.' })
  financialYear!: string;

  @Field(() => DateScalar, {
    description: 'Today in England: overdue items are judged on it and forecasts run to it.',
  })
  asOf!: string;

  @Field(() => [DashboardServiceLineModel], {
    description: 'Every service line of the programme, in lot order.',
  })
  serviceLines!: DashboardServiceLineModel[];

  @Field(() => SpendReportModel, { description: 'The year’s spend, as `spend` reports it.' })
  spend!: SpendReportModel;

  @Field(() => [DashboardRegionModel], { description: 'The 9 regions, by code.' })
  regions!: DashboardRegionModel[];

  @Field(() => DashboardOverdueModel)
  overdue!: DashboardOverdueModel;

  @Field(() => DateScalar, {
    description:
      'The day the watchlist’s eligibility is judged on: the year’s last day, or today while the year runs.',
  })
  watchlistAsOf!: string;

  @Field(() => [EligibilityModel], {
    description:
      'LAs eligible for coaching and mentoring on watchlistAsOf with no coaching and mentoring engagement (other than declined or withdrawn) in the programme that year, by LA name.',
  })
  watchlist!: EligibilityModel[];
}
