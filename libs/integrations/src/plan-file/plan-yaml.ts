import { LineCounter, parseDocument, stringify } from 'yaml';
import type { Plan, Problem } from '@app/domain';

/**
 * YAML in and out (the `yaml` package: YAML 1.2, so a bare 2027-01-04 stays a string, and it
 * reports syntax errors with line and column).
 */
export function parsePlanYaml(text: string): { doc: unknown; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  // The parser reports one error per enclosing collection at the same spot: keep each once.
  const problems = new Map<string, Problem>();
  for (const error of document.errors) {
    const at = lineCounter.linePos(error.pos[0]);
    const problem = {
      path: `(line ${at.line}, column ${at.col})`,
      message: error.message.split('\n')[0],
    };
    problems.set(`${problem.path} ${problem.message}`, problem);
  }
  return {
    doc: problems.size ? null : document.toJS({ maxAliasCount: 100 }),
    problems: [...problems.values()],
  };
}

/** A plan as YAML; dates are YYYY-MM-DD strings already. */
export function planToYaml(plan: Plan): string {
  return stringify(plan, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
}
