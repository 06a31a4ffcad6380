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

describe('loadConfig', () => {
  it('applies defaults to what is unset', () => {
    const sut = loadConfig(services);
    expect(sut).toEqual({
      nodeEnv: 'development',
      port: 3000,
      logLevel: 'info',
      databaseUrl: services.DATABASE_URL,
      databasePoolSize: 10,
      redisUrl: services.REDIS_URL,
      dataDir: '.data',
    });
  });

  it('reads numbers and names from strings', () => {
    const sut = loadConfig({
      ...services,
      PORT: '8080',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    });
    expect(sut.port).toBe(8080);
    expect(sut.nodeEnv).toBe('production');
    expect(sut.logLevel).toBe('warn');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...services, PORT: '' }).port).toBe(3000);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '0'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['REDIS_URL', 'localhost:6379'],
    ['DATABASE_POOL_SIZE', '-1'],
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

describe('loadLauncherConfig', () => {
  it('leaves services unset when they are not given', () => {
    const sut = loadLauncherConfig({});
    expect(sut.databaseUrl).toBeUndefined();
    expect(sut.redisUrl).toBeUndefined();
  });
});
