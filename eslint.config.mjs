import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // apps → domain → platform, and nothing else (STYLE.md).
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform'] },
            {
              sourceTag: 'scope:domain',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:platform'],
            },
            {
              sourceTag: 'scope:migrations',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:platform'],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:platform', 'scope:migrations'],
            },
            {
              sourceTag: 'scope:worker',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:platform', 'scope:migrations'],
            },
            {
              sourceTag: 'scope:cli',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:platform', 'scope:migrations'],
            },
            {
              // A client of the api; only its development sign-in reaches the identity library.
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:domain', 'scope:platform', 'scope:migrations'],
            },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*'],
              message: 'Import across libraries by their @la-tracker/* alias.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through @la-tracker/platform/config.',
        },
      ],
    },
  },
  {
    // Tests may use loose typing on GraphQL responses and jest's matchers.
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'libs/platform/testing/**/*.ts',
      'test/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: [
      'libs/platform/config/src/config.ts',
      'libs/platform/testing/src/global-setup.ts',
      'libs/platform/testing/src/global-teardown.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The deployment's checks read the apps' own routes and start-up rules; apps have no alias.
    files: ['docker/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['migrations/*-*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  prettier,
);
