import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a download link works once given: long enough to click, short enough to go stale. */
export const REPORT_LINK_LIFETIME_SECONDS = 10 * 60;

export interface SignedReportLink {
  reportId: string;
  /** Seconds since the epoch. */
  expires: number;
  signature: string;
}

/** HMAC-SHA256 over the report and the link's expiry: the link is the right to download. */
function signatureOf(secret: string, reportId: string, expires: number): string {
  return createHmac('sha256', secret).update(`${reportId}\n${expires}`).digest('base64url');
}

export function signReportLink(
  secret: string,
  reportId: string,
  nowSeconds: number,
  lifetimeSeconds = REPORT_LINK_LIFETIME_SECONDS,
): SignedReportLink {
  const expires = Math.floor(nowSeconds) + lifetimeSeconds;
  return { reportId, expires, signature: signatureOf(secret, reportId, expires) };
}

/** The path of the download, relative to the api's address. */
export function reportLinkPath(link: SignedReportLink): string {
  return `/reports/${encodeURIComponent(link.reportId)}/download?expires=${link.expires}&signature=${encodeURIComponent(link.signature)}`;
}

export type ReportLinkCheck = 'VALID' | 'BAD_SIGNATURE' | 'EXPIRED';

/**
 * Whether a link was signed with the secret and still works. The signature is compared in
 * constant time; an expiry that is not a whole number cannot have been signed.
 */
export function checkReportLink(
  secret: string,
  link: { reportId: string; expires: string | number | undefined; signature: string | undefined },
  nowSeconds: number,
): ReportLinkCheck {
  const expires = typeof link.expires === 'string' ? Number(link.expires) : link.expires;
  if (expires === undefined || !Number.isSafeInteger(expires) || !link.signature)
    return 'BAD_SIGNATURE';
  const expected = Buffer.from(signatureOf(secret, link.reportId, expires));
  const given = Buffer.from(link.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'BAD_SIGNATURE';
  return nowSeconds > expires ? 'EXPIRED' : 'VALID';
}
