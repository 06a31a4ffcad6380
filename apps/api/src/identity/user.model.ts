import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '@la-tracker/platform/auth';
import { Connection } from '../graphql/connection.model';
// The Role enum is registered with GraphQL beside `me`.
import './me.model';

@ObjectType('RoleAssignment', {
  description: 'A role a person holds, with the record it reaches (none for ADMIN).',
})
export class RoleAssignmentModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'For SUPPLIER: the supplier.' })
  supplierId!: string | null;

  @Field(() => String, { nullable: true, description: 'For REGIONAL_ADVISER: the region.' })
  regionCode!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'For PROGRAMME_MANAGER: the programme (none for a manager yet to be given one).',
  })
  programmeId!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('User', {
  description: 'A person who has signed in (or been added as an admin), with the roles they hold.',
})
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Who vouches for the person: the OpenID Connect issuer.' })
  issuer!: string;

  @Field({ description: 'The person’s id at their issuer.' })
  subject!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'As the issuer gives it.' })
  displayName!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the person was first recorded.' })
  createdAt!: Date;

  @Field(() => [RoleAssignmentModel], { description: 'Oldest first.' })
  assignments!: RoleAssignmentModel[];
}

@ObjectType()
export class UserConnection extends Connection(UserModel, 'User') {}
