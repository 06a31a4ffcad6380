/**
 * The nested query's answer (LAs → engagements → sessions) in one shape for both the api and
 * PostGraphile, so the benchmark can check that both sides return the same data before timing them.
 */
export interface NestedSession {
  id: string;
  status: string;
  deliveredOn: string | null;
  durationMinutes: number | null;
}

export interface NestedEngagement {
  id: string;
  serviceLine: string;
  status: string;
  sessions: NestedSession[];
}

export interface NestedLocalAuthority {
  gssCode: string;
  name: string;
  engagements: NestedEngagement[];
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string }>;
}

interface ApiNestedData {
  localAuthorities: {
    edges: Array<{
      node: {
        gssCode: string;
        name: string;
        engagements: Array<{
          id: string;
          serviceLine: string;
          status: string;
          sessions: NestedSession[];
        }>;
      };
    }>;
  };
}

interface PostgraphileNestedData {
  localAuthoritiesActiveOn: {
    edges: Array<{
      node: {
        gssCode: string;
        name: string;
        engagementsByLocalAuthorityId: {
          nodes: Array<{
            rowId: string;
            serviceLine: string;
            status: string;
            latestSessions: {
              nodes: Array<{
                rowId: string;
                status: string;
                deliveredOn: string | null;
                durationMinutes: number | null;
              }>;
            };
          }>;
        };
      };
    }>;
  };
}

function dataOf<T>(side: string, body: GraphQLBody<T>): T {
  if (body.errors?.length) {
    throw new Error(
      `${side} answered with errors: ${body.errors.map((e) => e.message).join('; ')}`,
    );
  }
  if (!body.data) throw new Error(`${side} answered without data`);
  return body.data;
}

export function normaliseApiNested(body: GraphQLBody<ApiNestedData>): NestedLocalAuthority[] {
  return dataOf('The api', body).localAuthorities.edges.map(({ node }) => ({
    gssCode: node.gssCode,
    name: node.name,
    engagements: node.engagements.map((engagement) => ({
      id: engagement.id,
      serviceLine: engagement.serviceLine,
      status: engagement.status,
      sessions: engagement.sessions.map((session) => ({
        id: session.id,
        status: session.status,
        deliveredOn: session.deliveredOn,
        durationMinutes: session.durationMinutes,
      })),
    })),
  }));
}

/** PostGraphile's connections (`nodes`) and `rowId`s, as the api's lists and `id`s. */
export function normalisePostgraphileNested(
  body: GraphQLBody<PostgraphileNestedData>,
): NestedLocalAuthority[] {
  return dataOf('PostGraphile', body).localAuthoritiesActiveOn.edges.map(({ node }) => ({
    gssCode: node.gssCode,
    name: node.name,
    engagements: node.engagementsByLocalAuthorityId.nodes.map((engagement) => ({
      id: engagement.rowId,
      serviceLine: engagement.serviceLine,
      status: engagement.status,
      sessions: engagement.latestSessions.nodes.map((session) => ({
        id: session.rowId,
        status: session.status,
        deliveredOn: session.deliveredOn,
        durationMinutes: session.durationMinutes,
      })),
    })),
  }));
}

/** Where two answers first differ (order matters at every level), or null when they are the same. */
export function firstDifference(
  expected: readonly NestedLocalAuthority[],
  actual: readonly NestedLocalAuthority[],
): string | null {
  if (expected.length !== actual.length) {
    return `${expected.length} LAs expected, ${actual.length} found`;
  }
  for (const [i, la] of expected.entries()) {
    const other = actual[i];
    const at = `LA ${i + 1} (${la.gssCode})`;
    if (la.gssCode !== other.gssCode || la.name !== other.name) {
      return `${at}: found ${other.gssCode} ${other.name}`;
    }
    if (la.engagements.length !== other.engagements.length) {
      return `${at}: ${la.engagements.length} engagements expected, ${other.engagements.length} found`;
    }
    for (const [j, engagement] of la.engagements.entries()) {
      const found = other.engagements[j];
      const where = `${at}, engagement ${engagement.id}`;
      if (
        JSON.stringify({ ...engagement, sessions: [] }) !==
        JSON.stringify({ ...found, sessions: [] })
      ) {
        return `${where}: found ${JSON.stringify({ ...found, sessions: undefined })}`;
      }
      if (JSON.stringify(engagement.sessions) !== JSON.stringify(found.sessions)) {
        return `${where}: sessions ${JSON.stringify(engagement.sessions.map((s) => s.id))} expected, ${JSON.stringify(found.sessions.map((s) => s.id))} found`;
      }
    }
  }
  return null;
}
