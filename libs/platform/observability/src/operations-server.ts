import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import { HealthModule, ReadinessService } from './readiness';

const OPERATIONS_PORT = Symbol('OPERATIONS_PORT');

/**
 * A small HTTP listener for a process with no HTTP server of its own (the worker):
 * `/health/live`, `/health/ready` and `/metrics`, the same answers the api gives on its port.
 */
@Injectable()
export class OperationsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OperationsServer.name);
  private server?: Server;

  constructor(
    @Inject(OPERATIONS_PORT) private readonly port: number,
    @Inject(ReadinessService) private readonly readiness: ReadinessService,
    @Inject(Registry) private readonly registry: Registry,
  ) {}

  /** The port it listens on: the configured one, or the one the system chose for port 0. */
  get listeningPort(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(
                `Port ${this.port} is already in use: choose another for health and metrics.`,
              )
            : error,
        ),
      );
      server.listen(this.port, () => resolve());
    });
    this.server = server;
    this.logger.log(`Health and metrics on http://localhost:${this.listeningPort}/health/ready`);
  }

  /** After the readiness probe has reported "shutting down" for the rest of the shutdown. */
  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'application/json', { message: 'Only GET is served here.' });
      }
      switch (path) {
        case '/health/live':
          return send(res, 200, 'application/json', { status: 'ok' });
        case '/health/ready': {
          const report = await this.readiness.check();
          return send(res, report.httpStatus, 'application/json', report.body);
        }
        case '/metrics':
          return send(res, 200, this.registry.contentType, await this.registry.metrics());
        default:
          return send(res, 404, 'application/json', { message: `Nothing at ${path}.` });
      }
    } catch (error) {
      this.logger.error(error instanceof Error ? error : String(error));
      send(res, 500, 'application/json', { message: 'The check itself failed; see the log.' });
    }
  }
}

function send(res: ServerResponse, status: number, type: string, body: unknown): void {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Serves health and metrics on `port` (0: any free port, for tests). Needs the metrics module. */
@Module({})
export class OperationsServerModule {
  static forRoot(options: { port: number }): DynamicModule {
    return {
      module: OperationsServerModule,
      imports: [HealthModule],
      providers: [{ provide: OPERATIONS_PORT, useValue: options.port }, OperationsServer],
      exports: [OperationsServer],
    };
  }
}
