// Unit tests are pure and fast; integration and end-to-end tests run on real PostgreSQL and Redis.
// Dates in tests are calendar dates; the machine's zone must never leak into them.
process.env.TZ = 'UTC';
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// ESM-only dependencies that jest's CommonJS runtime must have transformed.
const esmOnly = [
  'jose',
  'openid-client',
  'oauth4webapi',
  '@nestjs',
  'nestjs-pino',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  'kubernetes-models',
  '@kubernetes-models',
  'is-cidr',
  'cidr-regex',
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: {
    '^@la-tracker/(platform|domain)/([^/]+)$': '<rootDir>/libs/$1/$2/src/index.ts',
    '^@la-tracker/migrations$': '<rootDir>/migrations/index.ts',
    // kubernetes-models exports for `import` only, which jest's resolver does not ask for.
    '^kubernetes-models/(.+)$': '<rootDir>/node_modules/kubernetes-models/$1.js',
    '^@kubernetes-models/(base|validate)$':
      '<rootDir>/node_modules/@kubernetes-models/$1/dist/index.js',
    '^@kubernetes-models/apimachinery/(.+)$':
      '<rootDir>/node_modules/@kubernetes-models/apimachinery/$1.js',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
};

module.exports = {
  // A global setting: jest ignores it inside a project. Unit tests finish in milliseconds anyway.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,migrations,bench,docker}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,migrations}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/platform/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/platform/testing/src/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/platform/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/platform/testing/src/global-teardown.ts',
    },
    {
      // Real processes killed, a private Redis stopped, a fake Notify that misbehaves: minutes.
      ...common,
      displayName: 'fault',
      testMatch: ['<rootDir>/test/fault/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/libs/platform/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/platform/testing/src/global-teardown.ts',
    },
    {
      // The web app in a real browser (Debian's Chromium through playwright-core): journeys, axe.
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/libs/platform/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/platform/testing/src/global-teardown.ts',
    },
    {
      // Bad input to every mutation of the published schema, over HTTP on the reference scenario.
      ...common,
      displayName: 'fuzz',
      testMatch: ['<rootDir>/test/fuzz/**/*.fuzz-spec.ts'],
      globalSetup: '<rootDir>/libs/platform/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/platform/testing/src/global-teardown.ts',
    },
  ],
};
