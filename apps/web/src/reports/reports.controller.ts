import { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import { Clock } from '@la-tracker/platform/time';
import { ApiClient, ApiError } from '../api/api-client';
import {
  financialYearsBetween,
  PAGE_SIZE,
  pagePositionOf,
  paginationOf,
  statusTagClass,
  yearToShow,
} from '../engagements/engagements.rules';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../forms/form-errors';
import { onBehalfOf, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';
import {
  apiFileUrl,
  fileSize,
  parseReportRequest,
  REPORT_FORMAT_NAMES,
  REPORT_FORMATS,
  REPORT_KIND_NAMES,
  REPORT_KINDS,
  reportProgress,
  type ReportRequestForm,
} from './reports.rules';

const REPORTS = /* GraphQL */ `
  query Reports($programmeId: ID!, $first: Int, $after: String) {
    programme(id: $programmeId) {
      id
      name
      startsOn
      endsOn
    }
    reports(filter: { programmeId: $programmeId }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          financialYear
          format
          status
          progress
          requestedAt
        }
      }
    }
  }
`;

const REQUEST_REPORT = /* GraphQL */ `
  mutation RequestReport($input: RequestReportInput!) {
    requestReport(input: $input) {
      id
    }
  }
`;

const REPORT = /* GraphQL */ `
  query Report($id: ID!) {
    report(id: $id) {
      id
      kind
      financialYear
      format
      status
      progress
      error
      fileName
      byteSize
      requestedAt
      startedAt
      finishedAt
      programme {
        id
        name
      }
    }
  }
`;

/** Asked for at the moment of download: the signed link lasts ten minutes. */
const REPORT_LINK = /* GraphQL */ `
  query ReportLink($id: ID!) {
    report(id: $id) {
      id
      status
      fileName
      downloadUrl
    }
  }
`;

interface ReportRow {
  id: string;
  kind: string;
  financialYear: string;
  format: string;
  status: string;
  progress: number;
  requestedAt: string;
}

/** Headers of the api's file answer passed on to the browser. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition'];

/**
 * A programme's reports: the list, a form to ask for one, each report's progress, and its file.
 * The file comes through the web app: the api's signed link is relative to the api's address,
 * which the web reaches server to server but a browser may not.
 */
@Controller()
@UseGuards(SignedInGuard)
export class ReportsController {
  constructor(
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('programmes/:id/reports')
  async list(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') programmeId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    await this.renderList(req, res, programmeId, query, null, NO_ERRORS);
  }

  @Post('programmes/:id/reports')
  async request(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') programmeId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { values, problems } = parseReportRequest(body);
    const ids = { kind: 'kind', financialYear: 'financialYear', format: 'format' };
    if (problems.length > 0) {
      const errors = formErrorsOf(problems, ids, { message: '', firstField: 'kind' });
      return this.renderList(req, res.status(400), programmeId, {}, values, errors);
    }
    try {
      const { requestReport } = await this.api.request<{ requestReport: { id: string } }>(
        onBehalfOf(req),
        REQUEST_REPORT,
        { input: { ...values, programmeId } },
      );
      res.redirect(303, `/reports/${requestReport.id}?done=requested`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') throw error;
      const errors = formErrorsOf(error.fields, ids, {
        message: error.message,
        firstField: 'kind',
      });
      await this.renderList(req, res.status(400), programmeId, {}, values, errors);
    }
  }

  @Get('reports/:id')
  async show(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('done') done: unknown,
  ): Promise<void> {
    const { report } = await this.api.request<{
      report: ReportRow & {
        error: string | null;
        fileName: string | null;
        byteSize: number | null;
        programme: { id: string; name: string };
      };
    }>(onBehalfOf(req), REPORT, { id });
    res.render('reports/show', {
      title: `${REPORT_KIND_NAMES[report.kind] ?? report.kind} ${report.financialYear}`,
      report,
      kindName: REPORT_KIND_NAMES[report.kind] ?? report.kind,
      formatName: REPORT_FORMAT_NAMES[report.format] ?? report.format,
      tagClass: statusTagClass(report.status),
      progress: reportProgress(report),
      size: fileSize(report.byteSize),
      done: done === 'requested' ? 'Report requested' : null,
    });
  }

  @Get('reports/:id/download')
  async download(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const { report } = await this.api.request<{
      report: { id: string; status: string; downloadUrl: string | null };
    }>(onBehalfOf(req), REPORT_LINK, { id });
    const url = apiFileUrl(this.config.web.apiUrl, report.downloadUrl);
    if (report.status !== 'DONE' || !url)
      throw new ApiError('NOT_FOUND', 'This report is not ready to download yet.');
    let file: globalThis.Response;
    try {
      file = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    } catch {
      throw new ApiError('API_UNAVAILABLE', 'The service cannot be reached at the moment.');
    }
    if (!file.ok || !file.body)
      throw new ApiError(
        file.status === 404 ? 'NOT_FOUND' : 'API_UNAVAILABLE',
        'The report file could not be fetched. Try again.',
      );
    for (const header of PASSED_HEADERS) {
      const value = file.headers.get(header);
      if (value) res.setHeader(header, value);
    }
    res.setHeader('cache-control', 'no-store');
    Readable.fromWeb(file.body).pipe(res);
  }

  private async renderList(
    req: WebRequest,
    res: Response,
    programmeId: string,
    query: Record<string, unknown>,
    values: ReportRequestForm | null,
    errors: FormErrors,
  ): Promise<void> {
    const position = pagePositionOf(query);
    const data = await this.api.request<{
      programme: { id: string; name: string; startsOn: string; endsOn: string };
      reports: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: ReportRow }>;
      };
    }>(onBehalfOf(req), REPORTS, { programmeId, first: PAGE_SIZE, after: position.after });
    const { programme } = data;
    const reports = data.reports.edges.map(({ node }) => ({
      ...node,
      kindName: REPORT_KIND_NAMES[node.kind] ?? node.kind,
      tagClass: statusTagClass(node.status),
    }));
    const today = this.clock.today();
    res.render('reports/list', {
      title: `Reports: ${programme.name}`,
      programme,
      reports,
      pagination: paginationOf(
        `/programmes/${programme.id}/reports`,
        new URLSearchParams(),
        position,
        {
          count: reports.length,
          totalCount: data.reports.totalCount,
          hasNextPage: data.reports.pageInfo.hasNextPage,
          endCursor: data.reports.pageInfo.endCursor,
        },
        'reports',
      ),
      years: financialYearsBetween(programme.startsOn, programme.endsOn),
      kinds: REPORT_KINDS.map((kind) => ({ value: kind, text: REPORT_KIND_NAMES[kind] })),
      formats: REPORT_FORMATS.map((format) => ({
        value: format,
        text: REPORT_FORMAT_NAMES[format],
      })),
      values: values ?? {
        kind: 'MONTHLY_MI',
        financialYear: yearToShow(undefined, programme, today),
        format: 'XLSX',
      },
      ...errors,
    });
  }
}
