import 'reflect-metadata';
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

const WORKER_PORT_MESSAGE =
  'WORKER_PORT must be a whole number between 0 and 65535 (0 lets the system choose a free port)';

const QUEUE_PREFIX_MESSAGE =
  'QUEUE_PREFIX must be 1 to 50 letters, digits, ".", "_" or "-" (it starts every BullMQ key)';
const OUTBOX_SWEEP_MESSAGE =
  'OUTBOX_SWEEP_INTERVAL_MS must be a whole number of milliseconds from 100 to 3600000';
const RETENTION_MONTHS_MESSAGE =
  'RETENTION_MONTHS_AFTER_PROGRAMME_END must be a whole number of months from 0 to 120';
const RETENTION_OUTBOX_MESSAGE =
  'RETENTION_OUTBOX_DAYS must be a whole number of days from 0 to 3650';
const NOTIFY_SENDS_MESSAGE =
  'NOTIFY_SENDS_PER_MINUTE must be a whole number of sends from 0 (no limit) to 1000000';
const rateLimitMessage = (name: string) =>
  `${name} must be a whole number of requests from 0 (no limit) to 1000000`;

/** The environment variables the product reads, as they arrive (strings), with defaults. */
class EnvironmentVariables {
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: string = 'development';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number between 1 and 65535' })
  @Min(1, { message: 'PORT must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'PORT must be a whole number between 1 and 65535' })
  PORT: number = 3000;

  @Transform(toInt)
  @IsInt({ message: WORKER_PORT_MESSAGE })
  @Min(0, { message: WORKER_PORT_MESSAGE })
  @Max(65535, { message: WORKER_PORT_MESSAGE })
  WORKER_PORT: number = 3001;

  @Transform(toInt)
  @IsInt({ message: 'WEB_PORT must be a whole number between 1 and 65535' })
  @Min(1, { message: 'WEB_PORT must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'WEB_PORT must be a whole number between 1 and 65535' })
  WEB_PORT: number = 3002;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, {
    message: "API_URL must be the api's address with no path, e.g. http://api.internal:3000",
  })
  API_URL?: string;

  @IsOptional()
  @Matches(/^\S{32,}$/, {
    message: 'WEB_SESSION_SECRET must be at least 32 characters with no spaces',
  })
  WEB_SESSION_SECRET?: string;

  @IsOptional()
  @Matches(/^https:\/\/[^\s/]+\/?$|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/?$/, {
    message:
      "WEB_PUBLIC_URL must be the web app's public address with no path, https (http only for localhost), e.g. https://tracker.education.gov.uk",
  })
  WEB_PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/database',
  })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number between 1 and 100' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be a whole number between 1 and 100' })
  @Max(100, { message: 'DATABASE_POOL_SIZE must be a whole number between 1 and 100' })
  DATABASE_POOL_SIZE: number = 10;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, {
    message: 'REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379',
  })
  REDIS_URL?: string;

  @Matches(/^[A-Za-z0-9._-]{1,50}$/, { message: QUEUE_PREFIX_MESSAGE })
  QUEUE_PREFIX: string = 'la-tracker';

  @Transform(toInt)
  @IsInt({ message: OUTBOX_SWEEP_MESSAGE })
  @Min(100, { message: OUTBOX_SWEEP_MESSAGE })
  @Max(3_600_000, { message: OUTBOX_SWEEP_MESSAGE })
  OUTBOX_SWEEP_INTERVAL_MS: number = 5000;

  @Transform(toInt)
  @IsInt({ message: RETENTION_MONTHS_MESSAGE })
  @Min(0, { message: RETENTION_MONTHS_MESSAGE })
  @Max(120, { message: RETENTION_MONTHS_MESSAGE })
  RETENTION_MONTHS_AFTER_PROGRAMME_END: number = 12;

  @Transform(toInt)
  @IsInt({ message: RETENTION_OUTBOX_MESSAGE })
  @Min(0, { message: RETENTION_OUTBOX_MESSAGE })
  @Max(3650, { message: RETENTION_OUTBOX_MESSAGE })
  RETENTION_OUTBOX_DAYS: number = 7;

  @IsIn(['true', 'false'], { message: 'BULL_BOARD_ENABLED must be true or false' })
  BULL_BOARD_ENABLED: string = 'true';

  @Transform(toInt)
  @IsInt({ message: rateLimitMessage('RATE_LIMIT_PER_ADDRESS_PER_MINUTE') })
  @Min(0, { message: rateLimitMessage('RATE_LIMIT_PER_ADDRESS_PER_MINUTE') })
  @Max(1_000_000, { message: rateLimitMessage('RATE_LIMIT_PER_ADDRESS_PER_MINUTE') })
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: number = 1200;

  @Transform(toInt)
  @IsInt({ message: rateLimitMessage('RATE_LIMIT_PER_USER_PER_MINUTE') })
  @Min(0, { message: rateLimitMessage('RATE_LIMIT_PER_USER_PER_MINUTE') })
  @Max(1_000_000, { message: rateLimitMessage('RATE_LIMIT_PER_USER_PER_MINUTE') })
  RATE_LIMIT_PER_USER_PER_MINUTE: number = 300;

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @IsString()
  CORS_ALLOWED_ORIGINS?: string;

  @IsString()
  DATA_DIR: string = '.data';

  @IsOptional()
  @IsString()
  FILE_STORAGE_DIR?: string;

  @IsOptional()
  @Matches(/^\S{32,}$/, {
    message: 'AUTH_HS256_SECRET must be at least 32 characters with no spaces',
  })
  AUTH_HS256_SECRET?: string;

  @IsOptional()
  @Matches(/^https:\/\/\S+$|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/\S*)?$/, {
    message:
      'OIDC_ISSUER must be an https URL (http only for localhost), e.g. https://oidc.signin.education.gov.uk',
  })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  OIDC_AUDIENCE?: string;

  @IsOptional()
  @IsString()
  OIDC_ORGANISATION_ROLES?: string;

  @IsOptional()
  @Matches(/^\S{32,}$/, {
    message: 'REPORT_LINK_SECRET must be at least 32 characters with no spaces',
  })
  REPORT_LINK_SECRET?: string;

  // A Notify API key is the key's name, the service id and the secret: "name-<uuid>-<uuid>".
  @IsOptional()
  @Matches(/^\S*[0-9a-f-]{36}-[0-9a-f-]{36}$/, {
    message: 'NOTIFY_API_KEY must be a GOV.UK Notify API key (its name, service id and secret)',
  })
  NOTIFY_API_KEY?: string;

  @IsOptional()
  @Matches(/^https:\/\/\S+$|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/, {
    message: 'NOTIFY_BASE_URL must be an https URL (http only for localhost), with no path',
  })
  NOTIFY_BASE_URL?: string;

  // GOV.UK Notify allows 3,000 requests a minute per service, and a send may need two (a look-up,
  // then the message): 1,400 leaves room. Raise it when Notify has raised the service's limit.
  @Transform(toInt)
  @IsInt({ message: NOTIFY_SENDS_MESSAGE })
  @Min(0, { message: NOTIFY_SENDS_MESSAGE })
  @Max(1_000_000, { message: NOTIFY_SENDS_MESSAGE })
  NOTIFY_SENDS_PER_MINUTE: number = 1400;
}

/** The kinds of notification (SPEC §6, and sessions awaiting sign-off), each with its own template. */
export const NOTIFY_TEMPLATE_KINDS = [
  'SESSION_REPORT_OVERDUE',
  'APA_PLAN_DUE',
  'DIAGNOSTIC_FOLLOW_UP_DUE',
  'MONTHLY_RETURN_DUE',
  'ENGAGEMENT_STALLED',
  'SESSION_AWAITING_SIGN_OFF',
] as const;
const templateVariable = (kind: string) => `NOTIFY_TEMPLATE_${kind}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  /** The worker's health and metrics listener; 0 lets the system choose. */
  readonly workerPort: number;
  readonly logLevel: LogLevel;
  /** Absent only where the caller said it may be (the launcher starts its own PostgreSQL). */
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly redisUrl: string;
  /** Starts every BullMQ key, so deployments (or tests) can share one Redis. */
  readonly queuePrefix: string;
  /** How often the worker relays outbox rows that were not relayed right after commit. */
  readonly outboxSweepIntervalMs: number;
  /** Notification sends a minute across every worker; 0 for no limit. */
  readonly notifySendsPerMinute: number;
  /** Where embedded PostgreSQL and Redis keep their data when the launcher starts them. */
  readonly dataDir: string;
  /** Where stored files (imports handed in, reports built) live; shared by api and worker. */
  readonly fileStorageDir: string;
  readonly auth: AuthConfig;
  readonly reportLinks: ReportLinksConfig;
  /** GOV.UK Notify, when configured; otherwise messages go to the development outbox. */
  readonly notify?: NotifyConfig;
  readonly retention: RetentionConfig;
  /** Whether the api serves the queue dashboard at `/admin/queues` (to admins only). */
  readonly bullBoardEnabled: boolean;
  readonly http: HttpConfig;
  readonly web: WebConfig;
}

/** The web app: where it listens, how it reaches the api, and what seals its sign-in cookie. */
export interface WebConfig {
  readonly port: number;
  /** The api as the web app calls it (server to server), with no path. */
  readonly apiUrl: string;
  /** Seals the sign-in cookie: WEB_SESSION_SECRET, which the web app requires in production. */
  readonly sessionSecret?: string;
  /** Outside production, when unset, a random secret kept under DATA_DIR. */
  readonly developmentSessionSecretFile?: string;
  /**
   * Sign-in through the OpenID Connect issuer (DfE Sign-in), when configured: the web app is a
   * client whose id is OIDC_AUDIENCE, so the id tokens it receives are the ones the api accepts.
   */
  readonly oidcClient?: {
    readonly secret: string;
    /** Where the issuer sends people back: WEB_PUBLIC_URL/sign-in/callback. */
    readonly redirectUri: string;
  };
}

function webConfig(vars: EnvironmentVariables): WebConfig {
  const common = {
    port: vars.WEB_PORT,
    apiUrl: (vars.API_URL ?? `http://127.0.0.1:${vars.PORT}`).replace(/\/$/, ''),
    ...(vars.OIDC_CLIENT_SECRET && vars.WEB_PUBLIC_URL
      ? {
          oidcClient: {
            secret: vars.OIDC_CLIENT_SECRET,
            redirectUri: `${vars.WEB_PUBLIC_URL.replace(/\/$/, '')}/sign-in/callback`,
          },
        }
      : {}),
  };
  if (vars.WEB_SESSION_SECRET) return { ...common, sessionSecret: vars.WEB_SESSION_SECRET };
  // Production has no fallback: the web app refuses to start without the secret (the api and
  // worker never need it).
  if (vars.NODE_ENV === 'production') return common;
  return {
    ...common,
    developmentSessionSecretFile: join(vars.DATA_DIR, 'development-web-session-secret'),
  };
}

/**
 * Which proxies in front of the api may say who the client is (`X-Forwarded-For`): none, the
 * number of hops, or their addresses and subnets (Express's `trust proxy` setting).
 */
export type TrustProxy = false | number | readonly string[];

/** How the api meets the web: rate limits, who says the client's address, and CORS. */
export interface HttpConfig {
  /** Requests to /graphql and report downloads a minute from one address; 0 for no limit. */
  readonly rateLimitPerAddressPerMinute: number;
  /** GraphQL operations a minute by one signed-in person; 0 for no limit. */
  readonly rateLimitPerUserPerMinute: number;
  readonly trustProxy: TrustProxy;
  /** Origins whose pages may call the api from a browser; none means same-origin only. */
  readonly corsAllowedOrigins: readonly string[];
}

/** How long personal data is kept (SPEC §5.11); the retention job erases what is older. */
export interface RetentionConfig {
  /** Participants' names and e-mails, counted in calendar months from the programme's end. */
  readonly monthsAfterProgrammeEnd: number;
  /** Messages in the development outbox (an address each), counted in days from when sent. */
  readonly outboxDays: number;
}

export interface NotifyConfig {
  readonly apiKey: string;
  /** Notify's own API when absent. */
  readonly baseUrl?: string;
  /** A template id per kind of reminder. */
  readonly templateIds: Readonly<Record<string, string>>;
}

/**
 * How bearer tokens are checked: in production only through the OpenID Connect issuer's keys
 * (RS256, JWKS); elsewhere with a local HS256 secret, taken from AUTH_HS256_SECRET or else a file
 * made on first use under DATA_DIR, so the launcher's api and `npm run cli -- token` agree.
 */
export interface AuthConfig {
  readonly hs256Secret?: string;
  readonly developmentSecretFile?: string;
  readonly oidc?: {
    readonly issuer: string;
    readonly audience: string;
    /** By DfE Sign-in organisation id, the grant a person of it gets on first sign-in. */
    readonly organisationRoles?: Readonly<Record<string, OrganisationRole>>;
  };
}

/**
 * A role, with its scope, for the people of one organisation (OIDC_ORGANISATION_ROLES). Only its
 * shape is checked here; the identity library checks it makes sense when it starts.
 */
export interface OrganisationRole {
  readonly role: string;
  readonly supplierId?: string;
  readonly regionCode?: string;
  readonly programmeId?: string;
}

const ORGANISATION_ROLE_KEYS = ['role', 'supplierId', 'regionCode', 'programmeId'];
const ORGANISATION_ROLES_EXAMPLE =
  '{"<organisation id>": {"role": "SUPPLIER", "supplierId": "<supplier id>"}}';

/**
 * OIDC_ORGANISATION_ROLES: JSON mapping DfE Sign-in organisation ids to a role and scope, given
 * inline or as the path of a file holding it.
 */
function organisationRoles(
  value: string,
  problems: string[],
): Readonly<Record<string, OrganisationRole>> | undefined {
  const problem = (what: string) => {
    problems.push(`OIDC_ORGANISATION_ROLES ${what}; expected ${ORGANISATION_ROLES_EXAMPLE}`);
    return undefined;
  };
  let json = value.trim();
  if (!json.startsWith('{')) {
    try {
      json = readFileSync(json, 'utf8');
    } catch {
      return problem(`is neither JSON nor a file that can be read (${value})`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return problem('is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return problem('must be a JSON object');
  for (const [organisationId, grant] of Object.entries(parsed as Record<string, unknown>)) {
    const fields = grant !== null && typeof grant === 'object' ? Object.entries(grant) : [];
    const wellFormed =
      fields.some(([key]) => key === 'role') &&
      fields.every(
        ([key, field]) => ORGANISATION_ROLE_KEYS.includes(key) && typeof field === 'string',
      );
    if (!wellFormed)
      return problem(
        `gives organisation "${organisationId}" something other than a role and its scope (${ORGANISATION_ROLE_KEYS.join(', ')}, as text)`,
      );
  }
  return Object.freeze(parsed as Record<string, OrganisationRole>);
}

/**
 * The secret report download links are signed with: REPORT_LINK_SECRET, required in production;
 * elsewhere, when unset, a random secret kept in a file under DATA_DIR, made on first use, so
 * every api process of a development machine signs alike.
 */
export interface ReportLinksConfig {
  readonly secret?: string;
  readonly developmentSecretFile?: string;
}

function reportLinksConfig(vars: EnvironmentVariables, problems: string[]): ReportLinksConfig {
  if (vars.REPORT_LINK_SECRET) return { secret: vars.REPORT_LINK_SECRET };
  if (vars.NODE_ENV === 'production') {
    problems.push(
      'REPORT_LINK_SECRET is required in production: report download links are signed with it',
    );
    return {};
  }
  return { developmentSecretFile: join(vars.DATA_DIR, 'development-report-link-secret') };
}

export type LauncherConfig = Omit<AppConfig, 'databaseUrl' | 'redisUrl'> & {
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Variables with no default, which `new EnvironmentVariables()` does not list. */
const OPTIONAL_VARIABLES = [
  'DATABASE_URL',
  'REDIS_URL',
  'FILE_STORAGE_DIR',
  'AUTH_HS256_SECRET',
  'REPORT_LINK_SECRET',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_ORGANISATION_ROLES',
  'NOTIFY_API_KEY',
  'NOTIFY_BASE_URL',
  'TRUST_PROXY',
  'CORS_ALLOWED_ORIGINS',
  'API_URL',
  'WEB_SESSION_SECRET',
  'WEB_PUBLIC_URL',
  'OIDC_CLIENT_SECRET',
];

/** Names Express knows for groups of addresses, besides addresses and CIDR subnets. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

function trustProxyOf(value: string | undefined, problems: string[]): TrustProxy {
  if (value === undefined || value === 'false') return false;
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every(isProxyAddress)) return entries;
  problems.push(
    `TRUST_PROXY must be false, the number of proxies in front of the api (1 to 10), or their addresses or subnets separated by commas (e.g. 10.0.0.0/8,loopback); "true" is refused since it would let any client choose its address (got ${JSON.stringify(value)})`,
  );
  return false;
}

function corsOriginsOf(value: string | undefined, problems: string[]): string[] {
  if (value === undefined) return [];
  const origins = value.split(',').map((entry) => entry.trim());
  const bad = origins.filter((origin) => {
    try {
      const url = new URL(origin);
      return !/^https?:$/.test(url.protocol) || url.origin !== origin;
    } catch {
      return true;
    }
  });
  if (bad.length > 0)
    problems.push(
      `CORS_ALLOWED_ORIGINS must be origins separated by commas, each a scheme, host and optional port with no path, e.g. https://tracker.education.gov.uk (got ${bad.map((o) => JSON.stringify(o)).join(', ')})`,
    );
  return origins;
}

function notifyConfig(
  vars: EnvironmentVariables,
  env: Environment,
  problems: string[],
): NotifyConfig | undefined {
  const templates = NOTIFY_TEMPLATE_KINDS.map((kind) => [kind, env[templateVariable(kind)]]);
  for (const [kind, id] of templates)
    if (id && !UUID.test(id))
      problems.push(`${templateVariable(kind ?? '')} must be a GOV.UK Notify template id (a UUID)`);
  if (!vars.NOTIFY_API_KEY) {
    if (vars.NOTIFY_BASE_URL || templates.some(([, id]) => id))
      problems.push('NOTIFY_API_KEY is needed to send through GOV.UK Notify');
    return undefined;
  }
  const missing = templates.filter(([, id]) => !id).map(([kind]) => templateVariable(kind ?? ''));
  if (missing.length > 0)
    problems.push(`With NOTIFY_API_KEY set, every template is needed: set ${missing.join(', ')}`);
  return {
    apiKey: vars.NOTIFY_API_KEY,
    baseUrl: vars.NOTIFY_BASE_URL,
    templateIds: Object.fromEntries(templates) as Record<string, string>,
  };
}

function authConfig(vars: EnvironmentVariables, problems: string[]): AuthConfig {
  const production = vars.NODE_ENV === 'production';
  if (Boolean(vars.OIDC_ISSUER) !== Boolean(vars.OIDC_AUDIENCE)) {
    problems.push('OIDC_ISSUER and OIDC_AUDIENCE go together: set both or neither');
  }
  if (production && !vars.OIDC_ISSUER) {
    problems.push(
      'OIDC_ISSUER and OIDC_AUDIENCE are required in production: sign-in goes through the OpenID Connect issuer',
    );
  }
  if (production && vars.AUTH_HS256_SECRET) {
    problems.push(
      'AUTH_HS256_SECRET must not be set in production: local tokens are for development and tests only',
    );
  }
  if (Boolean(vars.OIDC_CLIENT_SECRET) !== Boolean(vars.WEB_PUBLIC_URL)) {
    problems.push(
      'OIDC_CLIENT_SECRET and WEB_PUBLIC_URL go together: the web app signs people in with both',
    );
  }
  if (vars.OIDC_CLIENT_SECRET && !vars.OIDC_ISSUER) {
    problems.push('OIDC_CLIENT_SECRET needs OIDC_ISSUER and OIDC_AUDIENCE (the client id)');
  }
  if (vars.OIDC_ORGANISATION_ROLES && !vars.OIDC_ISSUER) {
    problems.push('OIDC_ORGANISATION_ROLES needs OIDC_ISSUER: it maps DfE Sign-in organisations');
  }
  const organisations = vars.OIDC_ORGANISATION_ROLES
    ? organisationRoles(vars.OIDC_ORGANISATION_ROLES, problems)
    : undefined;
  const oidc =
    vars.OIDC_ISSUER && vars.OIDC_AUDIENCE
      ? {
          issuer: vars.OIDC_ISSUER,
          audience: vars.OIDC_AUDIENCE,
          ...(organisations ? { organisationRoles: organisations } : {}),
        }
      : undefined;
  if (production) return { oidc };
  return {
    oidc,
    hs256Secret: vars.AUTH_HS256_SECRET,
    developmentSecretFile: vars.AUTH_HS256_SECRET
      ? undefined
      : join(vars.DATA_DIR, 'development-token-secret'),
  };
}

function parse(env: Environment): EnvironmentVariables {
  // An empty variable is an unset one, so `PORT=` falls back to the default.
  const present = Object.fromEntries(
    Object.keys(new EnvironmentVariables())
      .concat(OPTIONAL_VARIABLES)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = plainToInstance(EnvironmentVariables, present);
  // One problem per variable: its first broken constraint says what a good value looks like.
  const problems = validateSync(parsed).map((error) => {
    const [message] = Object.values(error.constraints ?? {});
    return `${message} (got ${JSON.stringify(present[error.property])})`;
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed;
}

/** Configuration for the launcher, which starts PostgreSQL and Redis itself when they are unset. */
export function loadLauncherConfig(env: Environment): LauncherConfig {
  const vars = parse(env);
  const problems: string[] = [];
  const auth = authConfig(vars, problems);
  const notify = notifyConfig(vars, env, problems);
  const reportLinks = reportLinksConfig(vars, problems);
  const web = webConfig(vars);
  const http: HttpConfig = {
    rateLimitPerAddressPerMinute: vars.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
    rateLimitPerUserPerMinute: vars.RATE_LIMIT_PER_USER_PER_MINUTE,
    trustProxy: trustProxyOf(vars.TRUST_PROXY, problems),
    corsAllowedOrigins: corsOriginsOf(vars.CORS_ALLOWED_ORIGINS, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    nodeEnv: vars.NODE_ENV as NodeEnv,
    port: vars.PORT,
    workerPort: vars.WORKER_PORT,
    logLevel: vars.LOG_LEVEL as LogLevel,
    databaseUrl: vars.DATABASE_URL,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    redisUrl: vars.REDIS_URL,
    queuePrefix: vars.QUEUE_PREFIX,
    outboxSweepIntervalMs: vars.OUTBOX_SWEEP_INTERVAL_MS,
    notifySendsPerMinute: vars.NOTIFY_SENDS_PER_MINUTE,
    dataDir: vars.DATA_DIR,
    fileStorageDir: vars.FILE_STORAGE_DIR ?? join(vars.DATA_DIR, 'files'),
    auth,
    reportLinks,
    notify,
    retention: {
      monthsAfterProgrammeEnd: vars.RETENTION_MONTHS_AFTER_PROGRAMME_END,
      outboxDays: vars.RETENTION_OUTBOX_DAYS,
    },
    bullBoardEnabled: vars.BULL_BOARD_ENABLED === 'true',
    http,
    web,
  });
}

/** Configuration for the api, the worker and the command line: every service must be named. */
export function loadConfig(
  env: Environment,
  required: ReadonlyArray<'DATABASE_URL' | 'REDIS_URL'> = ['DATABASE_URL', 'REDIS_URL'],
): AppConfig {
  const config = loadLauncherConfig(env);
  const missing = required
    .filter((name) => !(name === 'DATABASE_URL' ? config.databaseUrl : config.redisUrl))
    .map(
      (name) =>
        `${name} is required (run \`npm start\` to have PostgreSQL and Redis started for you)`,
    );
  if (missing.length > 0) throw new ConfigError(missing);
  return Object.freeze({
    ...config,
    databaseUrl: config.databaseUrl ?? '',
    redisUrl: config.redisUrl ?? '',
  });
}

/** The one place that reads the process environment. */
export function readEnvironment(): Environment {
  return process.env;
}
