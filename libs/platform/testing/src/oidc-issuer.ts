import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

export interface LocalOidcIssuer {
  /** Its address, to give the api as OIDC_ISSUER. */
  issuer: string;
  /**
   * Who signs in next through its authorization endpoint (which asks nothing: it sends the
   * browser straight back with a code), and the client secret its token endpoint expects.
   */
  signInAs(person: { subject: string; email: string; givenName: string; familyName: string }): void;
  readonly clientSecret: string;
  /**
   * A token for this person, signed with the issuer's RS256 key; claims as DfE Sign-in sends.
   * It lasts ten minutes unless told (a benchmark's run is longer).
   */
  sign(subject: string, audience: string, claims?: JWTPayload, lifetime?: string): Promise<string>;
  close(): Promise<void>;
}

const CLIENT_SECRET = 'web-client-secret-for-tests';

interface PendingCode {
  clientId: string;
  redirectUri: string;
  nonce: string;
  codeChallenge: string;
  person: { subject: string; email: string; givenName: string; familyName: string };
}

/**
 * A stand-in OpenID Connect issuer on 127.0.0.1 for the api and web app under test: discovery, a
 * key set (one real RS256 key), and the authorization code flow with PKCE (client_secret_post),
 * as DfE Sign-in offers it.
 */
export async function startOidcIssuer(): Promise<LocalOidcIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'e2e-key', alg: 'RS256', use: 'sig' };
  let issuer = '';
  let person: PendingCode['person'] = {
    subject: 'someone',
    email: 'someone@example.gov.uk',
    givenName: 'Some',
    familyName: 'One',
  };
  const codes = new Map<string, PendingCode>();
  const sign = (subject: string, audience: string, claims: JWTPayload = {}, lifetime = '10m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(lifetime)
      .sign(privateKey);

  const authorize = (url: URL, res: ServerResponse) => {
    const code = randomBytes(16).toString('hex');
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    codes.set(code, {
      clientId: url.searchParams.get('client_id') ?? '',
      redirectUri,
      nonce: url.searchParams.get('nonce') ?? '',
      codeChallenge: url.searchParams.get('code_challenge') ?? '',
      person,
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    res.writeHead(302, { location: back.href }).end();
  };

  const token = async (form: URLSearchParams, res: ServerResponse) => {
    const pending = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      !pending ||
      form.get('client_secret') !== CLIENT_SECRET ||
      form.get('client_id') !== pending.clientId ||
      form.get('redirect_uri') !== pending.redirectUri ||
      challenge !== pending.codeChallenge
    ) {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: 'invalid_grant' }));
      return;
    }
    const idToken = await sign(pending.person.subject, pending.clientId, {
      nonce: pending.nonce,
      email: pending.person.email,
      given_name: pending.person.givenName,
      family_name: pending.person.familyName,
    });
    res.end(
      JSON.stringify({
        access_token: 'opaque',
        token_type: 'Bearer',
        expires_in: 600,
        id_token: idToken,
      }),
    );
  };

  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      res.end(
        JSON.stringify({
          issuer,
          jwks_uri: `${issuer}/jwks`,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_post'],
          code_challenge_methods_supported: ['S256'],
        }),
      );
    } else if (url.pathname === '/authorize') {
      authorize(url, res);
    } else if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => void token(new URLSearchParams(body), res));
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientSecret: CLIENT_SECRET,
    signInAs: (next) => (person = next),
    sign,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
