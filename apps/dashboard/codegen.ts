// Types for every GraphQL operation of the dashboard, generated from the committed schema.gql by
// the client preset (run `npm run dashboard:codegen`). The output in src/gql is committed, and
// `npm test` fails when it is out of date (`--check`).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['apps/dashboard/src/**/*.{ts,tsx}', '!apps/dashboard/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'apps/dashboard/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        // only what the operations use, so an unrelated schema change leaves the output alone
        onlyOperationTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { DateTime: 'string' },
      },
    },
  },
};

export default config;
