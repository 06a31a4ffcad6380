import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';

/**
 * Runs a service's transaction and, once it has committed, relays the jobs it enqueued. The
 * relay does not hold up the caller, and a job it cannot relay (Redis down) waits in the outbox
 * for the worker's sweep.
 */
@Injectable()
export class TransactionRunner {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let enqueued: string[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const value = await work(manager);
      enqueued = this.outbox.takeWritten(manager);
      return value;
    });
    this.relay.relaySoon(enqueued);
    return result;
  }
}
