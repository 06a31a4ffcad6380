import axios, { isAxiosError } from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { NotificationChannel, SendError, type OutgoingMessage } from './notification-channel';
import { SEND_TIMEOUT_MS } from './notification.rules';

export interface NotifySettings {
  apiKey: string;
  /** GOV.UK Notify's API unless another is named (a test's stand-in). */
  baseUrl?: string;
  /** A template per kind of reminder. */
  templateIds: Readonly<Record<string, string>>;
  /** How long a request may take; shorter than the sending lease, always. */
  timeoutMs?: number;
}

/** Sends through GOV.UK Notify with its own client, every request bounded by a timeout. */
export class NotifyChannel extends NotificationChannel {
  readonly name = 'GOV.UK Notify';
  private readonly client: NotifyClient;

  constructor(private readonly settings: NotifySettings) {
    super();
    this.client = settings.baseUrl
      ? new NotifyClient(settings.baseUrl, settings.apiKey)
      : new NotifyClient(settings.apiKey);
    this.client.setClient(axios.create({ timeout: settings.timeoutMs ?? SEND_TIMEOUT_MS }));
  }

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    const templateId = this.settings.templateIds[message.template];
    if (!templateId)
      throw new SendError(`No GOV.UK Notify template is configured for ${message.template}`, 400);
    try {
      const response = await this.client.sendEmail(templateId, message.emailAddress, {
        personalisation: message.personalisation,
        reference: message.reference,
      });
      return { providerMessageId: response.data.id };
    } catch (error) {
      throw asSendError(error, 'send');
    }
  }

  async findByReference(reference: string): Promise<{ providerMessageId: string } | null> {
    try {
      const response = await this.client.getNotifications('email', undefined, reference);
      const [found] = response.data.notifications;
      return found ? { providerMessageId: found.id } : null;
    } catch (error) {
      throw asSendError(error, 'look up');
    }
  }
}

/** Notify's own words for a refusal, which name the problem but not the recipient. */
function asSendError(error: unknown, doing: string): SendError {
  if (!isAxiosError(error))
    return new SendError(`Could not ${doing} the message: ${String(error)}`);
  const status = error.response?.status;
  const body = error.response?.data as { errors?: Array<{ message?: string }> } | undefined;
  const reason = body?.errors?.map((e) => e.message).join('; ') || error.message;
  return new SendError(
    `GOV.UK Notify could not ${doing} the message${status ? ` (HTTP ${status})` : ''}: ${reason}`,
    status,
  );
}
