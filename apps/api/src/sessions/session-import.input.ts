import { Field, ID, InputType } from '@nestjs/graphql';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@la-tracker/domain/sessions';
import { TextLimit } from '../graphql/text-input.pipe';

@InputType({
  description: `A file of delivered sessions in the layout of the template (/templates/sessions-import.csv or .xlsx), CSV or XLSX, at most ${MAX_IMPORT_BYTES / 1024} KB and ${MAX_IMPORT_ROWS} rows.`,
})
export class ImportSessionsInput {
  @Field({
    description: 'The file’s name, e.g. sessions-june.xlsx: problems are reported against it.',
  })
  fileName!: string;

  @Field({ description: 'The file’s bytes, base64-encoded.' })
  // A file at the size limit, in base64: a larger one is refused for its size, by the import.
  @TextLimit(Math.ceil((MAX_IMPORT_BYTES + 1) / 3) * 4)
  contentBase64!: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Check every row and write nothing.',
  })
  dryRun?: boolean;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Submit each session once recorded (SUBMITTED), rather than leave it a DRAFT.',
  })
  submit?: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'The supplier the sessions are for: needed only by staff of more than one.',
  })
  supplierId?: string;
}
