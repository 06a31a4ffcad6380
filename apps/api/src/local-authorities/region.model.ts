import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Region', { description: 'One of the 9 English regions.' })
export class RegionModel {
  @Field({ description: 'ONS code, e.g. E12000001.' })
  code!: string;

  @Field()
  name!: string;

  @Field({ description: 'The regional improvement and innovation alliance covering its LAs.' })
  improvementAlliance!: string;
}
