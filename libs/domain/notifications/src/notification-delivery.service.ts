import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppUser } from '@la-tracker/domain/identity';
import { SupplierContact } from '@la-tracker/domain/programmes';
import { isUuid } from '@la-tracker/platform/database';
import { RetryLaterError } from '@la-tracker/platform/queue';
import { Clock } from '@la-tracker/platform/time';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Notification } from './notification.entity';
import { NotificationChannel, SendError } from './notification-channel';
import {
  deliveryStep,
  referenceOf,
  SEND_TIMEOUT_MS,
  SENDING_LEASE_MS,
  sendFailureOf,
} from './notification.rules';

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
    const { notification, reconcile, emailAddress, claimedAt } = claimed;
    const attemptOf = { id: notification.id, claimedAt };
    const reference = referenceOf(notification);
    try {
      if (reconcile) {
        const found = await this.channel.findByReference(reference);
        if (found) return await this.markSent(attemptOf, found.providerMessageId);
      }
      if (!emailAddress)
        return await this.markFailed(
          attemptOf,
          `The ${notification.recipientType === 'SUPPLIER_CONTACT' ? 'supplier contact' : 'programme manager'} has no e-mail address on record`,
        );
      // Past this point another worker may take the attempt for a lost one: leave it to them.
      if (this.clock.now().getTime() - claimedAt.getTime() > SENDING_LEASE_MS - SEND_TIMEOUT_MS)
        throw new RetryLaterError(
          SENDING_LEASE_MS,
          `notification ${notification.id} took too long to start`,
        );
      const sent = await this.channel.send({
        reference,
        template: notification.kind,
        emailAddress,
        personalisation: { summary: notification.summary, due_on: notification.dueOn },
      });
      await this.markSent(attemptOf, sent.providerMessageId);
    } catch (error) {
      if (error instanceof RetryLaterError) throw error;
      const failure = error instanceof SendError ? sendFailureOf(error.httpStatus) : 'UNKNOWN';
      const reason = error instanceof Error ? error.message : String(error);
      if (failure === 'REJECTED') return await this.markFailed(attemptOf, reason);
      // Unknown: it may have gone. Left SENDING, so the next attempt looks it up first.
      await this.noteError(attemptOf, reason);
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
    const unresolved = { id: notificationId, status: In(['PENDING', 'SENDING']) };
    const repository = this.dataSource.getRepository(Notification);
    if (found)
      await repository.update(unresolved, {
        status: 'SENT',
        sentAt: this.clock.now(),
        providerMessageId: found.providerMessageId,
        lastError: null,
      });
    else {
      this.logger.warn(`Notification ${notificationId} failed: ${reason}`);
      await repository.update(unresolved, {
        status: 'FAILED',
        failedAt: this.clock.now(),
        lastError: `Given up after every attempt: ${reason}`,
      });
    }
  }

  /** Takes the notification for one attempt, recording it before anything is sent. */
  private async claim(id: string): Promise<{
    notification: Notification;
    reconcile: boolean;
    emailAddress: string | null;
    claimedAt: Date;
  } | null> {
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
          await manager.getRepository(Notification).update(
            { id },
            {
              status: 'SENDING',
              sendingAt: now,
              attempts: notification.attempts + 1,
              channel: this.channel.name,
            },
          );
          return {
            notification,
            reconcile: next.step === 'RECONCILE',
            emailAddress: await this.addressOf(manager, notification),
            claimedAt: now,
          };
      }
    });
  }

  private async addressOf(
    manager: EntityManager,
    notification: Notification,
  ): Promise<string | null> {
    const found =
      notification.recipientType === 'SUPPLIER_CONTACT'
        ? await manager.getRepository(SupplierContact).findOneBy({ id: notification.recipientId })
        : await manager.getRepository(AppUser).findOneBy({ id: notification.recipientId });
    return found?.email ?? null;
  }

  /**
   * An attempt's outcome is written only while the attempt is still the one on record, so a
   * worker that was given up on, or overtaken, cannot overwrite what another found.
   */
  private async markSent(attempt: Attempt, providerMessageId: string): Promise<void> {
    await this.recordOutcome(attempt, {
      status: 'SENT',
      sentAt: this.clock.now(),
      providerMessageId,
      lastError: null,
    });
  }

  private async markFailed(attempt: Attempt, reason: string): Promise<void> {
    this.logger.warn(`Notification ${attempt.id} failed: ${reason}`);
    await this.recordOutcome(attempt, {
      status: 'FAILED',
      failedAt: this.clock.now(),
      lastError: reason,
    });
  }

  private async noteError(attempt: Attempt, reason: string): Promise<void> {
    await this.recordOutcome(attempt, { lastError: reason });
  }

  private async recordOutcome(attempt: Attempt, changes: Partial<Notification>): Promise<void> {
    await this.dataSource
      .getRepository(Notification)
      .update({ id: attempt.id, status: 'SENDING', sendingAt: attempt.claimedAt }, changes);
  }
}

/** One attempt at a notification: its id and when the attempt was recorded. */
interface Attempt {
  id: string;
  claimedAt: Date;
}
