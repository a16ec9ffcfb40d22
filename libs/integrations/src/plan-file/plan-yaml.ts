import { LineCounter, parseDocument, stringify } from 'yaml';
import type { Plan, Problem } from '@app/domain';

/**
 * YAML in and out (the `yaml` package: YAML 1.2, so a bare 2027-01-04 stays a string, and it
 * reports syntax errors with line and column).
 */
export function parsePlanYaml(text: string): { doc: unknown; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems = document.errors.map((error) => {
    const at = lineCounter.linePos(error.pos[0]);
    return { path: `(line ${at.line}, column ${at.col})`, message: error.message.split('\n')[0] };
  });
  return { doc: problems.length ? null : document.toJS({ maxAliasCount: 100 }), problems };
}

/** A plan as YAML; dates are YYYY-MM-DD strings already. */
export function planToYaml(plan: Plan): string {
  return stringify(plan, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
}
