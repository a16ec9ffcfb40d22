// The leadership dashboard: built to dist/dashboard, which the API serves at / (apps/api/src/dashboard).
// `npm run dashboard:dev` serves it with hot reload and sends /graphql to the API on port 3000.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

const GENERATED = fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url));
const SOURCES = fileURLToPath(new URL('./src/', import.meta.url));
const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const NAMED = /^\s*(query|mutation|subscription|fragment)\s+(\w+)/;

/**
 * In the production build, each `graphql(`...`)` call becomes an import of the document codegen
 * generated for it (src/gql/graphql.ts: `OverviewDocument`, `GoalRefFragmentDoc`), which is what
 * the call returns at run time anyway. Without it the bundle holds gql.ts's map from every
 * document's text to its document: all of them, text and tree, in the initial chunk, the lazy
 * views' too. With it each chunk carries only the documents its own code uses. Line numbers stay.
 */
function graphqlDocuments(): Plugin {
  return {
    name: 'throughline:graphql-documents',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.startsWith(SOURCES) || id.startsWith(`${SOURCES}gql/`) || !/\.tsx?$/.test(id))
        return null;
      const names = new Map<string, string>();
      const out = code.replace(CALL, (call: string, document: string) => {
        const named = NAMED.exec(document);
        if (!named) this.error(`a graphql() document without a name in ${id}`);
        const exported = `${named[2]}${named[1] === 'fragment' ? 'FragmentDoc' : 'Document'}`;
        const local = `__document_${exported}`;
        names.set(exported, local);
        return local + '\n'.repeat(call.split('\n').length - 1);
      });
      if (names.size === 0) return null;
      const imports = [...names].map(([exported, local]) => `${exported} as ${local}`).join(', ');
      // on the first line, beside the file's own first line, so that no line moves
      return { code: `import { ${imports} } from ${JSON.stringify(GENERATED)};${out}`, map: null };
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [graphqlDocuments()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // react-router marks its modules "use client" for React Server Components; irrelevant here
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: { '/graphql': 'http://localhost:3000', '/exports': 'http://localhost:3000' },
  },
  test: {
    root: here,
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
