import {
  ArgsType,
  Field,
  GraphQLISODateTime,
  ID,
  InputType,
  Int,
  ObjectType,
} from '@nestjs/graphql';
import { Connection } from '../graphql/connection.model';

@ObjectType('AuditChange', { description: 'One field an audited change touched.' })
export class AuditChangeModel {
  @Field()
  field!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The value before, as JSON (null when the record was new).',
  })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, as JSON.' })
  after!: string | null;
}

@ObjectType('AuditEvent', {
  description:
    'One change, as it happened. People appear by id only; personal values are never kept.',
})
export class AuditEventModel {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => ID, { nullable: true, description: 'Who made it; null for the system.' })
  actorUserId!: string | null;

  @Field({ description: 'What was done, e.g. engagement.approve.' })
  action!: string;

  @Field()
  entityType!: string;

  @Field()
  entityId!: string;

  @Field(() => ID, { nullable: true })
  programmeId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The request that made it, to find its logs.',
  })
  requestId!: string | null;

  @Field(() => [AuditChangeModel])
  changes!: AuditChangeModel[];
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEventModel, 'AuditEvent') {}

@InputType()
export class AuditEventFilter {
  @Field(() => ID, { nullable: true })
  programmeId?: string;

  @Field({ nullable: true, description: 'e.g. engagement, contract.' })
  entityType?: string;

  @Field({ nullable: true })
  entityId?: string;

  @Field({ nullable: true, description: 'e.g. engagement.approve.' })
  action?: string;

  @Field(() => ID, { nullable: true })
  actorUserId?: string;
}

@ArgsType()
export class AuditEventsArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  filter?: AuditEventFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}
