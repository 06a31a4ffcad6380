import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

/**
 * Keeps the worker process waiting for jobs until it is told to stop. BullMQ's own connections
 * do this once processors exist; with none registered the process would otherwise just exit.
 */
@Injectable()
export class KeepAlive implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => undefined, 60_000);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
