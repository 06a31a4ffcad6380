import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics';

/** A registry of the process's own (not prom-client's global one), with Node's default metrics. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Makes the process's metrics registry injectable as prom-client's `Registry`. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: Registry, useFactory: createMetricsRegistry }],
      exports: [Registry],
    };
  }
}

/** Nest may make a middleware more than once; the metrics it records must exist once. */
@Injectable()
class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(HttpMetrics) private readonly metrics: HttpMetrics) {}

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    this.metrics.middleware(req, res, next);
  }
}

/** Request counts and latency for every HTTP request; `paths` are the routes named in labels. */
@Module({})
export class HttpMetricsModule implements NestModule {
  static forRoot(options: { paths: readonly string[] }): DynamicModule {
    return {
      module: HttpMetricsModule,
      providers: [
        {
          provide: HttpMetrics,
          inject: [Registry],
          useFactory: (registry: Registry) => new HttpMetrics(registry, options.paths),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
