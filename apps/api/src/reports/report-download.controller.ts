import {
  Controller,
  Get,
  GoneException,
  Inject,
  NotFoundException,
  Param,
  Query,
  StreamableFile,
  ForbiddenException,
} from '@nestjs/common';
import { ReportsService } from '@la-tracker/domain/reports';

/**
 * Downloads of built reports. The signed link is the right to the file: it is given only to those
 * who may read the report (`Report.downloadUrl`), names one report and stops working after ten
 * minutes, so no bearer token is asked for and a browser can follow it.
 */
@Controller('reports')
export class ReportDownloadController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get(':id/download')
  async download(
    @Param('id') id: string,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
  ): Promise<StreamableFile> {
    const opened = await this.reports.openDownload({
      reportId: id,
      expires: typeof expires === 'string' ? expires : undefined,
      signature: typeof signature === 'string' ? signature : undefined,
    });
    switch (opened) {
      case 'BAD_SIGNATURE':
        throw new ForbiddenException(
          'This download link is not valid: ask for the report again to get a fresh link.',
        );
      case 'EXPIRED':
        throw new GoneException(
          'This download link has expired (links last ten minutes): ask for the report again to get a fresh link.',
        );
      case 'NOT_FOUND':
        throw new NotFoundException('There is no built report here.');
      default:
        return new StreamableFile(opened.file, {
          type: opened.contentType,
          disposition: `attachment; filename="${opened.fileName}"`,
          length: opened.byteSize ?? undefined,
        });
    }
  }
}
