import autocannon from 'autocannon';
import { percentile, type RunFigures } from './figures';

const tenths = (ms: number) => Math.round(ms * 10) / 10;

export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  /** The body of the n-th request. */
  body: (n: number) => string;
}

export interface LoadOptions {
  seconds: number;
  connections: number;
}

/**
 * One autocannon run. Every answer's body is checked (a GraphQL `errors` member counts as an
 * error, like a non-2xx status), and latencies are kept to give p95, which autocannon lacks.
 */
export async function loadRun(target: LoadTarget, options: LoadOptions): Promise<RunFigures> {
  let sent = 0;
  let bodyErrors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  let finished!: (result: autocannon.Result) => void;
  let failed!: (error: unknown) => void;
  const outcome = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const instance = autocannon(
    {
      url: target.url,
      method: 'POST',
      connections: options.connections,
      duration: options.seconds,
      headers: { 'content-type': 'application/json', ...target.headers },
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({ ...request, body: target.body(sent++) }),
          onResponse: (status, body) => {
            if (status === 200 && body.includes('"errors"')) {
              bodyErrors += 1;
              firstError ??= body.slice(0, 500);
            } else if (status !== 200) firstError ??= `${status} ${body.slice(0, 500)}`;
          },
        },
      ],
    },
    (error, result) => (error ? failed(error) : finished(result)),
  );
  // The run's own 'response' event: (client, status, bytes, milliseconds).
  (instance as unknown as NodeJS.EventEmitter).on(
    'response',
    (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms),
  );
  const result = await outcome;
  const errors = result.non2xx + result.errors + result.timeouts + bodyErrors;
  if (errors > 0 && firstError) process.stdout.write(`    first error: ${firstError}\n`);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: tenths(percentile(latencies, 50) ?? 0),
    p95Ms: tenths(percentile(latencies, 95) ?? 0),
    p99Ms: tenths(percentile(latencies, 99) ?? 0),
    requests: result.requests.total,
    errors,
  };
}
