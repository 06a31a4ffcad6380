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
import { dateInEngland } from '@la-tracker/platform/time';
import { ApiClient, ApiError } from '../api/api-client';
import { formErrorsOf, NO_ERRORS, isFormRefusal, type FormErrors } from '../forms/form-errors';
import { onBehalfOf, Role, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';
import { formErrorsFromProblems, parseReturnReason } from '../forms/form-errors';
import { pageQuery } from '../http/page-query';
import {
  MONTHLY_RETURN_STATUSES,
  formOfReturn,
  monthLabel,
  monthlyReturnActions,
  monthlyReturnFields,
  monthlyReturnTagClass,
  parseMonthlyReturnFilter,
  parseMonthlyReturnForm,
  readMonthlyReturnForm,
  type MonthlyReturnForm,
} from './monthly-returns.rules';

const RETURN_FIELDS = `
  id
  month
  status
  sessionsDelivered
  participants
  spend
  note
  dueOn
  late
  submittedOn
  returnReason
  supplier {
    name
  }
  programme {
    id
    name
  }
`;

const MONTHLY_RETURNS = /* GraphQL */ `
  query MonthlyReturns($filter: MonthlyReturnFilter, $after: String) {
    monthlyReturns(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node { ${RETURN_FIELDS} }
      }
    }
  }
`;

const MONTHLY_RETURN = /* GraphQL */ `
  query MonthlyReturn($id: ID!) {
    monthlyReturn(id: $id) { ${RETURN_FIELDS} }
  }
`;

const PROGRAMMES = /* GraphQL */ `
  query ReturnProgrammes {
    programmes {
      id
      name
    }
  }
`;

const SUBMIT = /* GraphQL */ `
  mutation SubmitMonthlyReturn($input: SubmitMonthlyReturnInput!) {
    submitMonthlyReturn(input: $input) {
      id
    }
  }
`;

const ACCEPT = /* GraphQL */ `
  mutation AcceptMonthlyReturn($id: ID!) {
    acceptMonthlyReturn(id: $id) {
      id
    }
  }
`;

const RETURN = /* GraphQL */ `
  mutation ReturnMonthlyReturn($id: ID!, $reason: String!) {
    returnMonthlyReturn(id: $id, reason: $reason) {
      id
    }
  }
`;

interface MonthlyReturn {
  id: string;
  month: string;
  status: string;
  sessionsDelivered: number;
  participants: number;
  spend: string;
  note: string | null;
  dueOn: string;
  late: boolean;
  submittedOn: string;
  returnReason: string | null;
  supplier: { name: string };
  programme: { id: string; name: string };
}

const FIELD_IDS = {
  programmeId: 'programmeId',
  month: 'month-month',
  sessionsDelivered: 'sessionsDelivered',
  participants: 'participants',
  spend: 'spend',
  note: 'note',
};

const DONE_MESSAGES: Record<string, string> = {
  submitted: 'Monthly return submitted',
  accepted: 'Monthly return accepted',
  returned: 'Monthly return sent back to the supplier',
};

const shape = (monthlyReturn: MonthlyReturn) => ({
  ...monthlyReturn,
  monthLabel: monthLabel(monthlyReturn.month),
  tagClass: monthlyReturnTagClass(monthlyReturn.status),
});

@Controller('monthly-returns')
@UseGuards(SignedInGuard)
export class MonthlyReturnsController {
  constructor(@Inject(ApiClient) private readonly api: ApiClient) {}

  @Get()
  async list(@Req() req: WebRequest, @Query() query: unknown, @Res() res: Response): Promise<void> {
    const { filter, values, after } = parseMonthlyReturnFilter(query);
    const { monthlyReturns } = await this.api.request<{
      monthlyReturns: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: MonthlyReturn }>;
      };
    }>(onBehalfOf(req), MONTHLY_RETURNS, { filter, after });
    const roles = req.viewer?.roles ?? new Set<Role>();
    res.render('monthly-returns/list', {
      title: 'Monthly returns',
      returns: monthlyReturns.edges.map(({ node }) => shape(node)),
      totalCount: monthlyReturns.totalCount,
      nextPage: monthlyReturns.pageInfo.hasNextPage
        ? `/monthly-returns${pageQuery(query, monthlyReturns.pageInfo.endCursor)}`
        : null,
      firstPage: after ? `/monthly-returns${pageQuery(query, null)}` : null,
      values,
      statuses: MONTHLY_RETURN_STATUSES,
      canSubmit: roles.has(Role.SUPPLIER),
      showSupplier: !roles.has(Role.SUPPLIER) || roles.size > 1,
    });
  }

  @Get('new')
  async form(
    @Req() req: WebRequest,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    requireSupplier(req);
    const from = query.from;
    // Back from the check page: the values as they were typed.
    let form = readMonthlyReturnForm(query.again === '1' ? query : {});
    if (typeof from === 'string' && from !== '')
      form = formOfReturn(await this.monthlyReturn(req, from));
    await this.renderForm(req, res, form, NO_ERRORS);
  }

  /** The figures, checked here first, then shown back to check before they are submitted. */
  @Post()
  async check(@Req() req: WebRequest, @Body() body: unknown, @Res() res: Response): Promise<void> {
    requireSupplier(req);
    const form = readMonthlyReturnForm(body);
    const { input, problems } = parseMonthlyReturnForm(form, { today: dateInEngland(new Date()) });
    if (!input) return this.renderForm(req, res, form, formErrorsFromProblems(problems));
    const programmes = await this.programmes(req);
    const fields = monthlyReturnFields(form);
    const again = new URLSearchParams([...fields, ['again', '1']]).toString();
    res.render('monthly-returns/check', {
      title: 'Check the return before submitting it',
      input,
      monthLabel: monthLabel(input.month),
      programme: programmes.find((programme) => programme.id === input.programmeId)?.name,
      hidden: fields.map(([name, value]) => ({ name, value })),
      changeLink: `/monthly-returns/new?${again}`,
    });
  }

  @Post('confirm')
  async submit(@Req() req: WebRequest, @Body() body: unknown, @Res() res: Response): Promise<void> {
    requireSupplier(req);
    const form = readMonthlyReturnForm(body);
    const { input, problems } = parseMonthlyReturnForm(form, { today: dateInEngland(new Date()) });
    if (!input) return this.renderForm(req, res, form, formErrorsFromProblems(problems));
    try {
      const { submitMonthlyReturn } = await this.api.request<{
        submitMonthlyReturn: { id: string };
      }>(onBehalfOf(req), SUBMIT, { input });
      res.redirect(303, `/monthly-returns/${submitMonthlyReturn.id}?done=submitted`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      await this.renderForm(
        req,
        res,
        form,
        formErrorsOf(error.fields, FIELD_IDS, {
          message: error.message,
          firstField: 'month-month',
        }),
      );
    }
  }

  @Get(':id')
  async show(
    @Req() req: WebRequest,
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    await this.renderReturn(req, res, id, {
      done: typeof done === 'string' ? DONE_MESSAGES[done] : undefined,
    });
  }

  @Post(':id/accept')
  async accept(
    @Req() req: WebRequest,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.decide(req, res, id, ACCEPT, { id }, 'accepted');
  }

  @Post(':id/return')
  async sendBack(
    @Req() req: WebRequest,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const reason = parseReturnReason(body);
    if ('problem' in reason)
      return this.renderReturn(req, res, id, {
        errorList: [{ text: reason.problem, href: '#reason' }],
        byField: { reason: { text: reason.problem } },
      });
    await this.decide(req, res, id, RETURN, { id, reason: reason.reason }, 'returned');
  }

  private async decide(
    req: WebRequest,
    res: Response,
    id: string,
    mutation: string,
    variables: Record<string, unknown>,
    done: string,
  ): Promise<void> {
    try {
      await this.api.request(onBehalfOf(req), mutation, variables);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderReturn(
        req,
        res,
        id,
        formErrorsOf(
          error.fields,
          { reason: 'reason' },
          { message: error.message, firstField: 'decision' },
        ),
      );
    }
    res.redirect(303, `/monthly-returns/${id}?done=${done}`);
  }

  private async programmes(req: WebRequest): Promise<Array<{ id: string; name: string }>> {
    const { programmes } = await this.api.request<{
      programmes: Array<{ id: string; name: string }>;
    }>(onBehalfOf(req), PROGRAMMES);
    return programmes;
  }

  private async monthlyReturn(req: WebRequest, id: string): Promise<MonthlyReturn> {
    const { monthlyReturn } = await this.api.request<{ monthlyReturn: MonthlyReturn }>(
      onBehalfOf(req),
      MONTHLY_RETURN,
      { id },
    );
    return monthlyReturn;
  }

  private async renderReturn(
    req: WebRequest,
    res: Response,
    id: string,
    extra: Partial<FormErrors> & { done?: string },
  ): Promise<void> {
    const monthlyReturn = shape(await this.monthlyReturn(req, id));
    const errors = { ...NO_ERRORS, ...extra };
    res.status(errors.errorList.length > 0 ? 400 : 200).render('monthly-returns/show', {
      title: `Monthly return for ${monthlyReturn.monthLabel}`,
      monthlyReturn,
      actions: monthlyReturnActions(monthlyReturn.status, req.viewer?.roles ?? new Set()),
      ...errors,
    });
  }

  private async renderForm(
    req: WebRequest,
    res: Response,
    form: MonthlyReturnForm,
    errors: FormErrors,
  ): Promise<void> {
    const programmes = await this.programmes(req);
    // One programme (the usual case) needs no choosing.
    const onlyProgramme = programmes.length === 1 ? programmes[0] : undefined;
    res.status(errors.errorList.length > 0 ? 400 : 200).render('monthly-returns/form', {
      title: 'Submit a monthly return',
      form: onlyProgramme ? { ...form, programmeId: onlyProgramme.id } : form,
      onlyProgramme,
      programmes: programmes.map((programme) => ({
        value: programme.id,
        text: programme.name,
        checked: form.programmeId === programme.id,
      })),
      ...errors,
    });
  }
}

function requireSupplier(req: WebRequest): void {
  if (!req.viewer?.roles.has(Role.SUPPLIER))
    throw new ApiError('FORBIDDEN', 'Monthly returns are submitted by a supplier’s own staff.');
}
