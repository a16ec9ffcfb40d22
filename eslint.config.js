// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'graphql',
  'class-validator',
  'class-transformer',
  'dataloader',
  'express',
  'rxjs',
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
    ignores: ['libs/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@app/*/*'], message: 'Import a lib only through its index: @app/<lib>.' },
            {
              regex: '^(\\.\\./)+(libs/|apps/)?[\\w-]+/src(/|$)',
              message: 'Import another lib through @app/<lib>, not by path.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure TypeScript: no framework, ORM, I/O or other lib (docs/design.md section 5).
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS, message: 'libs/domain imports no framework or ORM.' },
            { group: ['@app/*'], message: 'libs/domain imports no other lib.' },
            {
              regex: '^(\\.\\./)+(libs/|apps/)?[\\w-]+/src(/|$)',
              message: 'libs/domain imports no other lib.',
            },
            {
              group: ['node:*', 'fs', 'path', 'http', 'net', 'child_process'],
              message: 'libs/domain does no I/O.',
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
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
