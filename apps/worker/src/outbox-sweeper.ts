import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';
import { OutboxRelay } from '@la-tracker/platform/queue';

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Relays outbox rows that the relay after commit missed (Redis was down, or the process stopped
 * first), every `OUTBOX_SWEEP_INTERVAL_MS`, and prunes old relayed rows once an hour. Its timer
 * also keeps the worker process alive when no queue has jobs yet.
 */
@Injectable()
export class OutboxSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;
  private lastPrunedAt = 0;
  private waitingReported = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep().finally(() => {
        this.sweeping = undefined;
        this.schedule(this.config.outboxSweepIntervalMs);
      });
    }, delayMs);
  }

  private async sweep(): Promise<void> {
    try {
      const result = await this.relay.sweep();
      if (result.failed > 0 && !this.waitingReported)
        this.logger.warn(
          `${result.failed} job(s) could not be relayed and wait in the outbox: ${result.firstError}`,
        );
      else if (result.failed === 0 && this.waitingReported)
        this.logger.log('The outbox is relaying again');
      this.waitingReported = result.failed > 0;
      if (Date.now() - this.lastPrunedAt >= PRUNE_INTERVAL_MS) {
        this.lastPrunedAt = Date.now();
        await this.relay.prune();
      }
    } catch (error) {
      this.logger.warn(
        `The outbox sweep failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
