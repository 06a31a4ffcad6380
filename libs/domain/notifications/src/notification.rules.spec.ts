import { NOTIFY_TEMPLATE_KINDS } from '@la-tracker/platform/config';
import {
  deliveryStep,
  NOTIFICATION_KINDS,
  referenceOf,
  SENDING_LEASE_MS,
  sendFailureOf,
} from './notification.rules';

const NOW = new Date('2026-11-25T07:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe('deliveryStep', () => {
  it.each(['SENT', 'FAILED'] as const)('does nothing more with a %s notification', (status) => {
    expect(deliveryStep({ status, sendingAt: ago(1) }, NOW)).toEqual({ step: 'DONE' });
  });

  it('sends a notification never tried', () => {
    expect(deliveryStep({ status: 'PENDING', sendingAt: null }, NOW)).toEqual({ step: 'SEND' });
  });

  it('leaves a send in flight to its worker until the lease is over', () => {
    expect(deliveryStep({ status: 'SENDING', sendingAt: ago(1_000) }, NOW)).toEqual({
      step: 'BUSY',
      retryInMs: SENDING_LEASE_MS - 1_000,
    });
  });

  it('looks up an attempt whose lease is over before sending again', () => {
    expect(deliveryStep({ status: 'SENDING', sendingAt: ago(SENDING_LEASE_MS) }, NOW)).toEqual({
      step: 'RECONCILE',
    });
    expect(deliveryStep({ status: 'SENDING', sendingAt: null }, NOW)).toEqual({
      step: 'RECONCILE',
    });
  });
});

describe('referenceOf', () => {
  it("is the notification's id", () => {
    expect(referenceOf({ id: '6f1c3a52-8d1e-4c55-9d43-3d0f1e7f2a10' })).toBe(
      '6f1c3a52-8d1e-4c55-9d43-3d0f1e7f2a10',
    );
  });
});

describe('sendFailureOf', () => {
  it('takes 400 as a refusal that a retry will not change', () => {
    expect(sendFailureOf(400)).toBe('REJECTED');
  });

  it.each([undefined, 403, 429, 500, 503])('cannot tell whether %p sent the message', (status) => {
    expect(sendFailureOf(status)).toBe('UNKNOWN');
  });
});

describe('NOTIFICATION_KINDS', () => {
  it('has a GOV.UK Notify template setting for every kind, and none for a kind that is not one', () => {
    expect([...NOTIFY_TEMPLATE_KINDS].sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });
});
