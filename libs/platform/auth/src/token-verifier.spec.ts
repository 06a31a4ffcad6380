import { ErrorCode } from '@la-tracker/platform/errors';
import { SignJWT, UnsecuredJWT } from 'jose';
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  signDevelopmentToken,
  signInProfileOf,
  TokenVerifier,
} from './token-verifier';

const secret = new TextEncoder().encode('a-development-secret-of-enough-length');
const identity = { subject: 'dev:ADMIN', email: 'admin@localhost' };

describe('TokenVerifier', () => {
  const sut = new TokenVerifier(secret, undefined);

  describe('verify', () => {
    it('accepts a development token it signed', async () => {
      const token = await signDevelopmentToken(secret, identity);
      await expect(sut.verify(token)).resolves.toEqual({
        issuer: DEVELOPMENT_ISSUER,
        subject: 'dev:ADMIN',
        email: 'admin@localhost',
      });
    });

    it('refuses an expired token, saying so', async () => {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(DEVELOPMENT_ISSUER)
        .setAudience(DEVELOPMENT_AUDIENCE)
        .setSubject('dev:ADMIN')
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(secret);
      await expect(sut.verify(token)).rejects.toMatchObject({
        code: ErrorCode.UNAUTHENTICATED,
        message: 'Your token has expired: sign in again.',
      });
    });

    it('refuses a token signed with another secret', async () => {
      const token = await signDevelopmentToken(
        new TextEncoder().encode('another-secret-of-the-same-length!!'),
        identity,
      );
      await expect(sut.verify(token)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const token = new UnsecuredJWT({})
        .setIssuer(DEVELOPMENT_ISSUER)
        .setAudience(DEVELOPMENT_AUDIENCE)
        .setSubject('dev:ADMIN')
        .setExpirationTime('1h')
        .encode();
      await expect(sut.verify(token)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    });

    it('refuses a token for another audience', async () => {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(DEVELOPMENT_ISSUER)
        .setAudience('someone-else')
        .setSubject('dev:ADMIN')
        .setExpirationTime('1h')
        .sign(secret);
      await expect(sut.verify(token)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    });

    it('refuses development tokens where there is no local secret (production)', async () => {
      const token = await signDevelopmentToken(secret, identity);
      await expect(new TokenVerifier(undefined, undefined).verify(token)).rejects.toMatchObject({
        code: ErrorCode.UNAUTHENTICATED,
        message: 'Your token comes from an issuer this service does not trust.',
      });
    });

    it('refuses something that is not a JWT', async () => {
      await expect(sut.verify('not-a-token')).rejects.toMatchObject({
        code: ErrorCode.UNAUTHENTICATED,
        message: 'Your token is not a JWT: sign in again.',
      });
    });
  });
});

describe('signInProfileOf', () => {
  it('names the person from given and family names, before a full name', () => {
    expect(
      signInProfileOf({ given_name: ' Ada ', family_name: 'Lovelace', name: 'A. Lovelace' }),
    ).toEqual({ displayName: 'Ada Lovelace', organisation: null });
    expect(signInProfileOf({ family_name: 'Lovelace' }).displayName).toBe('Lovelace');
    expect(signInProfileOf({ name: 'Ada Lovelace' }).displayName).toBe('Ada Lovelace');
    expect(signInProfileOf({ name: '  ', given_name: 7 }).displayName).toBeNull();
  });

  it('reads DfE Sign-in’s organisation, given as an object or as JSON text', () => {
    const organisation = {
      id: '13A3A9B5-1A2B-4C3D-8E9F-0A1B2C3D4E5F',
      name: 'North Star Consulting Ltd',
      category: { id: '008', name: 'Other Stakeholders' },
      urn: null,
      ukprn: '10012345',
    };
    const expected = { id: organisation.id, name: 'North Star Consulting Ltd' };
    expect(signInProfileOf({ organisation }).organisation).toEqual(expected);
    expect(signInProfileOf({ organisation: JSON.stringify(organisation) }).organisation).toEqual(
      expected,
    );
  });

  it('ignores an organisation with no id, or one that is not an object', () => {
    expect(signInProfileOf({ organisation: { name: 'Nameless' } }).organisation).toBeNull();
    expect(signInProfileOf({ organisation: '{not json' }).organisation).toBeNull();
    expect(signInProfileOf({ organisation: ['org-1'] }).organisation).toBeNull();
  });
});
