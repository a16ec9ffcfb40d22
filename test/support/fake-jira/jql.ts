/**
 * The slice of JQL a ticket-source reconciler needs, read strictly: anything outside it is a 400,
 * as Jira answers JQL it cannot parse, so a client cannot come to rely on the fake guessing.
 * Supported: clauses joined by AND on updated/created (=, >, >=, <, <=), project (=, in) and
 * key (=, in); then ORDER BY updated | created | key | id, each ASC or DESC.
 */

export type DateField = 'updated' | 'created';
export type SortField = 'updated' | 'created' | 'key' | 'id';
type Comparison = '=' | '>' | '>=' | '<' | '<=';

export type JqlClause =
  | { kind: 'date'; field: DateField; op: Comparison; at: number; minutes: boolean }
  | { kind: 'project'; keys: string[] }
  | { kind: 'key'; keys: string[] };

export interface JqlQuery {
  clauses: JqlClause[];
  orderBy: { field: SortField; descending: boolean }[];
}

/** What a JQL clause is matched against. */
export interface JqlSubject {
  id: string;
  key: string;
  project: string;
  updated: number;
  created: number;
}

export class JqlError extends Error {}

const DATE_FIELDS: Record<string, DateField> = {
  updated: 'updated',
  updateddate: 'updated',
  created: 'created',
  createddate: 'created',
};
const SORT_FIELDS: Record<string, SortField> = {
  ...DATE_FIELDS,
  key: 'key',
  issuekey: 'key',
  id: 'id',
};

interface Token {
  text: string;
  quoted: boolean;
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(>=|<=|!=|!~|[=<>~(),])|([^\s=<>~(),!"']+))/y;
  let rest = jql.trimEnd();
  while (rest.length > 0) {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (!match) throw new JqlError(`Error in the JQL Query: cannot read '${rest}'.`);
    const quoted = match[1] ?? match[2];
    if (quoted !== undefined) tokens.push({ text: quoted.replace(/\\(.)/g, '$1'), quoted: true });
    else tokens.push({ text: match[3] ?? match[4]!, quoted: false });
    rest = rest.slice(match[0].length);
  }
  return tokens;
}

/**
 * Jira reads JQL dates in the searching user's time zone; the fake's user is on UTC. Relative
 * periods (-5m, -2h, -1d, -1w) count back from `now`, as Jira's do.
 */
function parseDate(text: string, field: string, now: number): { at: number; minutes: boolean } {
  const absolute = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text);
  if (absolute) {
    const [, y, mo, d, h, mi] = absolute;
    const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
    if (!Number.isNaN(at) && Number(mo) <= 12 && Number(d) <= 31 && Number(h ?? 0) < 24) {
      return { at, minutes: h !== undefined };
    }
  }
  const relative = /^([-+]?)(\d+)([mhdw])$/.exec(text);
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[3]!]!;
    const sign = relative[1] === '-' ? -1 : 1;
    return { at: now + sign * Number(relative[2]) * unit, minutes: true };
  }
  throw new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: ` +
      `'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', ` +
      `or a period format e.g. '-5d', '4w 2d'.`,
  );
}

export function parseJql(jql: string, now: number = Date.now()): JqlQuery {
  const tokens = tokenize(jql);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isWord = (token: Token | undefined, word: string): boolean =>
    token !== undefined && !token.quoted && token.text.toLowerCase() === word;
  const next = (what: string): Token => {
    const token = tokens[at++];
    if (!token) throw new JqlError(`Error in the JQL Query: expecting ${what} but got the end.`);
    return token;
  };

  const readValues = (): string[] => {
    if (!isWord(peek(), '(')) return [next('a value').text];
    at++;
    const values: string[] = [];
    for (;;) {
      values.push(next('a value').text);
      const separator = next("',' or ')'");
      if (separator.text === ')') return values;
      if (separator.text !== ',') {
        throw new JqlError(
          `Error in the JQL Query: expecting ',' or ')' but got '${separator.text}'.`,
        );
      }
    }
  };

  const readClause = (): JqlClause => {
    const fieldToken = next('a field');
    const field = fieldToken.text.toLowerCase();
    const operator = next('an operator');
    const op = operator.text.toLowerCase();
    const dateField = DATE_FIELDS[field];
    if (dateField) {
      if (!['=', '>', '>=', '<', '<='].includes(op)) {
        throw new JqlError(
          `The operator '${operator.text}' is not supported by the fake for '${field}'.`,
        );
      }
      return {
        kind: 'date',
        field: dateField,
        op: op as Comparison,
        ...parseDate(next('a date').text, fieldToken.text, now),
      };
    }
    if (field === 'project' || field === 'key' || field === 'issuekey') {
      if (op !== '=' && op !== 'in') {
        throw new JqlError(
          `The operator '${operator.text}' is not supported by the fake for '${field}'.`,
        );
      }
      const keys = readValues().map((value) => value.toUpperCase());
      return field === 'project' ? { kind: 'project', keys } : { kind: 'key', keys };
    }
    throw new JqlError(
      `Field '${fieldToken.text}' does not exist or you do not have permission to view it.`,
    );
  };

  const clauses: JqlClause[] = [];
  if (peek() && !isWord(peek(), 'order')) {
    clauses.push(readClause());
    while (isWord(peek(), 'and')) {
      at++;
      clauses.push(readClause());
    }
  }
  const orderBy: JqlQuery['orderBy'] = [];
  if (isWord(peek(), 'order')) {
    at++;
    if (!isWord(next("'by'"), 'by'))
      throw new JqlError("Error in the JQL Query: expecting 'by' after 'order'.");
    for (;;) {
      const fieldToken = next('a field to order by');
      const field = SORT_FIELDS[fieldToken.text.toLowerCase()];
      if (!field) throw new JqlError(`Not able to sort using field '${fieldToken.text}'.`);
      let descending = false;
      if (isWord(peek(), 'asc') || isWord(peek(), 'desc'))
        descending = next('a direction').text.toLowerCase() === 'desc';
      orderBy.push({ field, descending });
      if (peek()?.text !== ',') break;
      at++;
    }
  }
  const extra = peek();
  if (extra)
    throw new JqlError(`Error in the JQL Query: the fake does not support '${extra.text}' here.`);
  return { clauses, orderBy };
}

function compare(value: number, op: Comparison, bound: number, minutes: boolean): boolean {
  // `updated = "2026-12-05 10:00"` in Jira means within that minute (or day, for a bare date)
  if (op === '=') return value >= bound && value < bound + (minutes ? 60_000 : 86_400_000);
  if (op === '>') return value > bound;
  if (op === '>=') return value >= bound;
  if (op === '<') return value < bound;
  return value <= bound;
}

export function matchesJql(query: JqlQuery, subject: JqlSubject): boolean {
  return query.clauses.every((clause) => {
    if (clause.kind === 'project') return clause.keys.includes(subject.project.toUpperCase());
    if (clause.kind === 'key') return clause.keys.includes(subject.key.toUpperCase());
    return compare(subject[clause.field], clause.op, clause.at, clause.minutes);
  });
}

function compareKeys(a: string, b: string): number {
  const [projectA = '', numberA = '0'] = a.split('-');
  const [projectB = '', numberB = '0'] = b.split('-');
  return projectA.localeCompare(projectB) || Number(numberA) - Number(numberB);
}

/** Without ORDER BY the fake answers in creation order; Jira promises no default order either. */
export function compareByJql(query: JqlQuery, a: JqlSubject, b: JqlSubject): number {
  for (const { field, descending } of query.orderBy) {
    const order =
      field === 'key'
        ? compareKeys(a.key, b.key)
        : field === 'id'
          ? Number(a.id) - Number(b.id)
          : a[field] - b[field];
    if (order !== 0) return descending ? -order : order;
  }
  return Number(a.id) - Number(b.id);
}
