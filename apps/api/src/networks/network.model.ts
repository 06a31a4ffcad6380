import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection.model';
import { DateScalar } from '../graphql/date.scalar';

@ObjectType('LeadMemberNetwork', {
  description:
    "A regional Lead Member network of a programme (lot 3), linked with the region's improvement alliance.",
})
export class LeadMemberNetworkModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => ID)
  programmeId!: string;

  regionCode!: string;
}

@ObjectType('NetworkMeeting', { description: 'A meeting of a Lead Member network.' })
export class NetworkMeetingModel {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar)
  heldOn!: string;

  @Field({ description: 'The financial year of its date, which coverage counts it in.' })
  financialYear!: string;

  @Field(() => [String])
  topics!: string[];

  @Field(() => GraphQLISODateTime)
  recordedAt!: Date;

  networkId!: string;
  supplierId!: string | null;
  contractId!: string | null;
}

@ObjectType()
export class NetworkMeetingConnection extends Connection(NetworkMeetingModel, 'NetworkMeeting') {}

@ObjectType('NetworkCoverage', {
  description:
    "A region's coverage in a financial year (SPEC §5.8): of its LAs that existed on any day of the year, those that attended its network at least once.",
})
export class NetworkCoverageModel {
  @Field(() => Int)
  attendedCount!: number;

  @Field(() => Int)
  activeCount!: number;

  @Field(() => Float, { description: 'attendedCount ÷ activeCount, 0 to 1.' })
  share!: number;

  regionCode!: string;
}
