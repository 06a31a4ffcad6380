import { Field, InputType } from '@nestjs/graphql';
import { DateScalar } from '../graphql/date.scalar';

@InputType({ description: 'A personal API token to make for yourself.' })
export class CreateApiTokenInput {
  @Field({
    description: 'A label to tell it by, 1 to 100 characters, that none of your live tokens has.',
  })
  name!: string;

  @Field(() => DateScalar, {
    description: 'Its last day, from today to a year ahead: it works until the end of that day.',
  })
  expiresOn!: string;
}
