import { listOf } from '../forms/form-values';
import { pageQuery } from '../http/page-query';
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
import {
  formErrorsFromProblems,
  parseReturnReason,
  formErrorsOf,
  NO_ERRORS,
  isFormRefusal,
  type FormErrors,
} from '../forms/form-errors';
import { onBehalfOf, Role, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';
import {
  APPROVE_SESSION,
  PLAN_SESSION,
  RECORD_SESSION,
  RECORDABLE_ENGAGEMENTS,
  RETURN_SESSION,
  SESSION,
  SESSIONS,
  SUBMIT_SESSION,
  UPDATE_SESSION,
  type RecordableEngagement,
  type SessionDetail,
  type SessionSummary,
} from './sessions.queries';
import {
  ATTENDEE_ROLES,
  FORMAT_NAMES,
  ROLE_NAMES,
  SESSION_FORMATS,
  SESSION_STATUSES,
  attendanceFieldId,
  attendanceTable,
  cohortGroups,
  formOfSession,
  parsePlanForm,
  parseSessionFilter,
  parseSessionForm,
  partsOfDate,
  readSessionForm,
  sessionActions,
  sessionFieldIds,
  statusTagClass,
  type SessionForm,
} from './sessions.rules';

const DONE_MESSAGES: Record<string, string> = {
  recorded: 'Session recorded as a draft',
  submitted: 'Session submitted for approval',
  planned: 'Session planned',
  changed: 'Session changed',
  approved: 'Session approved',
  returned: 'Session sent back to the supplier',
};

const today = () => dateInEngland(new Date());

/** Only supplier staff record, plan and change sessions (SPEC §2): others get the 403 page. */
function requireSupplier(req: WebRequest): void {
  if (!req.viewer?.roles.has(Role.SUPPLIER))
    throw new ApiError('FORBIDDEN', 'Only a supplier’s staff record and plan sessions.');
}

@Controller('sessions')
@UseGuards(SignedInGuard)
export class SessionsController {
  constructor(@Inject(ApiClient) private readonly api: ApiClient) {}

  @Get()
  async list(@Req() req: WebRequest, @Query() query: unknown, @Res() res: Response): Promise<void> {
    const { filter, values, after, problems } = parseSessionFilter(query);
    const data = await this.api.request<{
      deliverySessions: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: SessionSummary }>;
      };
      engagements: {
        edges: Array<{
          node: {
            id: string;
            serviceLine: string;
            financialYear: string;
            localAuthority: { name: string };
          };
        }>;
      };
    }>(onBehalfOf(req), SESSIONS, { filter, after });
    const sessions = data.deliverySessions.edges.map(({ node }) => ({
      ...node,
      date: node.deliveredOn ?? node.plannedOn,
      localAuthorities: namesOf(node.engagements.map((e) => e.localAuthority)),
      tagClass: statusTagClass(node.status),
    }));
    const engagements = data.engagements.edges
      .map(({ node }) => node)
      .sort((a, b) => a.localAuthority.name.localeCompare(b.localAuthority.name));
    res.status(problems.length > 0 ? 400 : 200).render('sessions/list', {
      title: 'Sessions',
      sessions,
      totalCount: data.deliverySessions.totalCount,
      nextPage: data.deliverySessions.pageInfo.hasNextPage
        ? `/sessions${pageQuery(query, data.deliverySessions.pageInfo.endCursor)}`
        : null,
      firstPage: after ? `/sessions${pageQuery(query, null)}` : null,
      values,
      statuses: SESSION_STATUSES,
      engagements,
      canRecord: req.viewer?.roles.has(Role.SUPPLIER) ?? false,
      ...formErrorsFromProblems(problems),
    });
  }

  /**
   * Recording starts with the engagements (a cohort of one service line under one contract), then
   * the session's details. A PLANNED session being recorded brings its own engagements.
   */
  @Get('record')
  async recordForm(
    @Req() req: WebRequest,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    requireSupplier(req);
    const engagementIds = listOf(query.engagementIds);
    if (query.then === 'plan' && engagementIds.length > 0)
      return res.redirect(303, `/sessions/plan?${idsQuery(engagementIds)}`);
    if (query.again === '1')
      return this.renderSessionForm(req, res, readSessionForm(query), 'record');
    const sessionId = typeof query.sessionId === 'string' ? query.sessionId : '';
    if (sessionId) {
      const session = await this.session(req, sessionId);
      return this.renderSessionForm(req, res, { ...formOfSession(session), sessionId }, 'record');
    }
    const engagements = await this.recordable(req);
    if (engagementIds.length === 0 || query.change === 'engagements') {
      const problems =
        typeof query.then === 'string' && engagementIds.length === 0
          ? [{ field: 'engagements', message: 'Select the engagements the session was for' }]
          : [];
      res.status(problems.length > 0 ? 400 : 200).render('sessions/choose-engagements', {
        title: 'Which engagements was the session for?',
        groups: cohortGroups(engagements, engagementIds),
        ...formErrorsFromProblems(problems),
      });
      return;
    }
    const empty = readSessionForm({ engagementIds });
    return this.renderSessionForm(req, res, empty, 'record', NO_ERRORS, engagements);
  }

  /** The details, checked here first, then shown back to check before they are recorded. */
  @Post('record')
  async checkRecord(
    @Req() req: WebRequest,
    @Body() body: unknown,
    @Res() res: Response,
  ): Promise<void> {
    requireSupplier(req);
    const form = readSessionForm(body);
    const mode = (body as { mode?: unknown }).mode === 'edit' ? 'edit' : 'record';
    const engagements = await this.recordable(req, form, mode);
    const chosen = chosenOf(engagements, form);
    const localAuthorities = chosen.map((e) => e.localAuthority.gssCode);
    const { input, problems } = parseSessionForm(form, { today: today(), localAuthorities });
    if (!input)
      return this.renderSessionForm(
        req,
        res,
        form,
        mode,
        formErrorsFromProblems(problems),
        engagements,
      );
    const attendance = input.attendance.map((entry) => ({
      ...entry,
      roleName: ROLE_NAMES[entry.role],
      localAuthority:
        chosen.find((e) => e.localAuthority.gssCode === entry.localAuthorityCode)?.localAuthority
          .name ?? entry.localAuthorityCode,
    }));
    res.render('sessions/check', {
      title: 'Check the session before recording it',
      mode,
      form,
      input,
      localAuthorities: namesOf(chosen.map((e) => e.localAuthority)),
      serviceLine: chosen[0]?.serviceLine,
      formatName: FORMAT_NAMES[input.format],
      attendance,
      hidden: hiddenFieldsOf(form, mode),
      changeLink: changeLinkOf(form, mode),
    });
  }

  @Post('record/confirm')
  async record(@Req() req: WebRequest, @Body() body: unknown, @Res() res: Response): Promise<void> {
    requireSupplier(req);
    const form = readSessionForm(body);
    const mode = (body as { mode?: unknown }).mode === 'edit' ? 'edit' : 'record';
    const andSubmit = (body as { action?: unknown }).action === 'submit';
    const engagements = await this.recordable(req, form, mode);
    const localAuthorities = chosenOf(engagements, form).map((e) => e.localAuthority.gssCode);
    const { input, problems } = parseSessionForm(form, { today: today(), localAuthorities });
    if (!input)
      return this.renderSessionForm(
        req,
        res,
        form,
        mode,
        formErrorsFromProblems(problems),
        engagements,
      );
    let id: string;
    try {
      if (mode === 'edit') {
        const { sessionId, ...changes } = input;
        const data = await this.api.request<{ updateSession: { id: string } }>(
          onBehalfOf(req),
          UPDATE_SESSION,
          { input: { id: sessionId, ...changes, notes: changes.notes ?? '' } },
        );
        id = data.updateSession.id;
      } else {
        const data = await this.api.request<{ recordSession: { id: string } }>(
          onBehalfOf(req),
          RECORD_SESSION,
          { input },
        );
        id = data.recordSession.id;
      }
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      const errors = formErrorsOf(error.fields, sessionFieldIds(localAuthorities), {
        message: error.message,
        firstField: 'deliveredOn-day',
      });
      return this.renderSessionForm(req, res, form, mode, errors, engagements);
    }
    if (andSubmit) {
      try {
        await this.api.request(onBehalfOf(req), SUBMIT_SESSION, { id });
      } catch (error) {
        if (!isFormRefusal(error)) throw error;
        // Recorded, but not submitted: its page says why, with the button to try again.
        return this.renderSession(
          req,
          res,
          id,
          formErrorsOf(error.fields, {}, { message: error.message, firstField: 'actions' }),
        );
      }
      return res.redirect(303, `/sessions/${id}?done=submitted`);
    }
    res.redirect(303, `/sessions/${id}?done=${mode === 'edit' ? 'changed' : 'recorded'}`);
  }

  @Get('plan')
  async planForm(
    @Req() req: WebRequest,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    requireSupplier(req);
    const engagementIds = listOf(query.engagementIds);
    const engagements = await this.recordable(req);
    res.render('sessions/plan', {
      title: 'Plan a session',
      engagementIds,
      localAuthorities: localAuthorityNames(engagements, engagementIds),
      values: { plannedOn: partsOfDate(null), topic: '' },
      ...NO_ERRORS,
    });
  }

  @Post('plan')
  async plan(
    @Req() req: WebRequest,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    requireSupplier(req);
    const { input, problems } = parsePlanForm(body, { today: today() });
    let errors: FormErrors = formErrorsFromProblems(problems);
    if (input) {
      try {
        const { planSession } = await this.api.request<{ planSession: { id: string } }>(
          onBehalfOf(req),
          PLAN_SESSION,
          { input },
        );
        return res.redirect(303, `/sessions/${planSession.id}?done=planned`);
      } catch (error) {
        if (!isFormRefusal(error)) throw error;
        errors = formErrorsOf(
          error.fields,
          { plannedOn: 'plannedOn-day', topic: 'topic', engagementIds: 'plannedOn-day' },
          { message: error.message, firstField: 'plannedOn-day' },
        );
      }
    }
    const engagementIds = listOf(body.engagementIds);
    const engagements = await this.recordable(req);
    res.status(400).render('sessions/plan', {
      title: 'Plan a session',
      engagementIds,
      localAuthorities: localAuthorityNames(engagements, engagementIds),
      values: {
        plannedOn: {
          day: body['plannedOn-day'],
          month: body['plannedOn-month'],
          year: body['plannedOn-year'],
        },
        topic: body.topic,
      },
      ...errors,
    });
  }

  @Get(':id')
  async show(
    @Req() req: WebRequest,
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    await this.renderSession(req, res, id, {
      done: typeof done === 'string' ? DONE_MESSAGES[done] : undefined,
    });
  }

  @Get(':id/edit')
  async editForm(
    @Req() req: WebRequest,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    requireSupplier(req);
    if (query.again === '1')
      return this.renderSessionForm(req, res, { ...readSessionForm(query), sessionId: id }, 'edit');
    const session = await this.session(req, id);
    return this.renderSessionForm(req, res, formOfSession(session), 'edit');
  }

  @Post(':id/submit')
  async submit(
    @Req() req: WebRequest,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.act(req, res, id, SUBMIT_SESSION, { id }, 'submitted');
  }

  @Post(':id/approve')
  async approve(
    @Req() req: WebRequest,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.act(req, res, id, APPROVE_SESSION, { id }, 'approved');
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
      return this.renderSession(req, res, id, {
        errorList: [{ text: reason.problem, href: '#reason' }],
        byField: { reason: { text: reason.problem } },
      });
    await this.act(req, res, id, RETURN_SESSION, { id, reason: reason.reason }, 'returned');
  }

  /** A move of the session's state; a refusal about its state is shown on its page. */
  private async act(
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
      return this.renderSession(
        req,
        res,
        id,
        formErrorsOf(
          error.fields,
          { reason: 'reason' },
          { message: error.message, firstField: 'actions' },
        ),
      );
    }
    res.redirect(303, `/sessions/${id}?done=${done}`);
  }

  private async session(req: WebRequest, id: string): Promise<SessionDetail> {
    const roles = req.viewer?.roles ?? new Set();
    const withCost = [Role.ADMIN, Role.PROGRAMME_MANAGER, Role.SUPPLIER].some((role) =>
      roles.has(role),
    );
    const { deliverySession } = await this.api.request<{ deliverySession: SessionDetail }>(
      onBehalfOf(req),
      SESSION,
      { id, withCost },
    );
    return deliverySession;
  }

  private async renderSession(
    req: WebRequest,
    res: Response,
    id: string,
    extra: Partial<FormErrors> & { done?: string },
  ): Promise<void> {
    const session = await this.session(req, id);
    const errors = { ...NO_ERRORS, ...extra };
    res.status(errors.errorList.length > 0 ? 400 : 200).render('sessions/show', {
      title: `Session on ${session.deliveredOn ?? session.plannedOn}`,
      session,
      date: session.deliveredOn ?? session.plannedOn,
      localAuthorities: namesOf(session.engagements.map((e) => e.localAuthority)),
      tagClass: statusTagClass(session.status),
      table: attendanceTable(session.attendance),
      actions: sessionActions(session.status, req.viewer?.roles ?? new Set()),
      formatName: session.format ? FORMAT_NAMES[session.format as keyof typeof FORMAT_NAMES] : null,
      ...errors,
    });
  }

  /** The supplier's engagements open to recording (and, when changing a session, its own). */
  private async recordable(
    req: WebRequest,
    form?: SessionForm,
    mode: 'record' | 'edit' = 'record',
  ): Promise<RecordableEngagement[]> {
    const { engagements } = await this.api.request<{
      engagements: { edges: Array<{ node: RecordableEngagement }> };
    }>(onBehalfOf(req), RECORDABLE_ENGAGEMENTS);
    const open = engagements.edges.map(({ node }) => node);
    if (
      !form?.sessionId ||
      (mode === 'record' && open.some((e) => form.engagementIds.includes(e.id)))
    )
      return open;
    // A session being changed, or a plan recorded, may be of engagements since completed.
    const session = await this.session(req, form.sessionId);
    const extra = session.engagements
      .filter((e) => !open.some((o) => o.id === e.id))
      .map((e) => ({
        id: e.id,
        serviceLine: session.serviceLine,
        financialYear: e.financialYear,
        status: '',
        localAuthority: e.localAuthority,
        contract: null,
      }));
    return [...open, ...extra];
  }

  private async renderSessionForm(
    req: WebRequest,
    res: Response,
    form: SessionForm,
    mode: 'record' | 'edit',
    errors: FormErrors = NO_ERRORS,
    known?: RecordableEngagement[],
  ): Promise<void> {
    const engagements = known ?? (await this.recordable(req, form, mode));
    const chosen = chosenOf(engagements, form);
    const rows = chosen
      .map((e) => e.localAuthority)
      .map((la) => ({
        ...la,
        cells: ATTENDEE_ROLES.map((role) => ({
          role,
          id: attendanceFieldId(la.gssCode, role),
          name: `attendance[${la.gssCode}][${role}]`,
          value: form.attendance[la.gssCode]?.[role] ?? '',
          label: `${ROLE_NAMES[role]}s from ${la.name}`,
          error: errors.byField[attendanceFieldId(la.gssCode, role)],
        })),
      }));
    res.status(errors.errorList.length > 0 ? 400 : 200).render('sessions/form', {
      title: mode === 'edit' ? 'Change the session' : 'Record a session',
      mode,
      form,
      serviceLine: chosen[0]?.serviceLine,
      localAuthorities: namesOf(chosen.map((e) => e.localAuthority)),
      roles: ATTENDEE_ROLES.map((role) => ({ role, name: ROLE_NAMES[role] })),
      rows,
      formats: SESSION_FORMATS.map((format) => ({
        value: format,
        text: FORMAT_NAMES[format],
        checked: form.format === format,
      })),
      changeEngagements:
        mode === 'record' && !form.sessionId
          ? `/sessions/record?change=engagements&${idsQuery(form.engagementIds)}`
          : null,
      attendanceError: Object.entries(errors.byField).find(([field]) =>
        field.startsWith('attendance-'),
      )?.[1],
      ...errors,
    });
  }
}

/** The engagements the form names, by their LAs' names: the order of every list of them. */
function chosenOf(engagements: RecordableEngagement[], form: SessionForm): RecordableEngagement[] {
  return engagements
    .filter((e) => form.engagementIds.includes(e.id))
    .sort((a, b) => a.localAuthority.name.localeCompare(b.localAuthority.name));
}

/** Engagement ids as a query string. */
function idsQuery(ids: string[]): string {
  return new URLSearchParams(ids.map((id): [string, string] => ['engagementIds', id])).toString();
}

/** LAs by name, in alphabetical order, as one line. */
function namesOf(localAuthorities: Array<{ name: string }>): string {
  return localAuthorities
    .map((la) => la.name)
    .sort((a, b) => a.localeCompare(b))
    .join(', ');
}

function localAuthorityNames(engagements: RecordableEngagement[], ids: string[]): string {
  return engagements
    .filter((e) => ids.includes(e.id))
    .map((e) => e.localAuthority.name)
    .sort()
    .join(', ');
}

/** The form's values as hidden inputs, for the check page to post on. */
function hiddenFieldsOf(form: SessionForm, mode: string): Array<{ name: string; value: string }> {
  const fields = [
    ...form.engagementIds.map((id) => ({ name: 'engagementIds', value: id })),
    { name: 'sessionId', value: form.sessionId },
    { name: 'mode', value: mode },
    { name: 'deliveredOn-day', value: form.deliveredOn.day },
    { name: 'deliveredOn-month', value: form.deliveredOn.month },
    { name: 'deliveredOn-year', value: form.deliveredOn.year },
    { name: 'hours', value: form.hours },
    { name: 'minutes', value: form.minutes },
    { name: 'format', value: form.format },
    { name: 'topic', value: form.topic },
    { name: 'notes', value: form.notes },
  ];
  for (const [gssCode, counts] of Object.entries(form.attendance))
    for (const [role, count] of Object.entries(counts))
      fields.push({ name: `attendance[${gssCode}][${role}]`, value: count });
  return fields;
}

/** "Change" on the check page goes back to the form, filled in with what was typed. */
function changeLinkOf(form: SessionForm, mode: string): string {
  const params = new URLSearchParams(
    hiddenFieldsOf(form, mode).map(({ name, value }): [string, string] => [name, value]),
  );
  params.set('again', '1');
  return mode === 'edit'
    ? `/sessions/${form.sessionId}/edit?${params.toString()}`
    : `/sessions/record?${params.toString()}`;
}
