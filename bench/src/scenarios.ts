import { query } from './database';

export type ScenarioName =
  'laListWithLatestInspection' | 'nested' | 'programmeDashboard' | 'eligibility' | 'recordSession';

export const SCENARIO_NAMES: readonly ScenarioName[] = [
  'laListWithLatestInspection',
  'nested',
  'programmeDashboard',
  'eligibility',
  'recordSession',
];

export interface Scenario {
  name: ScenarioName;
  description: string;
  /** Who asks: recordSession is a supplier's, the rest an admin's. */
  caller: 'ADMIN' | 'SUPPLIER';
  query: string;
  /** Variables of the request numbered `n` (only recordSession varies them). */
  variables: (n: number) => Record<string, unknown>;
  /** The same request with fewer rows, to show statements follow depth, not rows. */
  smaller?: { label: string; variables: Record<string, unknown>; query?: string };
  label: string;
  /**
   * The most statements the query's depth allows, whatever the rows: 2 to know the caller, 2
   * for a page (its rows and its total), then one per nested level. Null where only one size is
   * measured.
   */
  statementBound: number | null;
}

export const LA_LIST = /* GraphQL */ `
  query LaList($first: Int!) {
    localAuthorities(first: $first) {
      edges {
        node {
          gssCode
          name
          latestInspection {
            id
            type
            publishedOn
            overallEffectiveness
          }
        }
      }
    }
  }
`;

/** The nested query: a page of LAs, each one's engagements of a year, each one's latest 10 sessions. */
export function nestedQuery(first: number): string {
  return /* GraphQL */ `
  query Nested($year: String!) {
    localAuthorities(first: ${first}) {
      edges {
        node {
          gssCode
          name
          engagements(financialYear: $year) {
            id
            serviceLine
            status
            sessions(first: 10) {
              id
              status
              deliveredOn
              durationMinutes
            }
          }
        }
      }
    }
  }
`;
}

/** What the programme overview page asks (apps/web's PROGRAMME_DASHBOARD), less its overdue items. */
export const DASHBOARD = /* GraphQL */ `
  query Dashboard($id: ID!, $year: String!) {
    programmeDashboard(programmeId: $id, financialYear: $year) {
      asOf
      financialYear
      programme {
        id
        name
        startsOn
        endsOn
      }
      serviceLines {
        serviceLine
        name
        target
        cap
        targetBasis
        localAuthoritiesReached
        regionsReached
        shareOfTarget
        sessionsApproved
        sessionsAwaitingApproval
        sessionsPlanned
        sessionsInDraft
        approvedMinutes
        finalReports
        spent
        forecast {
          sessionsApproved
          approvedMinutes
          finalReports
        }
      }
      spend {
        total
        budget {
          programme
          allocation
          spent
          remaining
        }
        byContract {
          contract {
            reference
          }
          supplier {
            name
          }
          value
          spent
          spentToDate
          remaining
        }
      }
      regions {
        region {
          code
          name
        }
        activeLocalAuthorities
        reachedLocalAuthorities
        reachShare
        networkCoverage {
          attendedCount
          activeCount
          share
        }
      }
      overdue {
        sessionReports {
          count
        }
        apaActionPlans {
          count
        }
        monthlyReturns {
          count
        }
        diagnosticFollowUps {
          count
        }
      }
      watchlistAsOf
      watchlist {
        basis
        localAuthority {
          gssCode
          name
        }
      }
    }
  }
`;

/**
 * Eligibility as a programme manager asks it: the map's `eligibleLocalAuthorities` for coaching
 * and mentoring in their programme (it judges every LA and answers those eligible), with the
 * evidence the approval page shows.
 */
export const ELIGIBILITY = /* GraphQL */ `
  query Eligibility($id: ID!) {
    eligibleLocalAuthorities(programmeId: $id, serviceLine: COACHING_MENTORING) {
      eligible
      basis
      localAuthority {
        gssCode
        name
      }
      evidence {
        inspections {
          id
          publishedOn
          overallEffectiveness
          priorityActionAreas
        }
        concerns {
          id
          recordedOn
        }
      }
    }
  }
`;

export const RECORD_SESSION = /* GraphQL */ `
  mutation Record($input: RecordSessionInput!) {
    recordSession(input: $input) {
      id
      status
      deliveredOn
    }
  }
`;

export const SCALE_PROGRAMME = 'Leadership support at national scale';

export interface ScenarioData {
  programmeId: string;
  programmeName: string;
  financialYear: string;
  supplierId: string;
  /** Engagements of that supplier open to delivery, each with a date its contract covers. */
  deliverable: Array<{ engagementId: string; deliveredOn: string }>;
}

/**
 * The rows the scenarios need: the scale programme (else the one with most engagements) and its
 * busiest year, and the supplier with most engagements open to delivery there outside coaching
 * (whose hours are capped) — recordSession spreads its requests over them.
 */
export async function findScenarioData(url: string, today: string): Promise<ScenarioData> {
  const [programme] = await query<{ id: string; name: string; financial_year: string }>(
    url,
    `SELECT p.id, p.name, e.financial_year
       FROM engagement e JOIN programme p ON p.id = e.programme_id
      GROUP BY p.id, p.name, e.financial_year
      ORDER BY (p.name = $1) DESC, (e.financial_year = '2025-26') DESC, count(*) DESC
      LIMIT 1`,
    [SCALE_PROGRAMME],
  );
  if (!programme) throw new Error('The database has no engagements: seed-demo did not run?');
  const rows = await query<{ supplier_id: string; id: string; delivered_on: string }>(
    url,
    `SELECT c.supplier_id, e.id,
            to_char(LEAST($3::date, c.ends_on), 'YYYY-MM-DD') AS delivered_on
       FROM engagement e JOIN contract c ON c.id = e.contract_id
      WHERE e.programme_id = $1 AND e.status IN ('APPROVED', 'IN_DELIVERY')
        AND e.service_line <> 'COACHING_MENTORING' AND c.starts_on <= $3::date
        AND c.supplier_id = (
          SELECT c2.supplier_id FROM engagement e2 JOIN contract c2 ON c2.id = e2.contract_id
           WHERE e2.programme_id = $1 AND e2.status IN ('APPROVED', 'IN_DELIVERY')
             AND e2.service_line <> 'COACHING_MENTORING' AND c2.starts_on <= $3::date
           GROUP BY c2.supplier_id ORDER BY count(*) DESC, c2.supplier_id LIMIT 1)
      ORDER BY (e.financial_year = $2) DESC, e.id
      LIMIT 50`,
    [programme.id, programme.financial_year, today],
  );
  const [first] = rows;
  if (!first)
    throw new Error('No engagement open to delivery outside coaching: nothing to record on.');
  return {
    programmeId: programme.id,
    programmeName: programme.name,
    financialYear: programme.financial_year,
    supplierId: first.supplier_id,
    deliverable: rows.map((row) => ({ engagementId: row.id, deliveredOn: row.delivered_on })),
  };
}

/** The nested query's page of LAs. */
export const NESTED_PAGE = 50;

export function scenariosFor(data: ScenarioData): Scenario[] {
  const year = { year: data.financialYear };
  return [
    {
      name: 'laListWithLatestInspection',
      description: 'LA list with latest inspection',
      label: 'first: 50',
      caller: 'ADMIN',
      query: LA_LIST,
      variables: () => ({ first: 50 }),
      smaller: { label: 'first: 10', variables: { first: 10 } },
      // caller 2, page 2, latest inspections 1
      statementBound: 5,
    },
    {
      name: 'nested',
      description: 'LAs → engagements → sessions',
      label: `first: ${NESTED_PAGE}`,
      caller: 'ADMIN',
      query: nestedQuery(NESTED_PAGE),
      variables: () => year,
      smaller: { label: 'first: 10', variables: year, query: nestedQuery(10) },
      // caller 2, page 2, engagements 1, sessions 2 (their links, then the sessions)
      statementBound: 7,
    },
    {
      name: 'programmeDashboard',
      statementBound: null,
      description: `programmeDashboard (${data.programmeName}, ${data.financialYear})`,
      label: data.financialYear,
      caller: 'ADMIN',
      query: DASHBOARD,
      variables: () => ({ id: data.programmeId, year: data.financialYear }),
    },
    {
      name: 'eligibility',
      statementBound: null,
      description: 'eligibleLocalAuthorities (coaching and mentoring)',
      label: 'all LAs',
      caller: 'ADMIN',
      query: ELIGIBILITY,
      variables: () => ({ id: data.programmeId }),
    },
    {
      name: 'recordSession',
      statementBound: null,
      description: 'recordSession (a supplier, a new session each time)',
      label: 'one engagement',
      caller: 'SUPPLIER',
      query: RECORD_SESSION,
      variables: (n) => recordSessionVariables(data, n),
    },
  ];
}

/** The n-th request's session, on the n-th engagement in turn, so requests rarely queue on a lock. */
export function recordSessionVariables(data: ScenarioData, n: number): Record<string, unknown> {
  const target = data.deliverable[n % data.deliverable.length];
  if (!target) throw new Error('no deliverable engagement');
  return {
    input: {
      engagementIds: [target.engagementId],
      deliveredOn: target.deliveredOn,
      durationMinutes: 60,
      format: 'ONLINE',
      topic: `Benchmark session ${n}`,
      attendance: [{ role: 'LEAD_MEMBER', count: 2 }],
    },
  };
}
