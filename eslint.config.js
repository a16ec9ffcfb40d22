// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The libs in dependency order (README, Import rules): each imports only libs before it. `apps/*`
 * compose them. integrations comes after alignment (a sprint a tracker closes gets closeSprint's
 * snapshot); planning comes last.
 */
const LIB_ORDER = [
  'domain',
  'config',
  'database',
  'common',
  'identity',
  'strategy',
  'delivery',
  'alignment',
  'integrations',
  'planning',
];

/** Another lib only through its index, `@app/<lib>`, never by a deep or relative path. */
const THROUGH_INDEX = [
  { group: ['@app/*/*'], message: 'Import a lib only through its index: @app/<lib>.' },
  {
    regex: '^(\\.\\./)+(libs/|apps/)?[\\w-]+/src(/|$)',
    message: 'Import another lib through @app/<lib>, not by path.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      // generated from schema.gql by graphql-codegen (npm run dashboard:codegen)
      'apps/dashboard/src/gql/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@app/*/*'], message: 'Import a lib only through its index: @app/<lib>.' },
            {
              group: ['**/libs/*/src/**', '../../*/src/**'],
              message: 'Import another lib through @app/<lib>, not by path.',
            },
          ],
        },
      ],
    },
  },
  {
    // A lib or app reaches another lib only through @app/<lib>, also by relative path from any depth.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['libs/domain/**', 'apps/dashboard/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: THROUGH_INDEX }] },
  },
  // Dependencies point one way: each lib imports only libs before it in LIB_ORDER.
  ...LIB_ORDER.slice(1).map((lib, i) => ({
    files: [`libs/${lib}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...THROUGH_INDEX,
            {
              group: LIB_ORDER.slice(i + 2).map((later) => `@app/${later}`),
              message: `libs/${lib} imports only libs before it: ${LIB_ORDER.slice(0, i + 1).join(', ')} (README, Import rules).`,
            },
          ].filter((p) => !('group' in p) || p.group.length > 0),
        },
      ],
    },
  })),
  {
    // The domain is pure TypeScript: it imports its own files and nothing else (an allowlist:
    // relative paths inside libs/domain; specs also fast-check), docs/design.md section 5.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/)',
              message:
                'libs/domain imports only its own files (no framework, ORM, I/O or other lib).',
            },
            {
              regex: '^(\\.\\./)+(libs/|apps/)?[\\w-]+/src(/|$)',
              message: 'libs/domain imports no other lib.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.{1,2}/|fast-check$)',
              message: 'libs/domain specs import their own files and fast-check only.',
            },
            {
              regex: '^(\\.\\./)+(libs/|apps/)?[\\w-]+/src(/|$)',
              message: 'libs/domain imports no other lib.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard is a browser app on the public GraphQL API: nothing from the server's libs.
    files: ['apps/dashboard/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@app/*'],
              message: 'The dashboard imports nothing from libs/: it speaks GraphQL.',
            },
            {
              regex: '^(\\.\\./)+(libs|apps/(api|cli|bench|soak|cluster))(/|$)',
              message:
                'The dashboard imports nothing from libs/ or the server apps: it speaks GraphQL.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard: a browser app (React, Vite), with the rules of hooks.
    files: ['apps/dashboard/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['apps/dashboard/vite.config.ts', 'apps/dashboard/codegen.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS files (jest's config and runner) have only require()
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
