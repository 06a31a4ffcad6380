import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';

/** A problem with one field of an input, as the api names it (`extensions.fields`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A problem with one row of a file handed in (`extensions.problems`): row 1 is the header. */
export interface RowProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/**
 * The api said no: its error code (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, …),
 * its message, meant for people, and for bad input the fields at fault.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly problems: RowProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Who a request is made for: the person's token, and their address for the api's limits. */
export interface OnBehalfOf {
  token: string;
  clientAddress?: string;
  requestId?: string;
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{
    message: string;
    extensions?: { code?: unknown; fields?: unknown; problems?: unknown };
  }>;
}

const TIMEOUT_MS = 30_000;

function fieldsOf(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter((entry: unknown): entry is FieldProblem => {
    const problem = entry as Partial<Record<keyof FieldProblem, unknown>> | null;
    return typeof problem?.field === 'string' && typeof problem.message === 'string';
  });
}

function problemsOf(value: unknown): RowProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown): RowProblem[] => {
    const problem = entry as Partial<Record<keyof RowProblem, unknown>> | null;
    if (typeof problem?.message !== 'string') return [];
    return [
      {
        row: typeof problem.row === 'number' ? problem.row : null,
        column: typeof problem.column === 'string' ? problem.column : null,
        message: problem.message,
      },
    ];
  });
}

/**
 * The web app's only way to data: the GraphQL api, called with the signed-in person's own token,
 * so every rule and every scope the api enforces holds on the pages too.
 */
@Injectable()
export class ApiClient {
  private readonly url: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.url = `${config.web.apiUrl}/graphql`;
  }

  /** The answer's data, or the first error as an `ApiError`. */
  async request<T>(
    who: OnBehalfOf,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${who.token}`,
    };
    if (who.clientAddress) headers['x-forwarded-for'] = who.clientAddress;
    if (who.requestId) headers['x-request-id'] = who.requestId;
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError('API_UNAVAILABLE', 'The service cannot be reached at the moment.');
    }
    let answer: GraphQLAnswer<T>;
    try {
      answer = (await response.json()) as GraphQLAnswer<T>;
    } catch {
      throw new ApiError('API_UNAVAILABLE', `The service answered ${response.status}.`);
    }
    const [error] = answer.errors ?? [];
    if (error) {
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL';
      throw new ApiError(
        code,
        error.message,
        fieldsOf(error.extensions?.fields),
        problemsOf(error.extensions?.problems),
      );
    }
    if (!answer.data) throw new ApiError('INTERNAL', 'The service sent no answer.');
    return answer.data;
  }
}
