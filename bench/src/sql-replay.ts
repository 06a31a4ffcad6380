/** One SQL statement the api sent while answering one request, as capture-sql.ts records it. */
export interface CapturedStatement {
  /** The request it belongs to (its x-bench-capture header). */
  tag: string;
  text: string;
  params: unknown[];
  /** Which pooled connection sent it (numbered in the api's process). */
  client: number;
  /** Milliseconds on the api's clock. */
  startedAt: number;
  endedAt: number;
  /** Rows it returned or changed; -1 when it failed. */
  rows: number;
}

export interface ReplayStatement {
  text: string;
  params: unknown[];
}

/**
 * How to send a request's statements again: steps one after another, the statements of a step at
 * once on separate connections (the api sent them while another was still running: DataLoader
 * batches of sibling fields), or everything on one connection in order when the api used a
 * transaction.
 */
export interface ReplayPlan {
  oneConnection: boolean;
  steps: ReplayStatement[][];
}

const TRANSACTION = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/** Groups captured statements into steps of statements that overlapped in time. */
export function replayPlanOf(captured: readonly CapturedStatement[]): ReplayPlan {
  const ordered = [...captured].sort((a, b) => a.startedAt - b.startedAt);
  const oneConnection = ordered.some((statement) => TRANSACTION.test(statement.text));
  const steps: ReplayStatement[][] = [];
  let stepEnd = -Infinity;
  for (const statement of ordered) {
    const replay = { text: statement.text, params: statement.params };
    const current = steps[steps.length - 1];
    if (current && !oneConnection && statement.startedAt < stepEnd) {
      current.push(replay);
      stepEnd = Math.max(stepEnd, statement.endedAt);
    } else {
      steps.push([replay]);
      stepEnd = statement.endedAt;
    }
  }
  return { oneConnection, steps };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GSS_CODE = /^[EWSN]\d{8}$/;

/** The identifiers (UUIDs and ONS codes) anywhere in a JSON value, each once. */
export function identifiersIn(value: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      if (UUID.test(node) || GSS_CODE.test(node)) found.add(node.toLowerCase());
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return found;
}

/** Identifiers the api answered with that the floor's answer lacks: empty when it has them all. */
export function missingIdentifiers(api: unknown, floor: unknown): string[] {
  const floorIds = identifiersIn(floor);
  return [...identifiersIn(api)].filter((id) => !floorIds.has(id)).sort();
}
