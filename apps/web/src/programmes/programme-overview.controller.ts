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
import { Clock } from '@la-tracker/platform/time';
import { ApiClient, ApiError } from '../api/api-client';
import { onBehalfOf, Role, type WebRequest } from '../http/web-request';
import { layoutHexes } from '../map/hex-layout.rules';
import { countByCategory, renderHexMap, renderLegend } from '../map/hex-map';
import { readHexJson, type HexJson } from '../map/hexjson';
import { SignedInGuard } from '../session/signed-in.guard';
import {
  PROGRAMME_DASHBOARD,
  PROGRAMME_DATES,
  PROGRAMME_MAP,
  YEAR_ENGAGEMENTS,
} from './programme-overview.queries';
import {
  basisInWords,
  deliveryChart,
  overdueGroups,
  overviewCards,
  reachAgainstTarget,
  shareOf,
  type ProgrammeDashboard,
} from './programme-overview.rules';
import {
  COLOURINGS,
  authoritiesOfYear,
  colouringOf,
  mapTable,
  parseColouring,
  type MapRegion,
  type YearEngagement,
} from './programme-map.rules';
import {
  defaultYear,
  judgedOn,
  requestedYear,
  yearBounds,
  yearOptions,
  type ProgrammeDates,
} from './programme-year.rules';

// More pages than any programme's year has engagements; a guard against a cursor that never ends.
const MAX_ENGAGEMENT_PAGES = 50;

interface Connection<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: T }>;
}

/** A programme's year at a glance, and its hex map: for the programme's managers and admins. */
@Controller('programmes')
@UseGuards(SignedInGuard)
export class ProgrammeOverviewController {
  private hexjson: HexJson | undefined;

  constructor(
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get(':id')
  async overview(
    @Param('id') id: string,
    @Query('year') yearAsked: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    const who = onBehalfOf(req);
    const year = await this.chosenYear(req, id, yearAsked);
    const { programmeDashboard: dashboard } = await this.api.request<{
      programmeDashboard: ProgrammeDashboard;
    }>(who, PROGRAMME_DASHBOARD, { id, year });
    res.render('programmes/overview', {
      title: `Overview of ${year}: ${dashboard.programme.name}`,
      programme: dashboard.programme,
      year,
      years: yearOptions(dashboard.programme, year),
      dashboard,
      cards: overviewCards(dashboard),
      chart: deliveryChart(dashboard.serviceLines, year),
      lines: dashboard.serviceLines.map((line) => ({
        ...line,
        reach: reachAgainstTarget(line),
      })),
      contracts: dashboard.spend.byContract.map((row) => ({
        ...row,
        share: shareOf(row.spentToDate, row.value),
      })),
      overdue: overdueGroups(dashboard.overdue),
      watchlist: dashboard.watchlist.map((row) => ({
        ...row.localAuthority,
        basis: basisInWords(row.basis),
      })),
    });
  }

  @Get(':id/map')
  async map(
    @Param('id') id: string,
    @Query('year') yearAsked: unknown,
    @Query('colour') colourAsked: unknown,
    @Req() req: WebRequest,
    @Res() res: Response,
  ): Promise<void> {
    // Advisers and suppliers would see only their part of the engagements, which would mislead.
    const roles = req.viewer?.roles ?? new Set();
    if (!roles.has(Role.PROGRAMME_MANAGER) && !roles.has(Role.ADMIN))
      throw new ApiError('FORBIDDEN', 'Only the programme’s managers can see its map.');
    const who = onBehalfOf(req);
    const year = await this.chosenYear(req, id, yearAsked);
    const colouring = parseColouring(colourAsked);
    const { startsOn, endsOn } = yearBounds(year);
    const asOf = judgedOn(year, this.clock.today());
    const [data, engagements] = await Promise.all([
      this.api.request<{
        programme: ProgrammeDates & { id: string; name: string };
        regions: MapRegion[];
        eligibleLocalAuthorities: Array<{ eligible: boolean; localAuthority: { gssCode: string } }>;
      }>(who, PROGRAMME_MAP, { id, start: startsOn, end: endsOn, asOf }),
      this.yearEngagements(req, id, year),
    ]);
    const authorities = authoritiesOfYear(data.regions);
    const layout = layoutHexes(this.layout(), authorities.active, authorities.former);
    const colours = colouringOf(colouring, {
      engagements,
      eligibleCodes: new Set(
        data.eligibleLocalAuthorities
          .filter((answer) => answer.eligible)
          .map((answer) => answer.localAuthority.gssCode),
      ),
      gradeOf: authorities.gradeOf,
    });
    const hrefOf = (gssCode: string) => `/local-authorities/${encodeURIComponent(gssCode)}`;
    res.render('programmes/map', {
      title: `Map of local authorities in ${year}: ${data.programme.name}`,
      programme: data.programme,
      year,
      years: yearOptions(data.programme, year),
      colouring,
      colourings: COLOURINGS.map((option) => ({ ...option, selected: option.value === colouring })),
      colouringTitle: colours.title,
      asOf,
      map: renderHexMap({
        hexes: layout.hexes,
        categoryOf: colours.categoryOf,
        categories: colours.categories,
        hrefOf,
        title: `Map of England’s local authorities active in ${year}, by ${colours.title.toLowerCase()}`,
        description:
          'Each hexagon is a local authority, placed roughly where it is, and links to its page. The table below the map lists the same.',
      }),
      legend: renderLegend(colours.categories, countByCategory(layout.hexes, colours.categoryOf)),
      rows: mapTable(layout.hexes, authorities.regionOf, colours),
      unplaced: layout.unplaced,
    });
  }

  /** The year asked for, else the programme's current (or nearest) year; 404 for nonsense. */
  private async chosenYear(req: WebRequest, id: string, asked: unknown): Promise<string> {
    const year = requestedYear(asked);
    if (year === 'invalid') throw new NotFoundException();
    if (year !== 'none') return year.year;
    const { programme } = await this.api.request<{ programme: ProgrammeDates }>(
      onBehalfOf(req),
      PROGRAMME_DATES,
      { id },
    );
    return defaultYear(programme, this.clock.today());
  }

  private async yearEngagements(
    req: WebRequest,
    id: string,
    year: string,
  ): Promise<YearEngagement[]> {
    const all: YearEngagement[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_ENGAGEMENT_PAGES; page += 1) {
      const { engagements }: { engagements: Connection<YearEngagement> } = await this.api.request(
        onBehalfOf(req),
        YEAR_ENGAGEMENTS,
        { id, year, after },
      );
      all.push(...engagements.edges.map((edge) => edge.node));
      if (!engagements.pageInfo.hasNextPage) break;
      after = engagements.pageInfo.endCursor;
    }
    return all;
  }

  // Read once, when the first map is drawn.
  private layout(): HexJson {
    this.hexjson ??= readHexJson();
    return this.hexjson;
  }
}
