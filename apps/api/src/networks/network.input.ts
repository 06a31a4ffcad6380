import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../graphql/date.scalar';

@InputType({ description: 'A meeting held: its date, topics and the LAs that attended.' })
export class RecordNetworkMeetingInput {
  @Field(() => ID)
  networkId!: string;

  @Field(() => DateScalar, { description: 'Not in the future.' })
  heldOn!: string;

  @Field(() => [String], { description: '1 to 20 topics.' })
  topics!: string[];

  @Field(() => [String], {
    description:
      "ONS, earlier ONS or DfE codes of the LAs that attended: LAs of the network's region existing on the date.",
  })
  attendingLocalAuthorityCodes!: string[];
}

@InputType()
export class NetworkMeetingFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string;

  @Field(() => ID, { nullable: true })
  networkId?: string;

  @Field({ nullable: true })
  regionCode?: string;

  @Field({ nullable: true, description: 'Meetings held in this year, e.g. 2022-23.' })
  financialYear?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Meetings on or after this day.' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Meetings on or before this day.' })
  to?: string;
}

@ArgsType()
export class NetworkMeetingsArgs {
  @Field(() => NetworkMeetingFilter, { nullable: true })
  filter?: NetworkMeetingFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
