import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiClient } from '../api/api-client';
import { onBehalfOf, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';
import { eligibilityViewOf, inspectionRowOf, supportRowOf } from './la-page.rules';
import { timelineOf } from './la-timeline.rules';
import {
  INSPECTIONS_SHOWN,
  LOCAL_AUTHORITIES,
  LOCAL_AUTHORITY,
  type LocalAuthoritiesAnswer,
  type LocalAuthorityAnswer,
} from './local-authorities.queries';
import {
  LA_PAGE_SIZE,
  laListQueryOf,
  laListRowOf,
  paginationOf,
  regionScopeOf,
  seesEligibility,
} from './local-authorities.rules';

const CODE = /^[A-Za-z0-9]{1,12}$/;

@Controller('local-authorities')
@UseGuards(SignedInGuard)
export class LocalAuthoritiesController {
  constructor(@Inject(ApiClient) private readonly api: ApiClient) {}

  /** LAs with their status: advisers their regions', everyone else all of England's. */
  @Get()
  async list(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const viewer = req.viewer!;
    const scope = regionScopeOf(viewer.grants);
    const asked = laListQueryOf(query, scope);
    const withEligibility = seesEligibility(viewer.roles);
    const data = await this.api.request<LocalAuthoritiesAnswer>(
      onBehalfOf(req),
      LOCAL_AUTHORITIES,
      {
        first: LA_PAGE_SIZE,
        after: asked.after ?? null,
        filter: { search: asked.search || null, regionCode: asked.region || null },
        withEligibility,
      },
    );
    const connection = data.localAuthorities;
    const regions = scope
      ? data.regions.filter((region) => scope.includes(region.code))
      : data.regions;
    res.render('local-authorities/list', {
      title: 'Local authorities',
      query: asked,
      regions,
      scoped: scope !== null,
      withEligibility,
      totalCount: connection.totalCount,
      rows: connection.edges.map((edge) => laListRowOf(edge.node)),
      pagination: paginationOf(
        asked,
        { ...connection.pageInfo, totalCount: connection.totalCount },
        LA_PAGE_SIZE,
      ),
    });
  }

  /** One LA: reference data, inspections, eligibility for lot 7, support and a timeline. */
  @Get(':code')
  async show(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('code') code: string,
  ): Promise<void> {
    if (!CODE.test(code)) throw new NotFoundException();
    const viewer = req.viewer!;
    // An adviser asking about another region's LA is answered NOT_FOUND by the api's eligibility.
    const { localAuthority: la } = await this.api.request<LocalAuthorityAnswer>(
      onBehalfOf(req),
      LOCAL_AUTHORITY,
      { code, inspections: INSPECTIONS_SHOWN, withEligibility: seesEligibility(viewer.roles) },
    );
    if (!la) throw new NotFoundException();
    const inspections = la.inspections.edges.map((edge) => edge.node);
    res.render('local-authorities/show', {
      title: la.name,
      la,
      inspections: inspections.map(inspectionRowOf),
      inspectionsTotal: la.inspections.totalCount,
      eligibility: la.eligibility ? eligibilityViewOf(la.eligibility) : null,
      withEligibility: la.eligibility !== undefined,
      support: la.engagements.map(supportRowOf),
      timeline: timelineOf(inspections, la.engagements),
    });
  }
}
