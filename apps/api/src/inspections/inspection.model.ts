import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  GRADES,
  INSPECTION_KINDS,
  JUDGEMENT_AREAS,
  type Grade,
  type InspectionEvent,
  type InspectionKind,
  type JudgementArea,
} from '@la-tracker/domain/inspections';
import { Connection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';
import { enumOf } from '../graphql/enum-of';

export const InspectionTypeEnum = enumOf(INSPECTION_KINDS);
export const GradeEnum = enumOf(GRADES);
export const JudgementAreaEnum = enumOf(JUDGEMENT_AREAS);
registerEnumType(InspectionTypeEnum, {
  name: 'InspectionType',
  description: 'Ofsted’s kinds of event under ILACS; a JTAI is ungraded.',
});
registerEnumType(GradeEnum, { name: 'Grade' });
registerEnumType(JudgementAreaEnum, {
  name: 'JudgementArea',
  description:
    'Before 1 January 2023, CHILDREN_IN_CARE is the single judgement on children in care and care leavers.',
});

@ObjectType('Judgement', {
  description: 'One graded judgement, under the framework it was given in.',
})
export class JudgementModel {
  @Field({ description: 'e.g. ILACS_2018, ILACS_2023, ILACS_2026.' })
  framework!: string;

  @Field(() => JudgementAreaEnum)
  area!: JudgementArea;

  @Field(() => GradeEnum)
  grade!: Grade;
}

@ObjectType('Inspection', { description: 'An Ofsted inspection or visit of an LA, as published.' })
export class InspectionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => InspectionTypeEnum)
  type!: InspectionKind;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'When it took place; null where a publication gives only its publication date.',
  })
  inspectedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn!: string | null;

  @Field(() => [JudgementModel])
  judgements!: JudgementModel[];

  @Field(() => GradeEnum, { nullable: true })
  overallEffectiveness!: Grade | null;

  @Field(() => GradeEnum, { nullable: true })
  impactOfLeaders!: Grade | null;

  @Field(() => GradeEnum, { nullable: true })
  helpAndProtection!: Grade | null;

  @Field(() => GradeEnum, {
    nullable: true,
    description: 'Before 2023: children in care and care leavers, one judgement.',
  })
  childrenInCare!: Grade | null;

  @Field(() => GradeEnum, {
    nullable: true,
    description: 'Judged on its own since 1 January 2023.',
  })
  careLeavers!: Grade | null;

  @Field(() => String, { nullable: true, description: 'For a visit: what it looked at.' })
  theme!: string | null;

  @Field(() => [String], {
    description: 'For a focused visit: the areas for priority action it raised.',
  })
  priorityActionAreas!: string[];

  @Field(() => DateScalar, { nullable: true, description: 'The date of the visit letter.' })
  letterDate!: string | null;
}

@ObjectType()
export class InspectionConnection extends Connection(InspectionModel, 'Inspection') {}

/** What the schema shows of an event: its judgements, and the five named grades over them. */
export function toInspectionModel(event: InspectionEvent): InspectionModel {
  const grade = (area: JudgementArea) =>
    event.judgements.find((judgement) => judgement.area === area)?.grade ?? null;
  return {
    id: event.id,
    type: event.kind,
    inspectedOn: event.inspectedOn,
    publishedOn: event.publishedOn,
    judgements: event.judgements,
    overallEffectiveness: grade('OVERALL_EFFECTIVENESS'),
    impactOfLeaders: grade('IMPACT_OF_LEADERS'),
    helpAndProtection: grade('HELP_AND_PROTECTION'),
    childrenInCare: grade('CHILDREN_IN_CARE'),
    careLeavers: grade('CARE_LEAVERS'),
    theme: event.theme,
    priorityActionAreas: event.priorityActionAreas,
    letterDate: event.letterDate,
  };
}
