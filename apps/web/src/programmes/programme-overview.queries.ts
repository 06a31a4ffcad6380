/** The programme's dates, to choose a year when none is asked for. */
export const PROGRAMME_DATES = /* GraphQL */ `
  query ProgrammeDates($id: ID!) {
    programme(id: $id) {
      id
      startsOn
      endsOn
    }
  }
`;

const ITEMS =
  'count items { kind title localAuthorities serviceLine supplier contract date dueBy sessionId engagementId localAuthorityCodes }';

/** Everything the overview shows, in one request (managers and admins only: the api refuses others). */
export const PROGRAMME_DASHBOARD = /* GraphQL */ `
  query ProgrammeDashboard($id: ID!, $year: String!) {
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
        sessionReports { ${ITEMS} }
        apaActionPlans { ${ITEMS} }
        monthlyReturns { ${ITEMS} }
        diagnosticFollowUps { ${ITEMS} }
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
 * The map's LAs (those of the year's first and last days, with predecessors two generations back
 * and their latest graded inspection) and lot 7's eligible LAs, in one request.
 */
export const PROGRAMME_MAP = /* GraphQL */ `
  query ProgrammeMap($id: ID!, $start: Date!, $end: Date!, $asOf: Date!) {
    programme(id: $id) {
      id
      name
      startsOn
      endsOn
    }
    regions {
      code
      name
      atStart: localAuthorities(activeOn: $start) {
        ...MapAuthority
      }
      atEnd: localAuthorities(activeOn: $end) {
        ...MapAuthority
      }
    }
    eligibleLocalAuthorities(asOf: $asOf, programmeId: $id, serviceLine: COACHING_MENTORING) {
      eligible
      localAuthority {
        gssCode
      }
    }
  }

  fragment MapAuthority on LocalAuthority {
    gssCode
    name
    earlierGssCodes
    latestInspection(asOf: $asOf) {
      overallEffectiveness
    }
    predecessors {
      gssCode
      earlierGssCodes
      predecessors {
        gssCode
        earlierGssCodes
      }
    }
  }
`;

/** A page of the programme's engagements of a year: the map asks until it has them all. */
export const YEAR_ENGAGEMENTS = /* GraphQL */ `
  query YearEngagements($id: ID!, $year: String!, $after: String) {
    engagements(filter: { programmeId: $id, financialYear: $year }, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          status
          serviceLine
          localAuthority {
            gssCode
          }
        }
      }
    }
  }
`;
