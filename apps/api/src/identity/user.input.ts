import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Role } from '@la-tracker/platform/auth';
import './me.model';

@InputType()
export class UserFilter {
  @Field({ nullable: true, description: 'Part of a name, e-mail or subject, in any case.' })
  search?: string;

  @Field(() => Role, { nullable: true, description: 'People holding this role, in any scope.' })
  role?: Role;
}

@ArgsType()
export class UsersArgs {
  @Field(() => UserFilter, { nullable: true })
  filter?: UserFilter;

  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when left out.' })
  first?: number;

  @Field({ nullable: true })
  after?: string;
}

@InputType({
  description:
    'A person and one role with its scope: a supplier for SUPPLIER, a region for REGIONAL_ADVISER, a programme (or none yet) for PROGRAMME_MANAGER, nothing for ADMIN.',
})
export class RoleChangeInput {
  @Field(() => ID, { description: 'The person (see `users`).' })
  userId!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true })
  supplierId?: string;

  @Field({ nullable: true, description: 'A region code, e.g. E12000001.' })
  regionCode?: string;

  @Field(() => ID, { nullable: true })
  programmeId?: string;
}
