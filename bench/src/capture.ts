import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { STATEMENT_HEADER, type GraphQLAnswer, type RunningApi } from './api';
import type { CapturedStatement } from './sql-replay';

/** Sends one request marked for capture (see capture-sql.ts); its answer and the statements it cost. */
export async function captureRequest(
  api: RunningApi,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ answer: GraphQLAnswer; statements: CapturedStatement[] }> {
  const captureFile = api.captureFile;
  if (!captureFile) throw new Error('This api was started without SQL capture');
  const tag = randomUUID();
  const response = await fetch(api.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-bench-capture': tag,
    },
    body: JSON.stringify({ query, variables }),
  });
  const statements = response.headers.get(STATEMENT_HEADER);
  const answer: GraphQLAnswer = {
    status: response.status,
    statements: statements === null ? null : Number(statements),
    body: (await response.json()) as GraphQLAnswer['body'],
  };
  const captured = readFileSync(captureFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes(tag))
    .map((line) => JSON.parse(line) as CapturedStatement)
    .filter((statement) => statement.tag === tag);
  return { answer, statements: captured };
}
