import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SessionStatus } from '@la-tracker/domain/sessions';
import { DateScalar } from '../graphql/date.scalar';
import { SessionStatusEnum } from './session.model';

@ObjectType('ImportedSession', {
  description: 'A session of the file, recorded (or, on a dry run, that would be).',
})
export class ImportedSessionModel {
  @Field({ description: 'The session_reference of its rows.' })
  reference!: string;

  @Field(() => [Int], { description: 'The rows of the file it came from (the header is row 1).' })
  rows!: number[];

  @Field(() => ID, { nullable: true, description: 'Null on a dry run: nothing was written.' })
  sessionId!: string | null;

  @Field(() => SessionStatusEnum)
  status!: SessionStatus;

  @Field(() => DateScalar)
  deliveredOn!: string;

  @Field(() => Int, { description: 'The LAs present.' })
  localAuthorities!: number;

  @Field(() => Int)
  attendees!: number;
}

@ObjectType('SessionImportReport')
export class SessionImportReportModel {
  @Field()
  fileName!: string;

  @Field(() => ID)
  supplierId!: string;

  @Field({ description: 'True when nothing was written.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Rows of sessions read (the header and blank rows left out).' })
  rowsRead!: number;

  @Field(() => [ImportedSessionModel], { description: `In the file's order; at most one per row.` })
  sessions!: ImportedSessionModel[];
}
