import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppUser } from '@la-tracker/domain/identity';
import { SupplierContact } from '@la-tracker/domain/programmes';
import { isUuid } from '@la-tracker/platform/database';
import { RetryLaterError } from '@la-tracker/platform/queue';
import { Clock } from '@la-tracker/platform/time';
import { DataSource, type EntityManager } from 'typeorm';
import { Notification } from './notification.entity';
import { NotificationChannel, SendError } from './notification-channel';
import { deliveryStep, referenceOf, sendFailureOf } from './notification.rules';

/**
 * Sends one notification, so that it reaches its recipient once whatever fails: the attempt is
 * recorded (SENDING) before the message goes and the outcome after; an attempt whose outcome was
 * lost is looked up at the mail service by its reference before anything is sent again.
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(NotificationChannel) private readonly channel: NotificationChannel,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The worker's job; safe to run any number of times, on any number of workers at once. */
  async deliver(notificationId: string, attempt: { number: number; of: number }): Promise<void> {
    if (!isUuid(notificationId)) return;
    const claimed = await this.claim(notificationId);
    if (!claimed) return;
    const { notification, reconcile } = claimed;
    const reference = referenceOf(notification);
    try {
      if (reconcile) {
        const found = await this.channel.findByReference(reference);
        if (found) return await this.markSent(notification.id, found.providerMessageId);
      }
      const emailAddress = await this.addressOf(notification);
      if (!emailAddress)
        return await this.markFailed(
          notification.id,
          `The ${notification.recipientType === 'SUPPLIER_CONTACT' ? 'supplier contact' : 'programme manager'} has no e-mail address on record`,
        );
      const sent = await this.channel.send({
        reference,
        template: notification.kind,
        emailAddress,
        personalisation: { summary: notification.summary, due_on: notification.dueOn },
      });
      await this.markSent(notification.id, sent.providerMessageId);
    } catch (error) {
      const failure = error instanceof SendError ? sendFailureOf(error.httpStatus) : 'UNKNOWN';
      const reason = error instanceof Error ? error.message : String(error);
      if (failure === 'REJECTED') return await this.markFailed(notification.id, reason);
      // Unknown: it may have gone. Left SENDING, so the next attempt looks it up first.
      await this.noteError(notification.id, reason);
      if (attempt.number >= attempt.of) await this.giveUp(notification.id, reason);
      throw error;
    }
  }

  /**
   * The queue gave up: a notification still unresolved is looked up one last time, then failed,
   * so it stays in view for admins instead of waiting for ever.
   */
  async giveUp(notificationId: string, reason: string): Promise<void> {
    if (!isUuid(notificationId)) return;
    const notification = await this.dataSource
      .getRepository(Notification)
      .findOneBy({ id: notificationId });
    if (!notification || notification.status === 'SENT' || notification.status === 'FAILED') return;
    const found =
      notification.status === 'SENDING'
        ? await this.channel.findByReference(referenceOf(notification)).catch(() => null)
        : null;
    if (found) return this.markSent(notificationId, found.providerMessageId);
    await this.markFailed(notificationId, `Given up after every attempt: ${reason}`);
  }

  /** Takes the notification for one attempt, recording it before anything is sent. */
  private async claim(
    id: string,
  ): Promise<{ notification: Notification; reconcile: boolean } | null> {
    return this.dataSource.transaction(async (manager) => {
      const notification = await manager
        .getRepository(Notification)
        .createQueryBuilder('n')
        .setLock('pessimistic_write')
        .where('n.id = :id', { id })
        .getOne();
      if (!notification) return null;
      const now = this.clock.now();
      const next = deliveryStep(notification, now);
      switch (next.step) {
        case 'DONE':
          return null;
        case 'BUSY':
          throw new RetryLaterError(next.retryInMs, `notification ${id} is being sent elsewhere`);
        case 'SEND':
        case 'RECONCILE':
          await this.record(manager, id, {
            status: 'SENDING',
            sendingAt: now,
            attempts: notification.attempts + 1,
            channel: this.channel.name,
          });
          return { notification, reconcile: next.step === 'RECONCILE' };
      }
    });
  }

  private async addressOf(notification: Notification): Promise<string | null> {
    const found =
      notification.recipientType === 'SUPPLIER_CONTACT'
        ? await this.dataSource
            .getRepository(SupplierContact)
            .findOneBy({ id: notification.recipientId })
        : await this.dataSource.getRepository(AppUser).findOneBy({ id: notification.recipientId });
    return found?.email ?? null;
  }

  private async markSent(id: string, providerMessageId: string): Promise<void> {
    await this.record(this.dataSource.manager, id, {
      status: 'SENT',
      sentAt: this.clock.now(),
      providerMessageId,
      lastError: null,
    });
  }

  private async markFailed(id: string, reason: string): Promise<void> {
    this.logger.warn(`Notification ${id} failed: ${reason}`);
    await this.record(this.dataSource.manager, id, {
      status: 'FAILED',
      failedAt: this.clock.now(),
      lastError: reason,
    });
  }

  private async noteError(id: string, reason: string): Promise<void> {
    await this.record(this.dataSource.manager, id, { lastError: reason });
  }

  private async record(
    manager: EntityManager,
    id: string,
    changes: Partial<Notification>,
  ): Promise<void> {
    await manager.getRepository(Notification).update({ id }, changes);
  }
}
