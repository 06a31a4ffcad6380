/** A message to send: the reference is how its outcome is found again if it is lost. */
export interface OutgoingMessage {
  reference: string;
  /** The kind of reminder, which picks the template. */
  template: string;
  emailAddress: string;
  personalisation: Record<string, string>;
}

/**
 * Where messages go: GOV.UK Notify in production, a table in development. Notify takes no
 * idempotency key, so every channel can be asked whether it already has a message.
 */
export abstract class NotificationChannel {
  abstract readonly name: string;

  /** Resolves with the channel's id for the message; rejects with `SendError` when it fails. */
  abstract send(message: OutgoingMessage): Promise<{ providerMessageId: string }>;

  /** The channel's id for the message sent with this reference, or null when it has none. */
  abstract findByReference(reference: string): Promise<{ providerMessageId: string } | null>;
}

/** A failed send, with the HTTP status where one came back (none for a timeout). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}
