import 'reflect-metadata';
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

/** The environment variables the product reads, as they arrive (strings), with defaults. */
class EnvironmentVariables {
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: string = 'development';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be a whole number between 1 and 65535' })
  @Min(1, { message: 'PORT must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'PORT must be a whole number between 1 and 65535' })
  PORT: number = 3000;

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

  @IsString()
  DATA_DIR: string = '.data';
}

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** Absent only where the caller said it may be (the launcher starts its own PostgreSQL). */
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly redisUrl: string;
  /** Where embedded PostgreSQL and Redis keep their data when the launcher starts them. */
  readonly dataDir: string;
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

function parse(env: Environment): EnvironmentVariables {
  // An empty variable is an unset one, so `PORT=` falls back to the default.
  const present = Object.fromEntries(
    Object.keys(new EnvironmentVariables())
      .concat(['DATABASE_URL', 'REDIS_URL'])
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
  return Object.freeze({
    nodeEnv: vars.NODE_ENV as NodeEnv,
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL as LogLevel,
    databaseUrl: vars.DATABASE_URL,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    redisUrl: vars.REDIS_URL,
    dataDir: vars.DATA_DIR,
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
