import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ProgrammeManagerAssignment', {
  description: 'Whether a person manages a programme, after a change.',
})
export class ProgrammeManagerAssignmentModel {
  @Field(() => ID)
  programmeId!: string;

  @Field(() => ID)
  userId!: string;

  @Field()
  assigned!: boolean;
}
