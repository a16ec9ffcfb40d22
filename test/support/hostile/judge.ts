import type { Answer } from './send.js';
import type { HostileRequest } from './request.js';

/** What a hostile request must never get back. */
export interface Finding {
  surface: string;
  argument: string;
  kind: string;
  auth: string;
  status: number;
  code: string;
  problem: string;
  excerpt: string;
}

/** A stack frame as V8 prints it ("    at fn (file.js:12:5)"), raw or inside a JSON string. */
const STACK =
  /(?:\n|\\n)\s+at [^\n]+?:\d+:\d+|\bat (?:async )?[\w$.<>]+ \([^)]*\.(?:js|ts|mjs|cjs):\d+:\d+\)/;
/** SQL or PostgreSQL error text (statements, relation and constraint names, driver errors). */
const SQL =
  /\b(?:SELECT\s+[\w*"., ]+\s+FROM|INSERT\s+INTO|UPDATE\s+"?\w+"?\s+SET|DELETE\s+FROM)\b|syntax error at or near|violates (?:foreign key|unique|check|not-null) constraint|duplicate key value|relation "[^"]+" does not exist|invalid input syntax for type|QueryFailedError|\bpg_[a-z_]+\(/i;

/** The error codes in a GraphQL or plain JSON answer. */
export function codesOf(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as {
      errors?: { extensions?: { code?: string } }[];
      code?: string;
      error?: string;
    };
    const codes = (parsed.errors ?? []).map((e) => e.extensions?.code ?? '(no code)');
    if (typeof parsed.code === 'string') codes.push(parsed.code);
    return codes;
  } catch {
    return [];
  }
}

function excerptOf(answer: Answer): string {
  const text = answer.error ? `${answer.error} ${answer.body}` : answer.body;
  let message = text;
  try {
    const parsed = JSON.parse(answer.body) as {
      errors?: { message?: string }[];
      message?: unknown;
    };
    message = parsed.errors?.[0]?.message ?? JSON.stringify(parsed.message ?? parsed);
  } catch {
    // not JSON: the raw text
  }
  return message.replace(/\s+/g, ' ').slice(0, 160);
}

/**
 * Every problem with one answer: a 5xx (or no answer at all), INTERNAL_SERVER_ERROR, a stack trace,
 * SQL text, or "Maximum call stack". A coded 4xx (BAD_USER_INPUT, RATE_LIMITED, ...) is fine.
 */
export function judge(request: HostileRequest, answer: Answer): Finding[] {
  const problems: string[] = [];
  const codes = codesOf(answer.body);
  if (answer.status === 0) problems.push(`no answer (${answer.error ?? 'unknown'})`);
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  if (codes.includes('INTERNAL_SERVER_ERROR') || /Internal server error/i.test(answer.body)) {
    problems.push('INTERNAL_SERVER_ERROR');
  }
  if (STACK.test(answer.body) || /"stacktrace"/.test(answer.body))
    problems.push('stack trace in the body');
  if (SQL.test(answer.body)) problems.push('SQL text in the body');
  if (/Maximum call stack/i.test(answer.body)) problems.push('"Maximum call stack" in the body');
  return problems.map((problem) => ({
    surface: request.surface,
    argument: request.argument,
    kind: request.kind,
    auth: request.auth,
    status: answer.status,
    code: codes.join(',') || '-',
    problem,
    excerpt: excerptOf(answer),
  }));
}

/** One line per finding, grouped so a report of thousands stays readable. */
export function formatFindings(findings: Finding[], limit = 200): string {
  const lines = findings
    .slice(0, limit)
    .map(
      (f) =>
        `${f.surface} ${f.argument} [${f.kind}] as ${f.auth}: ${f.problem}; HTTP ${f.status}, code ${f.code}: ${f.excerpt}`,
    );
  if (findings.length > limit) lines.push(`... and ${findings.length - limit} more`);
  return lines.join('\n');
}
