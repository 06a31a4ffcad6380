import { Field, InputType } from '@nestjs/graphql';
import type { Grade, InspectionKind, JudgementArea } from '@la-tracker/domain/inspections';
import { DateScalar } from '../graphql/date.scalar';
import { GradeEnum, InspectionTypeEnum, JudgementAreaEnum } from './inspection.model';

@InputType()
export class JudgementInput {
  @Field(() => JudgementAreaEnum)
  area!: JudgementArea;

  @Field(() => GradeEnum)
  grade!: Grade;
}

@InputType({
  description:
    'An inspection or visit recorded by hand, e.g. a focused visit with its areas for priority action.',
})
export class RecordInspectionInput {
  @Field({ description: 'ONS code, earlier ONS code or DfE code.' })
  localAuthorityCode!: string;

  @Field(() => InspectionTypeEnum)
  type!: InspectionKind;

  @Field(() => DateScalar)
  inspectedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  publishedOn?: string;

  @Field(() => [JudgementInput], {
    nullable: true,
    description: 'For a standard or short inspection.',
  })
  judgements?: JudgementInput[];

  @Field({ nullable: true })
  theme?: string;

  @Field(() => [String], { nullable: true, description: 'For a focused visit; needs letterDate.' })
  priorityActionAreas?: string[];

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The date of the visit letter: the APA clocks run from it.',
  })
  letterDate?: string;
}

@InputType({ description: 'Evidence of declining performance (SPEC §5.4 (c)).' })
export class RecordConcernInput {
  @Field()
  localAuthorityCode!: string;

  @Field({ description: 'The evidence, in your words.' })
  note!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Today in England when left out.' })
  recordedOn?: string;
}
