import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { sessionImportTemplateCsv, sessionImportTemplateXlsx } from '@la-tracker/domain/sessions';

/** The bulk-upload template of sessions, for anyone to download: it holds no data. */
@Controller('templates')
export class SessionTemplatesController {
  @Get('sessions-import.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="sessions-import-template.csv"')
  csv(): string {
    return sessionImportTemplateCsv();
  }

  @Get('sessions-import.xlsx')
  xlsx(): StreamableFile {
    return new StreamableFile(sessionImportTemplateXlsx(), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: 'attachment; filename="sessions-import-template.xlsx"',
    });
  }
}
