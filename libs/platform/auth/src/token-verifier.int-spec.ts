import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '@la-tracker/platform/errors';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { TokenVerifier } from './token-verifier';

/** A stand-in OpenID Connect issuer on 127.0.0.1: discovery and a key set, nothing else. */
async function startIssuer(): Promise<{
  issuer: string;
  sign: (claims: { aud: string; sub: string; exp?: number }) => Promise<string>;
  close: () => Promise<void>;
}> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sign = (claims: { aud: string; sub: string; exp?: number }) =>
    new SignJWT({ email: 'adviser@example.gov.uk' })
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(issuer)
      .setAudience(claims.aud)
      .setSubject(claims.sub)
      .setExpirationTime(claims.exp ?? '5m')
      .sign(privateKey);
  return { issuer, sign, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('TokenVerifier with an OpenID Connect issuer', () => {
  let issuer: Awaited<ReturnType<typeof startIssuer>>;
  let sut: TokenVerifier;

  beforeAll(async () => {
    issuer = await startIssuer();
    sut = new TokenVerifier(undefined, { issuer: issuer.issuer, audience: 'la-delivery-tracker' });
  });

  afterAll(() => issuer.close());

  it('accepts an RS256 token signed with a key the issuer publishes', async () => {
    const token = await issuer.sign({ aud: 'la-delivery-tracker', sub: 'person-1' });
    await expect(sut.verify(token)).resolves.toEqual({
      issuer: issuer.issuer,
      subject: 'person-1',
      email: 'adviser@example.gov.uk',
    });
  });

  it('refuses a token for another audience', async () => {
    const token = await issuer.sign({ aud: 'another-service', sub: 'person-1' });
    await expect(sut.verify(token)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it('refuses an expired token, saying so', async () => {
    const token = await issuer.sign({
      aud: 'la-delivery-tracker',
      sub: 'person-1',
      exp: Math.floor(Date.now() / 1000) - 3600,
    });
    await expect(sut.verify(token)).rejects.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
      message: 'Your token has expired: sign in again.',
    });
  });

  it('refuses a token signed with a key the issuer does not publish', async () => {
    const impostor = await startIssuer();
    try {
      // Same claims, same kid, but another private key: the signature cannot check out.
      const forged = await impostor.sign({ aud: 'la-delivery-tracker', sub: 'person-1' });
      const [header, payload, signature] = forged.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const retargeted = Buffer.from(JSON.stringify({ ...claims, iss: issuer.issuer })).toString(
        'base64url',
      );
      await expect(sut.verify(`${header}.${retargeted}.${signature}`)).rejects.toMatchObject({
        code: ErrorCode.UNAUTHENTICATED,
      });
    } finally {
      await impostor.close();
    }
  });
});
