import { ArgsType, Field, ID, Int } from '@nestjs/graphql';

@ArgsType()
export class InspectionImportArgs {
  @Field(() => ID)
  id!: string;
}

@ArgsType()
export class InspectionImportsArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
