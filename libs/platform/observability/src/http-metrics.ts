import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram, type Registry } from 'prom-client';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The path as a label: one of the paths the app names, or `other` (never the raw URL). */
export function routeLabel(url: string | undefined, paths: readonly string[]): string {
  const path = (url ?? '').split('?')[0].replace(/(.)\/+$/, '$1');
  return paths.includes(path) ? path : 'other';
}

export function methodLabel(method: string | undefined): string {
  return method && METHODS.has(method) ? method : 'other';
}

type Labels = 'method' | 'route' | 'status_code';

/** Counts HTTP requests and their latency, labelled so that the series stay few. */
export class HttpMetrics {
  private readonly requests: Counter<Labels>;
  private readonly duration: Histogram<Labels>;

  constructor(
    registry: Registry,
    private readonly paths: readonly string[],
  ) {
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route and status code.',
      labelNames: ['method', 'route', 'status_code'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to finishing its response.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  readonly middleware = (
    req: IncomingMessage & { originalUrl?: string },
    res: ServerResponse,
    next: () => void,
  ): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = {
        method: methodLabel(req.method),
        // Mounted middleware sees a shortened `url`; `originalUrl` is the whole path.
        route: routeLabel(req.originalUrl ?? req.url, this.paths),
        status_code: String(res.statusCode),
      };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
