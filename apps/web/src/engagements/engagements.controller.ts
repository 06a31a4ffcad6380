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
import { ApiClient, ApiError } from '../api/api-client';
import { formErrorsOf, NO_ERRORS, isFormRefusal, type FormErrors } from '../forms/form-errors';
import { onBehalfOf, Role, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';
import {
  APPROVAL,
  APPROVE,
  CAP,
  COMPLETE,
  DECLINE,
  ENGAGEMENT,
  ENGAGEMENT_WITH_ELIGIBILITY,
  ENGAGEMENTS,
  REFER,
  REFERRAL_CHOICES,
  START,
  WITHDRAW,
} from './engagements.queries';
import {
  capPosition,
  contractsFor,
  ELIGIBILITY_RESTRICTED,
  ENGAGEMENT_STATUSES,
  engagementActions,
  financialYearsBetween,
  maySeeEligibility,
  PAGE_SIZE,
  pagePositionOf,
  paginationOf,
  parseApproval,
  parseEngagementFilter,
  parseReason,
  parseReferral,
  REFERRAL_FIELD_IDS,
  referralChangeHref,
  SERVICE_LINES,
  statusTagClass,
  type ContractChoice,
  type ReferralForm,
} from './engagements.rules';

const DONE_MESSAGES: Record<string, string> = {
  referred: 'Local authority referred',
  approved: 'Engagement approved',
  declined: 'Engagement declined',
  started: 'Delivery started',
  completed: 'Engagement completed',
  withdrawn: 'Engagement withdrawn',
};

const isManager = (req: WebRequest) =>
  req.viewer?.roles.has(Role.PROGRAMME_MANAGER) || req.viewer?.roles.has(Role.ADMIN);

function managersOnly(req: WebRequest, what: string): void {
  if (!isManager(req))
    throw new ApiError('FORBIDDEN', `Only programme managers and admins can ${what}.`);
}

interface EngagementRow {
  id: string;
  financialYear: string;
  serviceLine: string;
  status: string;
  localAuthority: { gssCode: string; name: string };
  supplier: { name: string } | null;
}

interface ProgrammeOption {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  serviceLines?: Array<{ code: string; name: string }>;
}

interface EngagementDetail extends EngagementRow {
  referralReason: string;
  referredOn: string;
  decidedOn: string | null;
  programme: { id: string; name: string; serviceLines: Array<{ code: string; name: string }> };
  [field: string]: unknown;
}

interface ApprovalData {
  engagement: {
    id: string;
    status: string;
    serviceLine: string;
    financialYear: string;
    referredOn: string;
    referralReason: string;
    localAuthority: { gssCode: string; name: string; eligibility: Record<string, unknown> | null };
    programme: {
      id: string;
      name: string;
      serviceLines: Array<{ code: string; name: string }>;
      contracts: ContractChoice[];
    };
  };
}

interface DashboardLine {
  serviceLine: string;
  name: string;
  cap: number | null;
  target: number | null;
  localAuthoritiesReached: number;
}

const lineName = (lines: Array<{ code: string; name: string }>, code: string) =>
  lines.find((line) => line.code === code)?.name ?? code;

@Controller('engagements')
@UseGuards(SignedInGuard)
export class EngagementsController {
  constructor(@Inject(ApiClient) private readonly api: ApiClient) {}

  @Get()
  async list(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const { form, filter } = parseEngagementFilter(query);
    const position = pagePositionOf(query);
    const data = await this.api.request<{
      engagements: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: EngagementRow }>;
      };
      programmes: ProgrammeOption[];
      regions: Array<{ code: string; name: string }>;
    }>(onBehalfOf(req), ENGAGEMENTS, { filter, first: PAGE_SIZE, after: position.after });
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(form) as Array<[string, string | string[]]>)
      for (const v of Array.isArray(value) ? value : [value]) if (v) params.append(key, v);
    const engagements = data.engagements.edges.map(({ node }) => ({
      ...node,
      tagClass: statusTagClass(node.status),
    }));
    const years = [
      ...new Set(data.programmes.flatMap((p) => financialYearsBetween(p.startsOn, p.endsOn))),
    ].sort();
    res.render('engagements/list', {
      title: 'Engagements',
      form,
      engagements,
      pagination: paginationOf(
        '/engagements',
        params,
        position,
        {
          count: engagements.length,
          totalCount: data.engagements.totalCount,
          hasNextPage: data.engagements.pageInfo.hasNextPage,
          endCursor: data.engagements.pageInfo.endCursor,
        },
        'engagements',
      ),
      programmes: data.programmes,
      regions: data.regions,
      years,
      serviceLines: SERVICE_LINES,
      statuses: ENGAGEMENT_STATUSES,
      mayRefer: isManager(req),
    });
  }

  @Get('refer')
  async referForm(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    managersOnly(req, 'refer local authorities');
    // "Change" links from the check page bring the answers back in the query.
    const { values } = parseReferral(query);
    await this.renderReferral(req, res, values, NO_ERRORS);
  }

  @Post('refer')
  async referCheck(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    managersOnly(req, 'refer local authorities');
    const { values, problems } = parseReferral(body);
    const choices = await this.referralChoices(req);
    if (problems.length > 0) {
      const errors = formErrorsOf(problems, REFERRAL_FIELD_IDS, {
        message: 'Check the referral',
        firstField: 'programmeId',
      });
      return this.renderReferral(req, res.status(400), values, errors, choices);
    }
    const programme = choices.programmes.find((p) => p.id === values.programmeId);
    const la = choices.localAuthorities.find((l) => l.gssCode === values.localAuthorityCode);
    res.render('engagements/refer-check', {
      title: 'Check your answers before referring',
      values,
      programmeName: programme?.name ?? values.programmeId,
      serviceLineName: lineName(programme?.serviceLines ?? [], values.serviceLine),
      localAuthorityName: la?.name ?? values.localAuthorityCode,
      change: Object.fromEntries(
        (Object.keys(values) as Array<keyof ReferralForm>).map((field) => [
          field,
          referralChangeHref(values, field),
        ]),
      ),
    });
  }

  @Post('refer/confirm')
  async refer(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    managersOnly(req, 'refer local authorities');
    const { values, problems } = parseReferral(body);
    if (problems.length > 0) {
      const errors = formErrorsOf(problems, REFERRAL_FIELD_IDS, {
        message: 'Check the referral',
        firstField: 'programmeId',
      });
      return this.renderReferral(req, res.status(400), values, errors);
    }
    try {
      const { referLocalAuthority } = await this.api.request<{
        referLocalAuthority: { id: string };
      }>(onBehalfOf(req), REFER, { input: values });
      res.redirect(303, `/engagements/${referLocalAuthority.id}?done=referred`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const errors = formErrorsOf(error.fields, REFERRAL_FIELD_IDS, {
        message: error.message,
        firstField: 'programmeId',
      });
      await this.renderReferral(req, res.status(400), values, errors);
    }
  }

  @Get(':id')
  async show(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('done') done: unknown,
  ): Promise<void> {
    await this.renderEngagement(req, res, id, NO_ERRORS, typeof done === 'string' ? done : '');
  }

  @Post(':id/start')
  start(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.move(req, res, id, START, 'started');
  }

  @Post(':id/complete')
  complete(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.move(req, res, id, COMPLETE, 'completed');
  }

  @Get(':id/approve')
  async approveForm(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    managersOnly(req, 'approve engagements');
    await this.renderApproval(req, res, id, { contractId: '', overrideReason: '' }, NO_ERRORS);
  }

  @Post(':id/approve')
  async approve(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    managersOnly(req, 'approve engagements');
    const { values, problems } = parseApproval(body);
    const ids = { contractId: 'contractId', overrideReason: 'overrideReason' };
    if (problems.length > 0) {
      const errors = formErrorsOf(problems, ids, { message: '', firstField: 'contractId' });
      return this.renderApproval(req, res.status(400), id, values, errors);
    }
    try {
      await this.api.request(onBehalfOf(req), APPROVE, {
        input: {
          engagementId: id,
          contractId: values.contractId,
          overrideReason: values.overrideReason || undefined,
        },
      });
      res.redirect(303, `/engagements/${id}?done=approved`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      // Not eligible: the override reason is what would let it through.
      const firstField = error.code === 'NOT_ELIGIBLE' ? 'overrideReason' : 'contractId';
      const errors = formErrorsOf(error.fields, ids, { message: error.message, firstField });
      await this.renderApproval(req, res.status(400), id, values, errors);
    }
  }

  @Get(':id/decline')
  declineForm(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string) {
    return this.renderReasonForm(req, res, id, 'decline', '', NO_ERRORS);
  }

  @Post(':id/decline')
  decline(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.moveWithReason(req, res, id, 'decline', body);
  }

  @Get(':id/withdraw')
  withdrawForm(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string) {
    return this.renderReasonForm(req, res, id, 'withdraw', '', NO_ERRORS);
  }

  @Post(':id/withdraw')
  withdraw(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
  ) {
    return this.moveWithReason(req, res, id, 'withdraw', body);
  }

  private async move(
    req: WebRequest,
    res: Response,
    id: string,
    mutation: string,
    done: string,
  ): Promise<void> {
    try {
      await this.api.request(onBehalfOf(req), mutation, { id });
      res.redirect(303, `/engagements/${id}?done=${done}`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const errors = formErrorsOf(
        [],
        {},
        { message: error.message, firstField: 'engagement-status' },
      );
      await this.renderEngagement(req, res.status(400), id, errors, '');
    }
  }

  private async moveWithReason(
    req: WebRequest,
    res: Response,
    id: string,
    move: 'decline' | 'withdraw',
    body: Record<string, unknown>,
  ): Promise<void> {
    managersOnly(req, `${move} engagements`);
    const { reason, problems } = parseReason(body, move === 'decline' ? 'declined' : 'withdrawn');
    if (problems.length > 0) {
      const errors = formErrorsOf(
        problems,
        { reason: 'reason' },
        { message: '', firstField: 'reason' },
      );
      return this.renderReasonForm(req, res.status(400), id, move, reason, errors);
    }
    try {
      await this.api.request(onBehalfOf(req), move === 'decline' ? DECLINE : WITHDRAW, {
        id,
        reason,
      });
      res.redirect(303, `/engagements/${id}?done=${move === 'decline' ? 'declined' : 'withdrawn'}`);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const errors = formErrorsOf(
        error.fields,
        { reason: 'reason' },
        { message: error.message, firstField: 'reason' },
      );
      await this.renderReasonForm(req, res.status(400), id, move, reason, errors);
    }
  }

  private async fetchEngagement(req: WebRequest, id: string): Promise<EngagementDetail> {
    const query = maySeeEligibility(req.viewer?.roles ?? new Set())
      ? ENGAGEMENT_WITH_ELIGIBILITY
      : ENGAGEMENT;
    const { engagement } = await this.api.request<{ engagement: EngagementDetail }>(
      onBehalfOf(req),
      query,
      { id },
    );
    return engagement;
  }

  private async renderEngagement(
    req: WebRequest,
    res: Response,
    id: string,
    errors: FormErrors,
    done: string,
  ): Promise<void> {
    const engagement = await this.fetchEngagement(req, id);
    const sessions = (engagement.sessions as Array<{ status: string }>).map((session) => ({
      ...session,
      tagClass: statusTagClass(session.status),
    }));
    res.render('engagements/show', {
      title: `${engagement.localAuthority.name}: ${lineName(engagement.programme.serviceLines, engagement.serviceLine)} ${engagement.financialYear}`,
      engagement,
      sessions,
      serviceLineName: lineName(engagement.programme.serviceLines, engagement.serviceLine),
      tagClass: statusTagClass(engagement.status),
      actions: engagementActions(engagement.status, req.viewer?.roles ?? new Set()),
      done: DONE_MESSAGES[done] ?? null,
      ...errors,
    });
  }

  private async renderReasonForm(
    req: WebRequest,
    res: Response,
    id: string,
    move: 'decline' | 'withdraw',
    reason: string,
    errors: FormErrors,
  ): Promise<void> {
    managersOnly(req, `${move} engagements`);
    const engagement = await this.fetchEngagement(req, id);
    const name = lineName(engagement.programme.serviceLines, engagement.serviceLine);
    res.render('engagements/reason', {
      title: `${move === 'decline' ? 'Decline' : 'Withdraw'} ${engagement.localAuthority.name}'s ${name} engagement`,
      engagement,
      move,
      reason,
      ...errors,
    });
  }

  private async renderApproval(
    req: WebRequest,
    res: Response,
    id: string,
    values: { contractId: string; overrideReason: string },
    errors: FormErrors,
  ): Promise<void> {
    const { engagement } = await this.api.request<ApprovalData>(onBehalfOf(req), APPROVAL, { id });
    const { programmeDashboard } = await this.api.request<{
      programmeDashboard: { serviceLines: DashboardLine[] };
    }>(onBehalfOf(req), CAP, {
      programmeId: engagement.programme.id,
      financialYear: engagement.financialYear,
    });
    const line = programmeDashboard.serviceLines.find(
      (l) => l.serviceLine === engagement.serviceLine,
    );
    const restricted = ELIGIBILITY_RESTRICTED.includes(engagement.serviceLine);
    res.render('engagements/approve', {
      title: `Approve ${engagement.localAuthority.name} for ${lineName(engagement.programme.serviceLines, engagement.serviceLine)}`,
      engagement,
      serviceLineName: lineName(engagement.programme.serviceLines, engagement.serviceLine),
      contracts: contractsFor(engagement.programme.contracts, engagement),
      cap: line ? capPosition(line) : null,
      eligibility: restricted ? engagement.localAuthority.eligibility : null,
      values,
      ...errors,
    });
  }

  private async referralChoices(req: WebRequest) {
    const data = await this.api.request<{
      programmes: ProgrammeOption[];
      regions: Array<{ code: string; localAuthorities: Array<{ gssCode: string; name: string }> }>;
    }>(onBehalfOf(req), REFERRAL_CHOICES);
    const localAuthorities = data.regions
      .flatMap((region) => region.localAuthorities)
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    return { programmes: data.programmes, localAuthorities };
  }

  private async renderReferral(
    req: WebRequest,
    res: Response,
    values: ReferralForm,
    errors: FormErrors,
    known?: Awaited<ReturnType<EngagementsController['referralChoices']>>,
  ): Promise<void> {
    const { programmes, localAuthorities } = known ?? (await this.referralChoices(req));
    // One programme (the usual case) is chosen for the manager; its lines and years are the choices.
    const chosen =
      programmes.length === 1 ? programmes[0] : programmes.find((p) => p.id === values.programmeId);
    const lines = new Map<string, string>();
    for (const programme of chosen ? [chosen] : programmes)
      for (const line of programme.serviceLines ?? [])
        if (!lines.has(line.code)) lines.set(line.code, line.name);
    const years = [
      ...new Set(
        (chosen ? [chosen] : programmes).flatMap((p) =>
          financialYearsBetween(p.startsOn, p.endsOn),
        ),
      ),
    ].sort();
    res.render('engagements/refer', {
      title: 'Refer a local authority',
      values: {
        ...values,
        programmeId: values.programmeId || (programmes.length === 1 ? programmes[0]?.id : ''),
      },
      programmes,
      serviceLines: [...lines].map(([code, name]) => ({ code, name })),
      years,
      localAuthorities,
      ...errors,
    });
  }
}
