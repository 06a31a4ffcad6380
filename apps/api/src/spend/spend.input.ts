import { Field, ID, InputType } from '@nestjs/graphql';
import type { ServiceLine } from '@la-tracker/domain/programmes';
import { ServiceLineEnum } from '../programmes/programme-enums';

@InputType({ description: 'One programme’s spend, narrowed by any of the other fields.' })
export class SpendFilter {
  @Field(() => ID)
  programmeId!: string;

  @Field({
    nullable: true,
    description:
      'Spend in this year (of the session’s date), e.g. 2022-23; every year when left out.',
  })
  financialYear?: string;

  @Field(() => ID, { nullable: true, description: 'Spend under this supplier’s contracts.' })
  supplierId?: string;

  @Field(() => ServiceLineEnum, { nullable: true })
  serviceLine?: ServiceLine;

  @Field({ nullable: true, description: 'Spend on LAs of this region (ONS code, e.g. E12000001).' })
  regionCode?: string;

  @Field({
    nullable: true,
    description: 'Spend on one LA: ONS code, earlier ONS code or DfE code.',
  })
  localAuthorityCode?: string;
}
