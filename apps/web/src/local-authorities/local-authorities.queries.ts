import type { EligibilityNode, EngagementNode, InspectionNode } from './la-page.rules';
import type { LaListNode } from './local-authorities.rules';

/** One request per list page: the regions for the filter, and the page with each LA's status. */
export const LOCAL_AUTHORITIES = /* GraphQL */ `
  query LocalAuthorities(
    $first: Int!
    $after: String
    $filter: LocalAuthorityFilter
    $withEligibility: Boolean!
  ) {
    regions {
      code
      name
    }
    localAuthorities(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          gssCode
          name
          region {
            code
            name
          }
          latestInspection {
            type
            inspectedOn
            publishedOn
            overallEffectiveness
          }
          eligibility(serviceLine: COACHING_MENTORING) @include(if: $withEligibility) {
            eligible
          }
          engagements {
            status
          }
        }
      }
    }
  }
`;

export interface LocalAuthoritiesAnswer {
  regions: Array<{ code: string; name: string }>;
  localAuthorities: {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    edges: Array<{ node: LaListNode }>;
  };
}

/** Inspections shown on an LA's page: every LA has far fewer (about one a year since 2018). */
export const INSPECTIONS_SHOWN = 100;

/** One request for an LA's page: its reference data, inspections, eligibility and support. */
export const LOCAL_AUTHORITY = /* GraphQL */ `
  query LocalAuthority($code: String!, $inspections: Int!, $withEligibility: Boolean!) {
    localAuthority(code: $code) {
      gssCode
      dfeCode
      earlierGssCodes
      name
      type
      validFrom
      validTo
      region {
        code
        name
        improvementAlliance
      }
      predecessors {
        gssCode
        name
      }
      successors {
        gssCode
        name
      }
      inspections(first: $inspections) {
        totalCount
        edges {
          node {
            id
            type
            inspectedOn
            publishedOn
            letterDate
            theme
            overallEffectiveness
            impactOfLeaders
            helpAndProtection
            childrenInCare
            careLeavers
            priorityActionAreas
          }
        }
      }
      eligibility(serviceLine: COACHING_MENTORING) @include(if: $withEligibility) {
        asOf
        eligible
        basis
        declines {
          area
          from
          to
        }
        evidence {
          inspections {
            id
            type
            inspectedOn
            publishedOn
          }
          concerns {
            id
            note
            recordedOn
            withdrawnOn
          }
        }
      }
      engagements {
        id
        serviceLine
        financialYear
        status
        referredOn
        decidedOn
        startedOn
        completedOn
        withdrawnOn
        supplier {
          name
        }
        sessions {
          id
          status
          deliveredOn
          plannedOn
        }
        diagnostic {
          id
          status
          plannedOn
          fieldworkStartedOn
          draftReportOn
          finalReportOn
        }
      }
    }
  }
`;

export interface LocalAuthorityAnswer {
  localAuthority: {
    gssCode: string;
    dfeCode: string;
    earlierGssCodes: string[];
    name: string;
    type: string;
    validFrom: string | null;
    validTo: string | null;
    region: { code: string; name: string; improvementAlliance: string };
    predecessors: Array<{ gssCode: string; name: string }>;
    successors: Array<{ gssCode: string; name: string }>;
    inspections: { totalCount: number; edges: Array<{ node: InspectionNode }> };
    eligibility?: EligibilityNode | null;
    engagements: EngagementNode[];
  } | null;
}
