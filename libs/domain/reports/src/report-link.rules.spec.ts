import { checkReportLink, reportLinkPath, signReportLink } from './report-link.rules';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const ID = '6f1c1f0e-4b1a-4d55-9a53-2f7f3c3b1a10';

describe('signReportLink', () => {
  it('gives a link that expires ten minutes on by default', () => {
    const sut = signReportLink(SECRET, ID, 1_000_000);
    expect(sut.expires).toBe(1_000_600);
    expect(sut.signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signs the same report and expiry the same way, and another report differently', () => {
    expect(signReportLink(SECRET, ID, 5).signature).toBe(signReportLink(SECRET, ID, 5).signature);
    expect(signReportLink(SECRET, ID, 5).signature).not.toBe(
      signReportLink(SECRET, ID.replace('6f', '7f'), 5).signature,
    );
  });
});

describe('reportLinkPath', () => {
  it('puts the expiry and the signature in the query', () => {
    const link = { reportId: ID, expires: 1_000_600, signature: 'abc-_' };
    expect(reportLinkPath(link)).toBe(`/reports/${ID}/download?expires=1000600&signature=abc-_`);
  });
});

describe('checkReportLink', () => {
  const link = signReportLink(SECRET, ID, 1_000_000);

  it('accepts a link until it expires, and not a second after', () => {
    expect(checkReportLink(SECRET, link, 1_000_000)).toBe('VALID');
    expect(checkReportLink(SECRET, link, 1_000_600)).toBe('VALID');
    expect(checkReportLink(SECRET, link, 1_000_601)).toBe('EXPIRED');
  });

  it('refuses a link whose expiry was pushed back, or that names another report', () => {
    expect(checkReportLink(SECRET, { ...link, expires: link.expires + 3600 }, 1_000_000)).toBe(
      'BAD_SIGNATURE',
    );
    expect(checkReportLink(SECRET, { ...link, reportId: ID.replace('6f', '7f') }, 1_000_000)).toBe(
      'BAD_SIGNATURE',
    );
  });

  it('refuses a tampered, missing or foreign signature', () => {
    const tampered = `${link.signature.slice(0, -1)}${link.signature.endsWith('A') ? 'B' : 'A'}`;
    expect(checkReportLink(SECRET, { ...link, signature: tampered }, 1_000_000)).toBe(
      'BAD_SIGNATURE',
    );
    expect(checkReportLink(SECRET, { ...link, signature: undefined }, 1_000_000)).toBe(
      'BAD_SIGNATURE',
    );
    expect(checkReportLink(SECRET, { ...link, signature: 'short' }, 1_000_000)).toBe(
      'BAD_SIGNATURE',
    );
    expect(checkReportLink(`${SECRET}-other`, link, 1_000_000)).toBe('BAD_SIGNATURE');
  });

  it('refuses an expiry that is not a whole number', () => {
    expect(checkReportLink(SECRET, { ...link, expires: '1e9' }, 1_000_000)).toBe('BAD_SIGNATURE');
    expect(checkReportLink(SECRET, { ...link, expires: undefined }, 1_000_000)).toBe(
      'BAD_SIGNATURE',
    );
    expect(checkReportLink(SECRET, { ...link, expires: String(link.expires) }, 1_000_000)).toBe(
      'VALID',
    );
  });
});
