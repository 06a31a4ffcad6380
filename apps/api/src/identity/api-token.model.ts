import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../graphql/date.scalar';

@ObjectType('ApiToken', {
  description: 'A personal API token, as its owner sees it in a list: never its secret.',
})
export class ApiTokenModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Its owner’s label for it.' })
  name!: string;

  @Field({ description: 'The secret’s first characters, to tell tokens apart; not enough to use.' })
  prefix!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => DateScalar, {
    description: 'Its last day: it stops working at the end of that day in England.',
  })
  expiresOn!: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Roughly when it was last used (noted at most once a minute); null if never.',
  })
  lastUsedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType('CreatedApiToken', { description: 'A token just made, with its secret.' })
export class CreatedApiTokenModel {
  @Field(() => ApiTokenModel)
  token!: ApiTokenModel;

  @Field({
    description:
      'Send it as `Authorization: Bearer <secret>`. Shown this once only: keep it somewhere safe.',
  })
  secret!: string;
}
