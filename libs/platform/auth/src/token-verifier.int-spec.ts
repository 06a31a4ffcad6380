import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode } from '@la-tracker/platform/errors';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  UnsecuredJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { TokenVerifier } from './token-verifier';

const AUDIENCE = 'la-delivery-tracker';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/**
 * A stand-in OpenID Connect issuer on 127.0.0.1: discovery and a key set, nothing else. It signs
 * with its newest key, and can rotate to a new one and withdraw old ones, as a real issuer does.
 */
async function startIssuer() {
  const keys = [await signingKey('key-1')];
  let published = [...keys];
  let issuer = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    sign(
      claims: { aud: string; sub: string; exp?: number } & JWTPayload,
      key: SigningKey = keys[keys.length - 1],
    ): Promise<string> {
      const { aud, sub, exp, ...rest } = claims;
      return new SignJWT({ email: 'adviser@example.gov.uk', ...rest })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid })
        .setIssuer(issuer)
        .setAudience(aud)
        .setSubject(sub)
        .setExpirationTime(exp ?? '5m')
        .sign(key.privateKey);
    },
    /** Publishes a new key beside the old ones and signs with it from now on; returns the old one. */
    async rotate(kid: string): Promise<SigningKey> {
      const retired = keys[keys.length - 1];
      keys.push(await signingKey(kid));
      published = [...keys];
      return retired;
    },
    /** Stops publishing a key: tokens it signs must no longer be accepted. */
    withdraw(key: SigningKey): void {
      published = published.filter((held) => held.kid !== key.kid);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Issuer = Awaited<ReturnType<typeof startIssuer>>;

describe('TokenVerifier with an OpenID Connect issuer', () => {
  let issuer: Issuer;
  let sut: TokenVerifier;

  beforeAll(async () => {
    issuer = await startIssuer();
    sut = new TokenVerifier(undefined, { issuer: issuer.issuer, audience: AUDIENCE });
  });

  afterAll(() => issuer.close());

  it('accepts an RS256 token signed with a key the issuer publishes, with the person’s profile', async () => {
    const token = await issuer.sign({
      aud: AUDIENCE,
      sub: 'person-1',
      given_name: 'Ada',
      family_name: 'Adviser',
      organisation: { id: 'org-1', name: 'Department for Education', category: { id: '002' } },
    });
    await expect(sut.verify(token)).resolves.toEqual({
      issuer: issuer.issuer,
      subject: 'person-1',
      email: 'adviser@example.gov.uk',
      profile: {
        displayName: 'Ada Adviser',
        organisation: { id: 'org-1', name: 'Department for Education' },
      },
    });
  });

  it('refuses a token for another audience', async () => {
    const token = await issuer.sign({ aud: 'another-service', sub: 'person-1' });
    await expect(sut.verify(token)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it('refuses an expired token, saying so', async () => {
    const token = await issuer.sign({
      aud: AUDIENCE,
      sub: 'person-1',
      exp: Math.floor(Date.now() / 1000) - 3600,
    });
    await expect(sut.verify(token)).rejects.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
      message: 'Your token has expired: sign in again.',
    });
  });

  it('accepts a token a little past its expiry, for clocks that differ slightly', async () => {
    const token = await issuer.sign({
      aud: AUDIENCE,
      sub: 'person-1',
      exp: Math.floor(Date.now() / 1000) - 30,
    });
    await expect(sut.verify(token)).resolves.toMatchObject({ subject: 'person-1' });
  });

  it('refuses an unsigned token (alg: none) that names the issuer', async () => {
    const token = new UnsecuredJWT({ email: 'adviser@example.gov.uk' })
      .setIssuer(issuer.issuer)
      .setAudience(AUDIENCE)
      .setSubject('person-1')
      .setExpirationTime('5m')
      .encode();
    await expect(sut.verify(token)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it('refuses a token signed with a key the issuer does not publish', async () => {
    const impostor = await startIssuer();
    try {
      // Same claims, same kid, but another private key: the signature cannot check out.
      const forged = await impostor.sign({ aud: AUDIENCE, sub: 'person-1' });
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

describe('TokenVerifier when the issuer rotates its keys', () => {
  // Short timings stand in for the production ones (seconds and minutes), so the test is quick.
  const timing = { cooldownMs: 100, cacheMaxAgeMs: 60_000 };
  let issuer: Issuer;
  let sut: TokenVerifier;

  beforeEach(async () => {
    issuer = await startIssuer();
    sut = new TokenVerifier(undefined, { issuer: issuer.issuer, audience: AUDIENCE }, timing);
    // The verifier holds the issuer's first key set before anything changes.
    await sut.verify(await issuer.sign({ aud: AUDIENCE, sub: 'person-1' }));
  });

  afterEach(() => issuer.close());

  it('accepts a token signed with a new key without a restart, and refuses the withdrawn key', async () => {
    const retired = await issuer.rotate('key-2');
    issuer.withdraw(retired);
    await sleep(timing.cooldownMs + 50);

    const fresh = await issuer.sign({ aud: AUDIENCE, sub: 'person-2' });
    await expect(sut.verify(fresh)).resolves.toMatchObject({ subject: 'person-2' });
    const withRetiredKey = await issuer.sign({ aud: AUDIENCE, sub: 'person-3' }, retired);
    await expect(sut.verify(withRetiredKey)).rejects.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
    });
  });

  it('keeps accepting the old key while the issuer still publishes it', async () => {
    const retired = await issuer.rotate('key-2');
    await sleep(timing.cooldownMs + 50);

    await expect(sut.verify(await issuer.sign({ aud: AUDIENCE, sub: 'new' }))).resolves.toEqual(
      expect.objectContaining({ subject: 'new' }),
    );
    await expect(
      sut.verify(await issuer.sign({ aud: AUDIENCE, sub: 'old' }, retired)),
    ).resolves.toEqual(expect.objectContaining({ subject: 'old' }));
  });

  it('stops accepting a withdrawn key once the key set it holds grows old, with no new key seen', async () => {
    const aging = new TokenVerifier(
      undefined,
      { issuer: issuer.issuer, audience: AUDIENCE },
      { cooldownMs: 100, cacheMaxAgeMs: 300 },
    );
    await aging.verify(await issuer.sign({ aud: AUDIENCE, sub: 'person-1' }));
    const retired = await issuer.rotate('key-2');
    issuer.withdraw(retired);
    const withRetiredKey = await issuer.sign({ aud: AUDIENCE, sub: 'person-1' }, retired);
    await sleep(350);
    await expect(aging.verify(withRetiredKey)).rejects.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
    });
  });

  it('does not fetch the key set again for every token naming an unknown key', async () => {
    // Within the cooldown, a key id it does not hold is refused rather than sent to the issuer.
    const patient = new TokenVerifier(
      undefined,
      { issuer: issuer.issuer, audience: AUDIENCE },
      { cooldownMs: 2000, cacheMaxAgeMs: 60_000 },
    );
    await patient.verify(await issuer.sign({ aud: AUDIENCE, sub: 'person-1' }));
    await issuer.rotate('key-2');
    const fresh = await issuer.sign({ aud: AUDIENCE, sub: 'person-2' });
    await expect(patient.verify(fresh)).rejects.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
    });
    await sleep(2050);
    await expect(patient.verify(fresh)).resolves.toMatchObject({ subject: 'person-2' });
  });
});
