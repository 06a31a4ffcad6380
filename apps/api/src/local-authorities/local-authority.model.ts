import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../graphql/date.scalar';
import { Connection } from '../graphql/connection.model';

@ObjectType('LocalAuthority', {
  description: 'An upper-tier local authority with children’s services, current or abolished.',
})
export class LocalAuthorityModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Current ONS (GSS) code.' })
  gssCode!: string;

  @Field({ description: 'DfE 3-digit LA code.' })
  dfeCode!: string;

  @Field()
  name!: string;

  @Field({ description: 'county, unitary, metropolitan district or london borough.' })
  type!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day it existed; null when earlier than the records.',
  })
  validFrom!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day it existed; null while it exists.',
  })
  validTo!: string | null;

  regionCode!: string;
}

@ObjectType()
export class LocalAuthorityConnection extends Connection(LocalAuthorityModel, 'LocalAuthority') {}
