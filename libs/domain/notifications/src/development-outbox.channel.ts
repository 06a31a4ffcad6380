import { type DataSource } from 'typeorm';
import { DevelopmentOutboxMessage } from './development-outbox-message.entity';
import { NotificationChannel, type OutgoingMessage } from './notification-channel';

/** Keeps messages in a table instead of sending them, for development and demonstrations. */
export class DevelopmentOutboxChannel extends NotificationChannel {
  readonly name = 'development outbox';

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    const saved = await this.dataSource.getRepository(DevelopmentOutboxMessage).save({
      reference: message.reference,
      emailAddress: message.emailAddress,
      template: message.template,
      personalisation: message.personalisation,
    });
    return { providerMessageId: saved.id };
  }

  async findByReference(reference: string): Promise<{ providerMessageId: string } | null> {
    const found = await this.dataSource
      .getRepository(DevelopmentOutboxMessage)
      .findOne({ where: { reference }, order: { createdAt: 'ASC' } });
    return found ? { providerMessageId: found.id } : null;
  }
}
