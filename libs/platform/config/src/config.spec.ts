import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadLauncherConfig } from './config';

const services = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** Production needs a report link secret; these tests are about other settings. */
const LINK_SECRET = 'l'.repeat(32);

describe('loadConfig', () => {
  it('applies defaults to what is unset', () => {
    const sut = loadConfig(services);
    expect(sut).toEqual({
      nodeEnv: 'development',
      port: 3000,
      workerPort: 3001,
      logLevel: 'info',
      databaseUrl: services.DATABASE_URL,
      databasePoolSize: 10,
      redisUrl: services.REDIS_URL,
      queuePrefix: 'la-tracker',
      outboxSweepIntervalMs: 5000,
      notifySendsPerMinute: 1400,
      dataDir: '.data',
      fileStorageDir: '.data/files',
      auth: {
        oidc: undefined,
        hs256Secret: undefined,
        developmentSecretFile: '.data/development-token-secret',
      },
      retention: { monthsAfterProgrammeEnd: 12, outboxDays: 7 },
      web: {
        port: 3002,
        apiUrl: 'http://127.0.0.1:3000',
        developmentSessionSecretFile: join('.data', 'development-web-session-secret'),
      },
      bullBoardEnabled: true,
      reportLinks: { developmentSecretFile: '.data/development-report-link-secret' },
      http: {
        rateLimitPerAddressPerMinute: 1200,
        rateLimitPerUserPerMinute: 300,
        trustProxy: false,
        corsAllowedOrigins: [],
      },
    });
  });

  it('reads the retention periods and whether the queue dashboard is served', () => {
    const sut = loadConfig({
      ...services,
      RETENTION_MONTHS_AFTER_PROGRAMME_END: '0',
      RETENTION_OUTBOX_DAYS: '30',
      BULL_BOARD_ENABLED: 'false',
    });
    expect(sut.retention).toEqual({ monthsAfterProgrammeEnd: 0, outboxDays: 30 });
    expect(sut.bullBoardEnabled).toBe(false);
  });

  it.each([
    ['RETENTION_MONTHS_AFTER_PROGRAMME_END', '121', /from 0 to 120 \(got "121"\)/],
    ['RETENTION_MONTHS_AFTER_PROGRAMME_END', 'a year', /whole number of months/],
    ['RETENTION_OUTBOX_DAYS', '-1', /RETENTION_OUTBOX_DAYS must be a whole number of days/],
    ['BULL_BOARD_ENABLED', 'yes', /BULL_BOARD_ENABLED must be true or false/],
  ])('refuses %s=%s', (name, value, message) => {
    const [problem] = problemsOf(() => loadConfig({ ...services, [name]: value }));
    expect(problem).toMatch(message);
  });

  it('takes the report link secret when given, and requires it in production', () => {
    const secret = 'r'.repeat(32);
    expect(loadConfig({ ...services, REPORT_LINK_SECRET: secret }).reportLinks).toEqual({
      secret,
    });
    expect(problemsOf(() => loadConfig({ ...services, REPORT_LINK_SECRET: 'short' }))).toEqual([
      expect.stringMatching(/REPORT_LINK_SECRET must be at least 32 characters/),
    ]);
    expect(
      problemsOf(() =>
        loadConfig({
          ...services,
          NODE_ENV: 'production',
          OIDC_ISSUER: 'https://oidc.example.gov.uk',
          OIDC_AUDIENCE: 'la-delivery-tracker',
        }),
      ),
    ).toEqual([expect.stringMatching(/REPORT_LINK_SECRET is required in production/)]);
  });

  it('gives the web app its port, the api’s address and its session secret', () => {
    expect(loadConfig(services).web).toEqual({
      port: 3002,
      apiUrl: 'http://127.0.0.1:3000',
      developmentSessionSecretFile: join('.data', 'development-web-session-secret'),
    });
    const secret = 'w'.repeat(32);
    expect(
      loadConfig({
        ...services,
        WEB_PORT: '8081',
        API_URL: 'https://api.internal:8443/',
        WEB_SESSION_SECRET: secret,
      }).web,
    ).toEqual({ port: 8081, apiUrl: 'https://api.internal:8443', sessionSecret: secret });
    expect(problemsOf(() => loadConfig({ ...services, API_URL: 'http://api/graphql' }))).toEqual([
      expect.stringMatching(/API_URL must be the api's address with no path/),
    ]);
    expect(problemsOf(() => loadConfig({ ...services, WEB_SESSION_SECRET: 'short' }))).toEqual([
      expect.stringMatching(/WEB_SESSION_SECRET must be at least 32 characters/),
    ]);
    const production = {
      ...services,
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://oidc.example.gov.uk',
      OIDC_AUDIENCE: 'la-delivery-tracker',
      REPORT_LINK_SECRET: LINK_SECRET,
    };
    // No file fallback in production: the web app itself refuses to start without the secret.
    expect(loadConfig(production).web).toEqual({ port: 3002, apiUrl: 'http://127.0.0.1:3000' });
  });

  it('gives the web app its DfE Sign-in client when its secret and public address are set', () => {
    const oidc = { OIDC_ISSUER: 'https://oidc.example.gov.uk', OIDC_AUDIENCE: 'client-1' };
    expect(
      loadConfig({
        ...services,
        ...oidc,
        OIDC_CLIENT_SECRET: 'client-secret',
        WEB_PUBLIC_URL: 'https://tracker.example.gov.uk/',
      }).web.oidcClient,
    ).toEqual({
      secret: 'client-secret',
      redirectUri: 'https://tracker.example.gov.uk/sign-in/callback',
    });
    expect(
      problemsOf(() => loadConfig({ ...services, ...oidc, OIDC_CLIENT_SECRET: 'client-secret' })),
    ).toEqual([expect.stringMatching(/OIDC_CLIENT_SECRET and WEB_PUBLIC_URL go together/)]);
    expect(
      problemsOf(() =>
        loadConfig({
          ...services,
          OIDC_CLIENT_SECRET: 'client-secret',
          WEB_PUBLIC_URL: 'https://tracker.example.gov.uk',
        }),
      ),
    ).toEqual([expect.stringMatching(/OIDC_CLIENT_SECRET needs OIDC_ISSUER/)]);
    expect(
      problemsOf(() =>
        loadConfig({ ...services, WEB_PUBLIC_URL: 'http://tracker.example.gov.uk' }),
      ),
    ).toEqual([expect.stringMatching(/WEB_PUBLIC_URL must be the web app's public address/)]);
  });

  it('reads numbers and names from strings', () => {
    const sut = loadConfig({
      ...services,
      PORT: '8080',
      NODE_ENV: 'production',
      REPORT_LINK_SECRET: LINK_SECRET,
      LOG_LEVEL: 'warn',
      OIDC_ISSUER: 'https://oidc.example.gov.uk',
      OIDC_AUDIENCE: 'la-delivery-tracker',
    });
    expect(sut.port).toBe(8080);
    expect(sut.nodeEnv).toBe('production');
    expect(sut.logLevel).toBe('warn');
  });

  it('lets WORKER_PORT be 0, so the system chooses a free port (tests)', () => {
    expect(loadConfig({ ...services, WORKER_PORT: '0' }).workerPort).toBe(0);
    expect(loadConfig({ ...services, WORKER_PORT: '9464' }).workerPort).toBe(9464);
  });

  it('reads the queue prefix and the outbox sweep interval', () => {
    const sut = loadConfig({
      ...services,
      QUEUE_PREFIX: 'la-tracker-staging',
      OUTBOX_SWEEP_INTERVAL_MS: '2000',
    });
    expect(sut.queuePrefix).toBe('la-tracker-staging');
    expect(sut.outboxSweepIntervalMs).toBe(2000);
  });

  it('limits sends to GOV.UK Notify to 1,400 a minute unless NOTIFY_SENDS_PER_MINUTE says', () => {
    expect(loadConfig(services).notifySendsPerMinute).toBe(1400);
    expect(loadConfig({ ...services, NOTIFY_SENDS_PER_MINUTE: '2800' }).notifySendsPerMinute).toBe(
      2800,
    );
    expect(loadConfig({ ...services, NOTIFY_SENDS_PER_MINUTE: '0' }).notifySendsPerMinute).toBe(0);
  });

  it('keeps stored files under DATA_DIR unless FILE_STORAGE_DIR says where', () => {
    expect(loadConfig({ ...services, DATA_DIR: '/var/lib/tracker' }).fileStorageDir).toBe(
      '/var/lib/tracker/files',
    );
    expect(
      loadConfig({ ...services, DATA_DIR: '/var/lib/tracker', FILE_STORAGE_DIR: '/mnt/files' })
        .fileStorageDir,
    ).toBe('/mnt/files');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...services, PORT: '' }).port).toBe(3000);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0'],
    ['WORKER_PORT', '-1'],
    ['WORKER_PORT', '65536'],
    ['WORKER_PORT', 'x'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['REDIS_URL', 'localhost:6379'],
    ['DATABASE_POOL_SIZE', '-1'],
    ['QUEUE_PREFIX', 'la:tracker'],
    ['OUTBOX_SWEEP_INTERVAL_MS', '50'],
    ['OUTBOX_SWEEP_INTERVAL_MS', 'soon'],
    ['NOTIFY_SENDS_PER_MINUTE', '-1'],
    ['NOTIFY_SENDS_PER_MINUTE', '1000001'],
    ['NOTIFY_SENDS_PER_MINUTE', '1.5'],
  ])('names %s when it is %s', (name, value) => {
    const problems = problemsOf(() => loadConfig({ ...services, [name]: value }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).toContain(JSON.stringify(value));
  });

  it('names every missing service', () => {
    const problems = problemsOf(() => loadConfig({}));
    expect(problems.join('\n')).toMatch(/DATABASE_URL is required/);
    expect(problems.join('\n')).toMatch(/REDIS_URL is required/);
  });

  it('asks only for the services the caller needs', () => {
    expect(loadConfig({ DATABASE_URL: services.DATABASE_URL }, ['DATABASE_URL']).databaseUrl).toBe(
      services.DATABASE_URL,
    );
  });

  it('is frozen', () => {
    expect(Object.isFrozen(loadConfig(services))).toBe(true);
  });
});

describe('auth settings', () => {
  const oidc = { OIDC_ISSUER: 'https://oidc.example.gov.uk', OIDC_AUDIENCE: 'la-delivery-tracker' };

  it('uses a given HS256 secret outside production', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ ...services, AUTH_HS256_SECRET: secret }).auth).toEqual({
      oidc: undefined,
      hs256Secret: secret,
      developmentSecretFile: undefined,
    });
  });

  it('refuses a short HS256 secret, naming it', () => {
    expect(problemsOf(() => loadConfig({ ...services, AUTH_HS256_SECRET: 'short' }))[0]).toMatch(
      /AUTH_HS256_SECRET must be at least 32 characters/,
    );
  });

  it('requires the OIDC issuer and audience in production, and no local secret', () => {
    expect(
      problemsOf(() =>
        loadConfig({ ...services, NODE_ENV: 'production', REPORT_LINK_SECRET: LINK_SECRET }),
      ),
    ).toEqual([expect.stringMatching(/OIDC_ISSUER and OIDC_AUDIENCE are required in production/)]);
    expect(
      problemsOf(() =>
        loadConfig({
          ...services,
          ...oidc,
          NODE_ENV: 'production',
          REPORT_LINK_SECRET: LINK_SECRET,
          AUTH_HS256_SECRET: 'y'.repeat(32),
        }),
      ),
    ).toEqual([expect.stringMatching(/AUTH_HS256_SECRET must not be set in production/)]);
  });

  it('takes only OIDC in production', () => {
    expect(
      loadConfig({ ...services, ...oidc, NODE_ENV: 'production', REPORT_LINK_SECRET: LINK_SECRET })
        .auth,
    ).toEqual({
      oidc: { issuer: oidc.OIDC_ISSUER, audience: oidc.OIDC_AUDIENCE },
    });
  });

  it('refuses an issuer without an audience', () => {
    expect(problemsOf(() => loadConfig({ ...services, OIDC_ISSUER: oidc.OIDC_ISSUER }))).toEqual([
      'OIDC_ISSUER and OIDC_AUDIENCE go together: set both or neither',
    ]);
  });

  it('refuses a plain-http issuer that is not local', () => {
    expect(
      problemsOf(() => loadConfig({ ...services, ...oidc, OIDC_ISSUER: 'http://example.com' }))[0],
    ).toMatch(/OIDC_ISSUER must be an https URL/);
  });
});

describe('OIDC_ORGANISATION_ROLES', () => {
  const oidc = { OIDC_ISSUER: 'https://oidc.example.gov.uk', OIDC_AUDIENCE: 'la-delivery-tracker' };
  const mapping = {
    'b4a1e5c2-0000-4000-8000-00000000000a': {
      role: 'SUPPLIER',
      supplierId: '0b9a3c1e-2f4d-4e5a-9b6c-7d8e9f0a1b2c',
    },
    'b4a1e5c2-0000-4000-8000-00000000000b': { role: 'REGIONAL_ADVISER', regionCode: 'E12000001' },
  };

  it('is absent unless set', () => {
    expect(loadConfig({ ...services, ...oidc }).auth.oidc?.organisationRoles).toBeUndefined();
  });

  it('reads the mapping given as JSON', () => {
    const sut = loadConfig({
      ...services,
      ...oidc,
      OIDC_ORGANISATION_ROLES: JSON.stringify(mapping),
    });
    expect(sut.auth.oidc?.organisationRoles).toEqual(mapping);
  });

  it('reads the mapping from a file named instead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'organisation-roles-'));
    try {
      const file = join(dir, 'roles.json');
      writeFileSync(file, JSON.stringify(mapping));
      const sut = loadConfig({ ...services, ...oidc, OIDC_ORGANISATION_ROLES: file });
      expect(sut.auth.oidc?.organisationRoles).toEqual(mapping);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['/nonexistent/roles.json', /is neither JSON nor a file that can be read/],
    ['{"org": ', /is not valid JSON/],
    ['{"org": "SUPPLIER"}', /gives organisation "org" something other than a role and its scope/],
    ['{"org": {"supplierId": "x"}}', /gives organisation "org" something other than a role/],
    ['{"org": {"role": "SUPPLIER", "region": "E12000001"}}', /something other than a role/],
    ['{"org": {"role": 3}}', /something other than a role/],
  ])('refuses %s, naming the variable and the form it takes', (value, message) => {
    const [problem] = problemsOf(() =>
      loadConfig({ ...services, ...oidc, OIDC_ORGANISATION_ROLES: value }),
    );
    expect(problem).toMatch(message);
    expect(problem).toMatch(/^OIDC_ORGANISATION_ROLES .*expected \{"<organisation id>"/);
  });

  it('refuses a mapping where there is no OpenID Connect issuer', () => {
    expect(
      problemsOf(() =>
        loadConfig({ ...services, OIDC_ORGANISATION_ROLES: JSON.stringify(mapping) }),
      ),
    ).toEqual(['OIDC_ORGANISATION_ROLES needs OIDC_ISSUER: it maps DfE Sign-in organisations']);
  });
});

describe('GOV.UK Notify settings', () => {
  const KEY =
    'la-tracker-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
  const templates = {
    NOTIFY_TEMPLATE_SESSION_REPORT_OVERDUE: 'a1b2c3d4-0000-4000-8000-000000000001',
    NOTIFY_TEMPLATE_APA_PLAN_DUE: 'a1b2c3d4-0000-4000-8000-000000000002',
    NOTIFY_TEMPLATE_DIAGNOSTIC_FOLLOW_UP_DUE: 'a1b2c3d4-0000-4000-8000-000000000003',
    NOTIFY_TEMPLATE_MONTHLY_RETURN_DUE: 'a1b2c3d4-0000-4000-8000-000000000004',
    NOTIFY_TEMPLATE_ENGAGEMENT_STALLED: 'a1b2c3d4-0000-4000-8000-000000000005',
    NOTIFY_TEMPLATE_SESSION_AWAITING_SIGN_OFF: 'a1b2c3d4-0000-4000-8000-000000000006',
  };

  it('leaves Notify out when no key is given, so messages go to the development outbox', () => {
    expect(loadConfig(services).notify).toBeUndefined();
  });

  it('reads the key, a local stand-in for the API and a template per kind of reminder', () => {
    const sut = loadConfig({
      ...services,
      ...templates,
      NOTIFY_API_KEY: KEY,
      NOTIFY_BASE_URL: 'http://127.0.0.1:6011',
    }).notify;
    expect(sut).toEqual({
      apiKey: KEY,
      baseUrl: 'http://127.0.0.1:6011',
      templateIds: {
        SESSION_REPORT_OVERDUE: 'a1b2c3d4-0000-4000-8000-000000000001',
        APA_PLAN_DUE: 'a1b2c3d4-0000-4000-8000-000000000002',
        DIAGNOSTIC_FOLLOW_UP_DUE: 'a1b2c3d4-0000-4000-8000-000000000003',
        MONTHLY_RETURN_DUE: 'a1b2c3d4-0000-4000-8000-000000000004',
        ENGAGEMENT_STALLED: 'a1b2c3d4-0000-4000-8000-000000000005',
        SESSION_AWAITING_SIGN_OFF: 'a1b2c3d4-0000-4000-8000-000000000006',
      },
    });
  });

  it('names every template missing when the key is set', () => {
    const some = Object.fromEntries(
      Object.entries(templates).filter(([name]) => !/APA_PLAN|STALLED/.test(name)),
    );
    expect(problemsOf(() => loadConfig({ ...services, ...some, NOTIFY_API_KEY: KEY }))).toEqual([
      'With NOTIFY_API_KEY set, every template is needed: set NOTIFY_TEMPLATE_APA_PLAN_DUE, NOTIFY_TEMPLATE_ENGAGEMENT_STALLED',
    ]);
  });

  it('refuses templates without a key, a key that is not one, and a template id that is not a UUID', () => {
    expect(problemsOf(() => loadConfig({ ...services, ...templates }))).toEqual([
      'NOTIFY_API_KEY is needed to send through GOV.UK Notify',
    ]);
    expect(
      problemsOf(() => loadConfig({ ...services, ...templates, NOTIFY_API_KEY: 'secret' }))[0],
    ).toMatch(/NOTIFY_API_KEY must be a GOV.UK Notify API key/);
    expect(
      problemsOf(() =>
        loadConfig({
          ...services,
          ...templates,
          NOTIFY_API_KEY: KEY,
          NOTIFY_TEMPLATE_APA_PLAN_DUE: 'the apa one',
        }),
      ),
    ).toEqual(['NOTIFY_TEMPLATE_APA_PLAN_DUE must be a GOV.UK Notify template id (a UUID)']);
  });

  it('refuses a plain-http API that is not local', () => {
    expect(
      problemsOf(() =>
        loadConfig({
          ...services,
          ...templates,
          NOTIFY_API_KEY: KEY,
          NOTIFY_BASE_URL: 'http://notify.example.com',
        }),
      )[0],
    ).toMatch(/NOTIFY_BASE_URL must be an https URL/);
  });
});

describe('HTTP settings', () => {
  it('reads the rate limits, 0 turning one off', () => {
    const sut = loadConfig({
      ...services,
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
      RATE_LIMIT_PER_USER_PER_MINUTE: '25',
    });
    expect(sut.http).toMatchObject({
      rateLimitPerAddressPerMinute: 0,
      rateLimitPerUserPerMinute: 25,
    });
  });

  it.each([
    ['RATE_LIMIT_PER_ADDRESS_PER_MINUTE', '-1'],
    ['RATE_LIMIT_PER_ADDRESS_PER_MINUTE', '1000001'],
    ['RATE_LIMIT_PER_USER_PER_MINUTE', 'lots'],
    ['RATE_LIMIT_PER_USER_PER_MINUTE', '2.5'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(problemsOf(() => loadConfig({ ...services, [name]: value }))).toEqual([
      `${name} must be a whole number of requests from 0 (no limit) to 1000000 (got ${JSON.stringify(value)})`,
    ]);
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['10', 10],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.7,loopback', ['10.0.0.0/8', '192.168.1.7', 'loopback']],
    ['fd00::/8,::1', ['fd00::/8', '::1']],
  ])('trusts the proxies TRUST_PROXY=%j names', (value, expected) => {
    expect(loadConfig({ ...services, TRUST_PROXY: value }).http.trustProxy).toEqual(expected);
  });

  it.each(['true', '0', '11', '10.0.0.0/33', '10.0.0', 'everyone', '10.0.0.0/8,'])(
    'refuses TRUST_PROXY=%j',
    (value) => {
      const [problem] = problemsOf(() => loadConfig({ ...services, TRUST_PROXY: value }));
      expect(problem).toMatch(/^TRUST_PROXY must be false, the number of proxies/);
      expect(problem).toContain(`(got ${JSON.stringify(value)})`);
    },
  );

  it('reads the origins CORS allows', () => {
    const sut = loadConfig({
      ...services,
      CORS_ALLOWED_ORIGINS: 'https://tracker.education.gov.uk, http://localhost:4200',
    });
    expect(sut.http.corsAllowedOrigins).toEqual([
      'https://tracker.education.gov.uk',
      'http://localhost:4200',
    ]);
  });

  it('refuses what is not an origin, naming each', () => {
    expect(
      problemsOf(() =>
        loadConfig({
          ...services,
          CORS_ALLOWED_ORIGINS:
            'https://ok.example.gov.uk,https://with.path.example/app,*,ftp://files.example',
        }),
      ),
    ).toEqual([
      'CORS_ALLOWED_ORIGINS must be origins separated by commas, each a scheme, host and optional port with no path, e.g. https://tracker.education.gov.uk (got "https://with.path.example/app", "*", "ftp://files.example")',
    ]);
  });
});

describe('loadLauncherConfig', () => {
  it('leaves services unset when they are not given', () => {
    const sut = loadLauncherConfig({});
    expect(sut.databaseUrl).toBeUndefined();
    expect(sut.redisUrl).toBeUndefined();
  });
});
