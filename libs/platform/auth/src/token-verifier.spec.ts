import { ErrorCode } from '@la-tracker/platform/errors';
import { SignJWT, UnsecuredJWT } from 'jose';
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  signDevelopmentToken,
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
