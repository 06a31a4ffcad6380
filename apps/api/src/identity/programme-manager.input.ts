import { Field, ID, InputType } from '@nestjs/graphql';

@InputType({ description: 'A person and a programme they are to manage.' })
export class AssignProgrammeManagerInput {
  @Field(() => ID)
  programmeId!: string;

  @Field(() => ID, { description: 'The person’s userId (see `me`).' })
  userId!: string;
}

@InputType({ description: 'A person and a programme they are to stop managing.' })
export class RevokeProgrammeManagerInput {
  @Field(() => ID)
  programmeId!: string;

  @Field(() => ID)
  userId!: string;
}
