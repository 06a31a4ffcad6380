/** The GraphQL the sessions pages send, and the shapes of what comes back. */

export const SESSIONS = /* GraphQL */ `
  query Sessions($filter: DeliverySessionFilter, $after: String) {
    deliverySessions(filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          deliveredOn
          plannedOn
          durationMinutes
          serviceLine
          overdue
          dueBy
          engagements {
            id
            localAuthority {
              name
            }
          }
        }
      }
    }
    engagements(first: 100) {
      edges {
        node {
          id
          serviceLine
          financialYear
          localAuthority {
            name
          }
        }
      }
    }
  }
`;

export const SESSION = /* GraphQL */ `
  query Session($id: ID!, $withCost: Boolean!) {
    deliverySession(id: $id) {
      id
      status
      deliveredOn
      plannedOn
      durationMinutes
      format
      topic
      notes
      serviceLine
      financialYear
      overdue
      dueBy
      returnReason
      reference
      cost @include(if: $withCost)
      noChargeReason
      contract {
        reference
        supplier {
          name
        }
      }
      engagements {
        id
        financialYear
        localAuthority {
          gssCode
          name
        }
      }
      attendance {
        count
        role
        localAuthority {
          gssCode
          name
        }
      }
    }
  }
`;

/** The supplier's engagements a session may be recorded for. */
export const RECORDABLE_ENGAGEMENTS = /* GraphQL */ `
  query RecordableEngagements {
    engagements(first: 100, filter: { status: [APPROVED, IN_DELIVERY] }) {
      edges {
        node {
          id
          serviceLine
          financialYear
          status
          localAuthority {
            gssCode
            name
          }
          contract {
            id
            reference
          }
        }
      }
    }
  }
`;

const SESSION_FIELDS = 'id status';

export const RECORD_SESSION = /* GraphQL */ `
  mutation RecordSession($input: RecordSessionInput!) {
    recordSession(input: $input) { ${SESSION_FIELDS} }
  }
`;

export const UPDATE_SESSION = /* GraphQL */ `
  mutation UpdateSession($input: UpdateSessionInput!) {
    updateSession(input: $input) { ${SESSION_FIELDS} }
  }
`;

export const PLAN_SESSION = /* GraphQL */ `
  mutation PlanSession($input: PlanSessionInput!) {
    planSession(input: $input) { ${SESSION_FIELDS} }
  }
`;

export const SUBMIT_SESSION = /* GraphQL */ `
  mutation SubmitSession($id: ID!) {
    submitSession(id: $id) { ${SESSION_FIELDS} }
  }
`;

export const APPROVE_SESSION = /* GraphQL */ `
  mutation ApproveSession($id: ID!) {
    approveSession(id: $id) { ${SESSION_FIELDS} }
  }
`;

export const RETURN_SESSION = /* GraphQL */ `
  mutation ReturnSession($id: ID!, $reason: String!) {
    returnSession(id: $id, reason: $reason) { ${SESSION_FIELDS} }
  }
`;

export const IMPORT_SESSIONS = /* GraphQL */ `
  mutation ImportSessions($input: ImportSessionsInput!) {
    importSessions(input: $input) {
      fileName
      rowsRead
      dryRun
      sessions {
        reference
        rows
        deliveredOn
        localAuthorities
        attendees
        status
        sessionId
      }
    }
  }
`;

export interface LocalAuthorityRef {
  gssCode: string;
  name: string;
}

export interface SessionSummary {
  id: string;
  status: string;
  deliveredOn: string | null;
  plannedOn: string | null;
  durationMinutes: number | null;
  serviceLine: string;
  overdue: boolean;
  dueBy: string;
  engagements: Array<{ id: string; localAuthority: { name: string } }>;
}

export interface SessionDetail {
  id: string;
  status: string;
  deliveredOn: string | null;
  plannedOn: string | null;
  durationMinutes: number | null;
  format: string | null;
  topic: string | null;
  notes: string | null;
  serviceLine: string;
  financialYear: string;
  overdue: boolean;
  dueBy: string;
  returnReason: string | null;
  reference: string | null;
  cost?: string | null;
  noChargeReason: string | null;
  contract: { reference: string; supplier: { name: string } };
  engagements: Array<{ id: string; financialYear: string; localAuthority: LocalAuthorityRef }>;
  attendance: Array<{ count: number; role: string; localAuthority: LocalAuthorityRef }>;
}

export interface RecordableEngagement {
  id: string;
  serviceLine: string;
  financialYear: string;
  status: string;
  localAuthority: LocalAuthorityRef;
  contract: { id: string; reference: string } | null;
}

export interface ImportReport {
  fileName: string;
  rowsRead: number;
  dryRun: boolean;
  sessions: Array<{
    reference: string;
    rows: number[];
    deliveredOn: string;
    localAuthorities: number;
    attendees: number;
    status: string;
    sessionId: string | null;
  }>;
}
