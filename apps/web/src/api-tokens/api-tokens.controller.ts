import {
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiClient } from '../api/api-client';
import { NO_ERRORS, isFormRefusal, type FormErrors } from '../forms/form-errors';
import { onBehalfOf, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';
import {
  apiTokenFormErrorsOf,
  apiTokenRowOf,
  checkNewTokenForm,
  newTokenFormOf,
  type ApiTokenNode,
  type DatePart,
  type NewTokenForm,
} from './api-tokens.rules';

const TOKEN_FIELDS = 'id name prefix createdAt expiresOn lastUsedAt revokedAt';

const API_TOKENS = /* GraphQL */ `
  query ApiTokens {
    apiTokens {
      ${TOKEN_FIELDS}
    }
  }
`;

const CREATE_API_TOKEN = /* GraphQL */ `
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      secret
      token {
        ${TOKEN_FIELDS}
      }
    }
  }
`;

const REVOKE_API_TOKEN = /* GraphQL */ `
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
    }
  }
`;

const ID = /^[0-9a-f-]{36}$/i;

const EMPTY_FORM: NewTokenForm = { name: '', expiresOn: { day: '', month: '', year: '' } };

/** The signed-in person's own API tokens: list, create (the secret shown once) and revoke. */
@Controller('api-tokens')
@UseGuards(SignedInGuard)
export class ApiTokensController {
  constructor(@Inject(ApiClient) private readonly api: ApiClient) {}

  @Get()
  async list(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Query('revoked') revoked?: string,
  ): Promise<void> {
    const tokens = await this.tokens(req);
    const now = new Date();
    res.render('api-tokens/list', {
      title: 'API tokens',
      tokens: tokens.map((token) => apiTokenRowOf(token, now)),
      revoked:
        typeof revoked === 'string' ? tokens.find((token) => token.id === revoked) : undefined,
    });
  }

  @Get('new')
  newForm(@Res() res: Response): void {
    this.renderForm(res, EMPTY_FORM, NO_ERRORS, []);
  }

  @Post('new')
  async create(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const form = newTokenFormOf(body ?? {});
    const checked = checkNewTokenForm(form);
    if ('errors' in checked) {
      this.renderForm(res.status(400), form, checked.errors, checked.dateParts);
      return;
    }
    let created: { secret: string; token: ApiTokenNode };
    try {
      ({ createApiToken: created } = await this.api.request<{
        createApiToken: { secret: string; token: ApiTokenNode };
      }>(onBehalfOf(req), CREATE_API_TOKEN, { input: checked.input }));
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const errors = apiTokenFormErrorsOf(error.fields, error.message);
      this.renderForm(
        res.status(400),
        form,
        errors,
        errors.byField.expiresOn ? ['day', 'month', 'year'] : [],
      );
      return;
    }
    // The secret is in this page only: never in a URL, a log or a cache.
    res.set('Cache-Control', 'no-store');
    res.render('api-tokens/created', {
      title: 'API token created',
      token: apiTokenRowOf(created.token, new Date()),
      secret: created.secret,
    });
  }

  @Get(':id/revoke')
  async confirmRevoke(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const token = await this.liveToken(req, id);
    res.render('api-tokens/revoke', {
      title: `Are you sure you want to revoke ${token.name}?`,
      token,
    });
  }

  @Post(':id/revoke')
  async revoke(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    if (!ID.test(id)) throw new NotFoundException();
    await this.api.request(onBehalfOf(req), REVOKE_API_TOKEN, { id });
    res.redirect(303, `/api-tokens?revoked=${encodeURIComponent(id)}`);
  }

  private async tokens(req: WebRequest): Promise<ApiTokenNode[]> {
    const { apiTokens } = await this.api.request<{ apiTokens: ApiTokenNode[] }>(
      onBehalfOf(req),
      API_TOKENS,
    );
    return apiTokens;
  }

  /** One of the person's tokens that still works; anything else is not there to revoke. */
  private async liveToken(req: WebRequest, id: string) {
    const token = ID.test(id) ? (await this.tokens(req)).find((t) => t.id === id) : undefined;
    const row = token ? apiTokenRowOf(token, new Date()) : undefined;
    if (!row || row.status !== 'Active') throw new NotFoundException();
    return row;
  }

  private renderForm(
    res: Response,
    form: NewTokenForm,
    errors: FormErrors,
    dateParts: DatePart[],
  ): void {
    res.render('api-tokens/new', {
      title: 'Create an API token',
      form,
      errorList: errors.errorList,
      byField: errors.byField,
      dateParts,
    });
  }
}
