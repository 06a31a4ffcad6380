import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiClient } from '../api/api-client';
import { onBehalfOf, type WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';
import {
  coachingRows,
  diagnosticRow,
  type CoachingEngagement,
  type DiagnosticSummary,
} from './delivery-records.rules';

const DIAGNOSTICS = /* GraphQL */ `
  query Diagnostics {
    diagnostics(first: 100) {
      totalCount
      edges {
        node {
          id
          status
          financialYear
          plannedOn
          fieldworkStartedOn
          draftReportOn
          finalReportOn
          followUpDueOn
          localAuthority {
            gssCode
            name
          }
          engagement {
            id
          }
          findings {
            rating
          }
        }
      }
    }
  }
`;

const COACHING = /* GraphQL */ `
  query Coaching {
    engagements(first: 100, filter: { serviceLine: COACHING_MENTORING }) {
      edges {
        node {
          id
          financialYear
          status
          localAuthority {
            gssCode
            name
          }
          coachingAllocations {
            role
            allowed
            remaining
            usedMinutes
            remainingMinutes
          }
        }
      }
    }
  }
`;

/**
 * Delivery records beside sessions, read only: corporate parenting diagnostics and coaching
 * hours. Under /sessions, as part of a supplier's delivery (registered before SessionsController,
 * whose /sessions/:id would take these paths).
 */
@Controller('sessions')
@UseGuards(SignedInGuard)
export class DeliveryRecordsController {
  constructor(@Inject(ApiClient) private readonly api: ApiClient) {}

  @Get('diagnostics')
  async diagnostics(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { diagnostics } = await this.api.request<{
      diagnostics: { totalCount: number; edges: Array<{ node: DiagnosticSummary }> };
    }>(onBehalfOf(req), DIAGNOSTICS);
    res.render('delivery-records/diagnostics', {
      title: 'Corporate parenting diagnostics',
      diagnostics: diagnostics.edges.map(({ node }) => diagnosticRow(node)),
      totalCount: diagnostics.totalCount,
    });
  }

  @Get('coaching')
  async coaching(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const { engagements } = await this.api.request<{
      engagements: { edges: Array<{ node: CoachingEngagement }> };
    }>(onBehalfOf(req), COACHING);
    res.render('delivery-records/coaching', {
      title: 'Coaching hours',
      rows: coachingRows(engagements.edges.map(({ node }) => node)),
    });
  }
}
