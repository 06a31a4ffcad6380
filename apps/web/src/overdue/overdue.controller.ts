import { Clock } from '@la-tracker/platform/time';
import { Controller, Get, Inject, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiClient } from '../api/api-client';
import { financialYearsBetween, yearToShow } from '../engagements/engagements.rules';
import { onBehalfOf, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';
import {
  followUpsDue,
  localAuthorityLinks,
  monthOf,
  overdueSessions,
  type DiagnosticNode,
  type OverdueSessionNode,
} from './overdue.rules';

const PROGRAMME = /* GraphQL */ `
  query OverdueProgramme($id: ID!) {
    programme(id: $id) {
      id
      name
      startsOn
      endsOn
    }
  }
`;

const ITEM = `
  count
  items {
    kind
    title
    localAuthorities
    serviceLine
    supplier
    contract
    date
    dueBy
    localAuthorityCodes
  }
`;

/**
 * The dashboard counts what is overdue; the lists behind it (sessions, diagnostics) give the
 * records to link to. Sessions not yet submitted are few: the first 100 are read.
 */
const OVERDUE = /* GraphQL */ `
  query Overdue($programmeId: ID!, $financialYear: String!) {
    programmeDashboard(programmeId: $programmeId, financialYear: $financialYear) {
      asOf
      overdue {
        sessionReports { ${ITEM} }
        apaActionPlans { ${ITEM} }
        monthlyReturns { ${ITEM} }
        diagnosticFollowUps { ${ITEM} }
      }
    }
    deliverySessions(
      filter: { programmeId: $programmeId, status: [PLANNED, DRAFT, RETURNED] }
      first: 100
    ) {
      totalCount
      edges {
        node {
          id
          status
          deliveredOn
          plannedOn
          dueBy
          overdue
          serviceLine
          engagements {
            localAuthority {
              name
            }
          }
          contract {
            reference
            supplier {
              name
            }
          }
        }
      }
    }
    diagnostics(filter: { programmeId: $programmeId, status: [FINAL_REPORT] }, first: 100) {
      edges {
        node {
          id
          followUpDueOn
          finalReportOn
          localAuthority {
            gssCode
            name
          }
          supplier {
            name
          }
          engagement {
            id
          }
        }
      }
    }
  }
`;

interface DashboardItem {
  kind: string;
  title: string;
  localAuthorities: string | null;
  serviceLine: string | null;
  supplier: string | null;
  contract: string | null;
  date: string;
  dueBy: string;
  localAuthorityCodes: string[];
}

interface Items {
  count: number;
  items: DashboardItem[];
}

@Controller('programmes')
@UseGuards(SignedInGuard)
export class OverdueController {
  constructor(
    @Inject(ApiClient) private readonly api: ApiClient,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get(':id/overdue')
  async overdue(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('year') year: unknown,
  ): Promise<void> {
    const { programme } = await this.api.request<{
      programme: { id: string; name: string; startsOn: string; endsOn: string };
    }>(onBehalfOf(req), PROGRAMME, { id });
    const financialYear = yearToShow(year, programme, this.clock.today());
    const data = await this.api.request<{
      programmeDashboard: {
        asOf: string;
        overdue: {
          sessionReports: Items;
          apaActionPlans: Items;
          monthlyReturns: Items;
          diagnosticFollowUps: Items;
        };
      };
      deliverySessions: { totalCount: number; edges: Array<{ node: OverdueSessionNode }> };
      diagnostics: { edges: Array<{ node: DiagnosticNode }> };
    }>(onBehalfOf(req), OVERDUE, { programmeId: programme.id, financialYear });
    const { asOf, overdue } = data.programmeDashboard;
    const sessions = overdueSessions(data.deliverySessions.edges.map((e) => e.node));
    res.render('overdue/list', {
      title: `Overdue: ${programme.name} ${financialYear}`,
      programme,
      financialYear,
      years: financialYearsBetween(programme.startsOn, programme.endsOn),
      asOf,
      counts: {
        sessionReports: overdue.sessionReports.count,
        apaActionPlans: overdue.apaActionPlans.count,
        monthlyReturns: overdue.monthlyReturns.count,
        diagnosticFollowUps: overdue.diagnosticFollowUps.count,
      },
      sessions,
      // More unsubmitted sessions than one request reads: say the list may be incomplete.
      sessionsCut: data.deliverySessions.totalCount > data.deliverySessions.edges.length,
      actionPlans: overdue.apaActionPlans.items.map((item) => ({
        ...item,
        links: localAuthorityLinks(item.localAuthorities, item.localAuthorityCodes),
      })),
      monthlyReturns: overdue.monthlyReturns.items.map((item) => ({
        ...item,
        month: monthOf(item.date),
      })),
      followUps: followUpsDue(
        data.diagnostics.edges.map((e) => e.node),
        asOf,
      ),
    });
  }
}
