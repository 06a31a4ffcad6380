import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../graphql/date.scalar';

@InputType()
export class LocalAuthorityFilter {
  @Field({ nullable: true, description: 'Only LAs in this region (ONS code, e.g. E12000001).' })
  regionCode?: string;

  @Field({
    nullable: true,
    description: 'Part of a name, a known other name, an ONS code or a DfE code.',
  })
  search?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Only LAs that existed on this date; today in England when left out.',
  })
  activeOn?: string;
}

@ArgsType()
export class LocalAuthoritiesArgs {
  @Field(() => LocalAuthorityFilter, { nullable: true })
  filter?: LocalAuthorityFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}

@ArgsType()
export class LocalAuthorityArgs {
  @Field({ description: 'Current ONS code, an earlier ONS code, or DfE code.' })
  code!: string;
}
