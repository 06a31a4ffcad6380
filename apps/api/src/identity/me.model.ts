import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@la-tracker/platform/auth';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a person may do (see the access policy).',
});

@ObjectType('RoleGrant', { description: 'One role a person holds, with the records it reaches.' })
export class RoleGrantModel {
  @Field(() => Role)
  role!: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'For SUPPLIER: the supplier whose staff they are.',
  })
  supplierId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For REGIONAL_ADVISER: a region they cover.',
  })
  regionCode!: string | null;

  @Field(() => ID, { nullable: true, description: 'For PROGRAMME_MANAGER: a programme they run.' })
  programmeId!: string | null;
}

@ObjectType('Me', {
  description: 'The signed-in caller: who the token says, and what the database grants.',
})
export class MeModel {
  @Field(() => ID, { nullable: true, description: 'Null until the person has a record here.' })
  userId!: string | null;

  @Field()
  issuer!: string;

  @Field()
  subject!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => [RoleGrantModel])
  grants!: RoleGrantModel[];
}
