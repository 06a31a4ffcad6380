import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ELIGIBILITY_BASES,
  type EligibilityBasis,
  type Grade,
  type JudgementArea,
} from '@la-tracker/domain/inspections';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import { DateScalar } from '../graphql/date.scalar';
import { enumOf } from '../graphql/enum-of';
import { LocalAuthorityModel } from '../local-authorities/local-authority.model';
import { ServiceLineEnum } from '../programmes/programme-enums';
import { GradeEnum, InspectionModel, JudgementAreaEnum } from './inspection.model';

export const EligibilityBasisEnum = enumOf(ELIGIBILITY_BASES);
registerEnumType(EligibilityBasisEnum, {
  name: 'EligibilityBasis',
  description: 'Why an LA is eligible for coaching and mentoring (SPEC §5.4).',
});

@ObjectType('Concern', {
  description: 'Evidence of declining performance a programme manager recorded.',
})
export class ConcernModel {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar)
  recordedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  withdrawnOn!: string | null;

  @Field()
  note!: string;
}

@ObjectType('JudgementDecline', {
  description: 'A judgement that fell between the last two graded inspections.',
})
export class JudgementDeclineModel {
  @Field(() => JudgementAreaEnum)
  area!: JudgementArea;

  @Field(() => GradeEnum)
  from!: Grade;

  @Field(() => GradeEnum)
  to!: Grade;
}

@ObjectType('EligibilityEvidence', { description: 'The records an answer rests on.' })
export class EligibilityEvidenceModel {
  @Field(() => [InspectionModel])
  inspections!: InspectionModel[];

  @Field(() => [ConcernModel])
  concerns!: ConcernModel[];
}

@ObjectType('Eligibility', {
  description: 'Whether an LA may receive a service line, as of a date, and why.',
})
export class EligibilityModel {
  @Field(() => LocalAuthorityModel)
  localAuthority!: LocalAuthorityModel;

  @Field(() => ServiceLineEnum)
  serviceLine!: ServiceLine;

  @Field(() => DateScalar)
  asOf!: string;

  @Field()
  eligible!: boolean;

  @Field(() => [EligibilityBasisEnum], {
    description: 'Empty when not eligible, or when the line is open to every LA.',
  })
  basis!: EligibilityBasis[];

  @Field(() => [JudgementDeclineModel])
  declines!: JudgementDeclineModel[];

  @Field(() => EligibilityEvidenceModel)
  evidence!: EligibilityEvidenceModel;
}
