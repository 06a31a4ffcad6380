export const NOTIFICATION_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * What a notification is about: the reminders of SPEC §6, found by the daily scan, and the notices
 * a change sends as it is made (a session submitted for sign-off). Each has its own Notify template.
 */
export const NOTIFICATION_KINDS = [
  'SESSION_REPORT_OVERDUE',
  'APA_PLAN_DUE',
  'DIAGNOSTIC_FOLLOW_UP_DUE',
  'MONTHLY_RETURN_DUE',
  'ENGAGEMENT_STALLED',
  'SESSION_AWAITING_SIGN_OFF',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const RECIPIENT_TYPES = ['SUPPLIER_CONTACT', 'PROGRAMME_MANAGER'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

/**
 * How long a send may take before another worker may look into it: longer than the mail
 * service's timeout, so a send still in flight is never taken for a lost one.
 */
export const SEND_TIMEOUT_MS = 10_000;
export const SENDING_LEASE_MS = 3 * SEND_TIMEOUT_MS;

export type DeliveryStep =
  /** Sent or failed for good: nothing to do, however often the job runs. */
  | { step: 'DONE' }
  /** Another worker is sending it now: try again once its lease is over. */
  | { step: 'BUSY'; retryInMs: number }
  /** Never tried: record the attempt, then send. */
  | { step: 'SEND' }
  /**
   * An attempt was made whose outcome is unknown (a crash, a timeout): ask the mail service
   * whether it has the message before sending again.
   */
  | { step: 'RECONCILE' };

export interface DeliveryState {
  status: NotificationStatus;
  /** When the last attempt was recorded; null before the first. */
  sendingAt: Date | null;
}

/** What a worker holding the notification's lock does next. */
export function deliveryStep(state: DeliveryState, now: Date): DeliveryStep {
  switch (state.status) {
    case 'SENT':
    case 'FAILED':
      return { step: 'DONE' };
    case 'PENDING':
      return { step: 'SEND' };
    case 'SENDING': {
      const since = state.sendingAt ? now.getTime() - state.sendingAt.getTime() : Infinity;
      return since < SENDING_LEASE_MS
        ? { step: 'BUSY', retryInMs: SENDING_LEASE_MS - since }
        : { step: 'RECONCILE' };
    }
  }
}

/**
 * The reference the mail service keeps with a message, by which a lost outcome is found again:
 * the notification's own id, which says nothing about the person.
 */
export function referenceOf(notification: { id: string }): string {
  return notification.id;
}

export type SendFailure = 'REJECTED' | 'UNKNOWN';

/**
 * A message the mail service refused as bad (400: a bad address, a missing personalisation) will
 * not change on a retry. Anything else may pass or may already have gone: a timeout, a dropped
 * connection, 429, a 5xx, and 403 too, which Notify also answers when the sender's clock drifts.
 */
export function sendFailureOf(httpStatus: number | undefined): SendFailure {
  return httpStatus === 400 ? 'REJECTED' : 'UNKNOWN';
}
