import {
  Body,
  Controller,
  Get,
  Inject,
  Injectable,
  Post,
  Req,
  Res,
  UploadedFile,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import { ApiClient, ApiError } from '../api/api-client';
import { formErrorsOf, NO_ERRORS, type FormErrors } from '../forms/form-errors';
import { onBehalfOf, Role, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';
import { IMPORT_SESSIONS, type ImportReport } from './sessions.queries';
import {
  problemRows,
  uploadFileName,
  uploadProblem,
  UPLOAD_HARD_LIMIT_BYTES,
  type UploadedSpreadsheet,
} from './session-upload.rules';

/**
 * Sign-in and the CSRF check for a multipart form: guards run before interceptors, so before the
 * file interceptor has read the body (and the form's `_csrf` field) — this runs after it instead.
 */
@Injectable()
export class SignedInAfterUpload implements NestInterceptor {
  constructor(@Inject(ApiClient) private readonly api: ApiClient) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    await new SignedInGuard(this.api).canActivate(context);
    return next.handle();
  }
}

function requireSupplier(req: WebRequest): void {
  if (!req.viewer?.roles.has(Role.SUPPLIER))
    throw new ApiError('FORBIDDEN', 'Only a supplier’s staff upload sessions.');
}

@Controller('sessions/upload')
export class SessionUploadController {
  private readonly templateUrl: string;

  constructor(
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.templateUrl = `${config.web.apiUrl}/templates/sessions-import.xlsx`;
  }

  @Get()
  @UseGuards(SignedInGuard)
  form(@Req() req: WebRequest, @Res() res: Response): void {
    requireSupplier(req);
    this.renderForm(res, NO_ERRORS);
  }

  /** The api's template, passed through: it holds no data, but the api may not be reachable from browsers. */
  @Get('template.xlsx')
  @UseGuards(SignedInGuard)
  async template(@Res() res: Response): Promise<void> {
    let response: globalThis.Response;
    try {
      response = await fetch(this.templateUrl, { signal: AbortSignal.timeout(30_000) });
    } catch {
      throw new ApiError('API_UNAVAILABLE', 'The service cannot be reached at the moment.');
    }
    if (!response.ok)
      throw new ApiError('API_UNAVAILABLE', `The service answered ${response.status}.`);
    res
      .status(200)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment('sessions-import-template.xlsx')
      .send(Buffer.from(await response.arrayBuffer()));
  }

  @Post()
  @UseInterceptors(
    FileInterceptor('file', {
      limits: { fileSize: UPLOAD_HARD_LIMIT_BYTES, files: 1, fields: 5 },
    }),
    SignedInAfterUpload,
  )
  async upload(
    @Req() req: WebRequest,
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @Body() body: { submit?: unknown },
    @Res() res: Response,
  ): Promise<void> {
    requireSupplier(req);
    const problem = uploadProblem(file);
    if (problem || !file)
      return this.renderForm(res, {
        errorList: [{ text: problem ?? '', href: '#file' }],
        byField: { file: { text: problem ?? '' } },
      });
    const fileName = uploadFileName(file.originalname);
    const submit = body.submit === 'yes';
    try {
      const { importSessions } = await this.api.request<{ importSessions: ImportReport }>(
        onBehalfOf(req),
        IMPORT_SESSIONS,
        { input: { fileName, contentBase64: file.buffer.toString('base64'), submit } },
      );
      res.render('sessions/upload-results', {
        title: 'Sessions uploaded',
        report: importSessions,
      });
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'BAD_USER_INPUT') throw error;
      if (error.problems.length === 0)
        return this.renderForm(
          res,
          formErrorsOf(error.fields, {}, { message: error.message, firstField: 'file' }),
        );
      const rows = problemRows(error.problems);
      res.status(400).render('sessions/upload-results', {
        title: 'The spreadsheet was not uploaded',
        fileName,
        problems: rows,
        errorList: [
          {
            text: `${fileName} has ${rows.length} problem${rows.length === 1 ? '' : 's'}: nothing was recorded`,
            href: '#problems',
          },
        ],
      });
    }
  }

  private renderForm(res: Response, errors: FormErrors): void {
    res.status(errors.errorList.length > 0 ? 400 : 200).render('sessions/upload', {
      title: 'Upload a spreadsheet of sessions',
      ...errors,
    });
  }
}
