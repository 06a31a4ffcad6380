import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { APP_CONFIG, type AppConfig } from '@la-tracker/platform/config';

/** What a sign-in in progress must remember between leaving for the issuer and coming back. */
export interface SignInAttempt {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export interface SignedInPerson {
  /** The id token: the api accepts it, since its audience is this client (OIDC_AUDIENCE). */
  token: string;
  name: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** DfE Sign-in asks for these: the person's e-mail and name, and their organisation. */
const SCOPE = 'openid email profile organisation';

/**
 * Sign-in through the OpenID Connect issuer (DfE Sign-in): the authorization code flow with PKCE,
 * state and nonce. openid-client checks the id token's issuer, audience, expiry and nonce; its
 * signature it leaves to the party that relies on it, the api, which checks it (against the
 * issuer's keys) on every request the web app makes with it. Configured by OIDC_ISSUER, OIDC_AUDIENCE (the client id), OIDC_CLIENT_SECRET and
 * WEB_PUBLIC_URL.
 */
@Injectable()
export class OidcSignIn {
  private configuration?: Promise<oidc.Configuration>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.auth.oidc && this.config.web.oidcClient);
  }

  /** Where to send the person, and what to remember until they come back. */
  async start(returnTo: string): Promise<{ url: URL; attempt: SignInAttempt }> {
    const configuration = await this.issuer();
    const attempt: SignInAttempt = {
      codeVerifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.client().redirectUri,
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
    });
    return { url, attempt };
  }

  /** The person the issuer sent back, or an error when the answer is not one we asked for. */
  async finish(callbackUrl: URL, attempt: SignInAttempt): Promise<SignedInPerson> {
    const tokens = await oidc.authorizationCodeGrant(await this.issuer(), callbackUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!tokens.id_token || !claims) throw new Error('The issuer sent no id token');
    const name = [claims.given_name, claims.family_name].filter((part) => typeof part === 'string');
    return {
      token: tokens.id_token,
      name:
        name.length > 0
          ? name.join(' ')
          : typeof claims.email === 'string'
            ? claims.email
            : claims.sub,
      expiresAt: claims.exp,
    };
  }

  private client(): NonNullable<AppConfig['web']['oidcClient']> {
    const client = this.config.web.oidcClient;
    if (!client || !this.config.auth.oidc)
      throw new Error('Sign-in through DfE Sign-in is not configured');
    return client;
  }

  private issuer(): Promise<oidc.Configuration> {
    const client = this.client();
    const { issuer, audience } = this.config.auth.oidc!;
    // Discovered once; a failure is forgotten, so the next sign-in tries again.
    this.configuration ??= oidc
      .discovery(
        new URL(issuer),
        audience,
        { client_secret: client.secret },
        oidc.ClientSecretPost(client.secret),
        // Plain http only for an issuer on this machine (development and tests).
        new URL(issuer).protocol === 'http:'
          ? { execute: [oidc.allowInsecureRequests] }
          : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }
}
