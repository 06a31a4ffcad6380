import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { SessionImportService, type SessionImportReport } from '@la-tracker/domain/sessions';
import type { Caller } from '@la-tracker/platform/auth';
import { BadUserInputError } from '@la-tracker/platform/errors';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ImportSessionsInput } from './session-import.input';
import { SessionImportReportModel } from './session-import.model';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

@Resolver(() => SessionImportReportModel)
export class SessionImportResolver {
  constructor(@Inject(SessionImportService) private readonly service: SessionImportService) {}

  @Mutation(() => SessionImportReportModel, {
    description:
      'Import delivered sessions from a file (CSV or XLSX, in the layout of the template): every row is checked first, then all are recorded (DRAFT, or SUBMITTED with submit) or none. A file with problems writes nothing and answers BAD_USER_INPUT with extensions.problems: [{ row, column, message }].',
  })
  importSessions(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ImportSessionsInput,
  ): Promise<SessionImportReport> {
    const content = input.contentBase64.replace(/\s+/g, '');
    if (!BASE64.test(content) || content.length % 4 === 1)
      throw BadUserInputError.forFields([
        { field: 'input.contentBase64', message: 'must be the file’s bytes, base64-encoded' },
      ]);
    return this.service.importFile(
      caller,
      { buffer: Buffer.from(content, 'base64'), fileName: input.fileName },
      { dryRun: input.dryRun, submit: input.submit, supplierId: input.supplierId },
    );
  }
}
