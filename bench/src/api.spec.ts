import { apiEnvironment } from './api';

describe('apiEnvironment', () => {
  const base = {
    DATABASE_URL: 'postgres://x@h/db',
    NODE_ENV: 'test',
    AUTH_HS256_SECRET: 'a-local-secret-of-at-least-thirty-two-characters',
  };
  const signIn = { issuer: 'http://127.0.0.1:4000', audience: 'bench' };

  it('runs production with the issuer alone: no local token secret, a report link secret', () => {
    const sut = apiEnvironment(base, 'production', signIn);
    expect(sut).toEqual({
      DATABASE_URL: 'postgres://x@h/db',
      NODE_ENV: 'production',
      OIDC_ISSUER: 'http://127.0.0.1:4000',
      OIDC_AUDIENCE: 'bench',
      REPORT_LINK_SECRET: 'a-local-secret-of-at-least-thirty-two-characters',
    });
  });

  it('runs test with the issuer beside the local secret', () => {
    expect(apiEnvironment(base, 'test', signIn)).toEqual({
      ...base,
      OIDC_ISSUER: 'http://127.0.0.1:4000',
      OIDC_AUDIENCE: 'bench',
    });
  });
});
