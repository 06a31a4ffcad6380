/** The GraphQL documents the engagement pages send, on the signed-in person's behalf. */

export const ENGAGEMENTS = /* GraphQL */ `
  query Engagements($filter: EngagementFilter, $first: Int, $after: String) {
    engagements(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          financialYear
          serviceLine
          status
          localAuthority {
            gssCode
            name
          }
          supplier {
            name
          }
        }
      }
    }
    programmes {
      id
      name
      startsOn
      endsOn
    }
    regions {
      code
      name
    }
  }
`;

const ENGAGEMENT_FIELDS = `
  id
  status
  serviceLine
  financialYear
  referralReason
  referredOn
  decidedOn
  declineReason
  startedOn
  completedOn
  withdrawnOn
  withdrawalReason
  localAuthority {
    gssCode
    name
    region {
      name
    }
  }
  programme {
    id
    name
    serviceLines {
      code
      name
    }
  }
  contract {
    id
    reference
  }
  supplier {
    name
  }
  sessions {
    id
    status
    deliveredOn
    plannedOn
    durationMinutes
    topic
    overdue
  }
`;

/** Supplier staff may not read eligibility or override reasons: the api refuses those fields. */
export const ENGAGEMENT = /* GraphQL */ `
  query Engagement($id: ID!) {
    engagement(id: $id) {
      ${ENGAGEMENT_FIELDS}
    }
  }
`;

export const ENGAGEMENT_WITH_ELIGIBILITY = /* GraphQL */ `
  query EngagementWithEligibility($id: ID!) {
    engagement(id: $id) {
      ${ENGAGEMENT_FIELDS}
      overrideReason
      eligibility {
        asOf
        eligible
        basis
      }
    }
  }
`;

export const REFERRAL_CHOICES = /* GraphQL */ `
  query ReferralChoices {
    programmes {
      id
      name
      startsOn
      endsOn
      serviceLines {
        code
        name
      }
    }
    regions {
      code
      localAuthorities {
        gssCode
        name
      }
    }
  }
`;

export const REFER = /* GraphQL */ `
  mutation Refer($input: ReferLocalAuthorityInput!) {
    referLocalAuthority(input: $input) {
      id
    }
  }
`;

/** What a manager needs before approving: the contracts that could take it, and eligibility. */
export const APPROVAL = /* GraphQL */ `
  query Approval($id: ID!) {
    engagement(id: $id) {
      id
      status
      serviceLine
      financialYear
      referredOn
      referralReason
      localAuthority {
        gssCode
        name
        # Only coaching and mentoring is open to eligible LAs alone (SPEC §5.4).
        eligibility(serviceLine: COACHING_MENTORING) {
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
              letterDate
              overallEffectiveness
              priorityActionAreas
            }
            concerns {
              id
              note
              recordedOn
            }
          }
        }
      }
      programme {
        id
        name
        serviceLines {
          code
          name
        }
        contracts {
          id
          reference
          startsOn
          endsOn
          supplier {
            name
          }
          lot {
            number
            title
            serviceLines {
              code
            }
          }
        }
      }
    }
  }
`;

export const CAP = /* GraphQL */ `
  query Cap($programmeId: ID!, $financialYear: String!) {
    programmeDashboard(programmeId: $programmeId, financialYear: $financialYear) {
      serviceLines {
        serviceLine
        name
        cap
        target
        localAuthoritiesReached
      }
    }
  }
`;

export const APPROVE = /* GraphQL */ `
  mutation Approve($input: ApproveEngagementInput!) {
    approveEngagement(input: $input) {
      id
    }
  }
`;

export const DECLINE = /* GraphQL */ `
  mutation Decline($id: ID!, $reason: String!) {
    declineEngagement(id: $id, reason: $reason) {
      id
    }
  }
`;

export const WITHDRAW = /* GraphQL */ `
  mutation Withdraw($id: ID!, $reason: String!) {
    withdrawEngagement(id: $id, reason: $reason) {
      id
    }
  }
`;

export const START = /* GraphQL */ `
  mutation Start($id: ID!) {
    startEngagement(id: $id) {
      id
    }
  }
`;

export const COMPLETE = /* GraphQL */ `
  mutation Complete($id: ID!) {
    completeEngagement(id: $id) {
      id
    }
  }
`;
