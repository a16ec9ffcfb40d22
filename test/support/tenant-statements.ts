import { loadModule, parseSync } from 'libpg-query';
import { TENANT_TABLES } from '@app/database';

/**
 * Checks that a SQL statement names its tenant explicitly: every tenant table it reads or writes
 * is pinned to one organization by an `organization_id = $n` (or a constant) in the WHERE or JOIN
 * conditions of its own query level, directly or through equalities with other tables'
 * organization_id (a join on organization_id with a pinned table, a correlated subquery's
 * condition on the outer row); an INSERT names organization_id among its columns. That is what a
 * database distributed by organization_id (Citus) needs to send the statement to one shard;
 * row-level security filters the same rows but is invisible to its router.
 *
 * The SQL is parsed by PostgreSQL's own parser (libpg-query), so quoting, comments, CTEs,
 * subqueries and set operations are read as PostgreSQL reads them. Only conditions that always
 * hold (top-level AND of the WHERE and of the JOIN ... ON) count: an equality under OR or NOT
 * pins nothing, and neither does `= ANY($1)` (several organizations).
 */

export interface Finding {
  table: string;
  /** why the table is not pinned */
  problem: string;
}

const TENANT = new Set<string>(TENANT_TABLES);
const ORG = 'organization_id';

let loaded: Promise<void> | null = null;
/** The parser is WebAssembly: load it once before the first check. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

// The parse tree is PostgreSQL's (JSON from libpg-query): walked generically.
type Node = Record<string, any>;

/** Union-find over terms: a relation's organization_id, or PINNED (a parameter or constant). */
class Classes {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
  pinned(x: string): boolean {
    return this.find(x) === this.find(PINNED);
  }
}
const PINNED = '#pinned';

interface Relation {
  id: string;
  table: string;
  tenant: boolean;
  /** set for a table that names its organization otherwise (an INSERT's column list) */
  pinnedBy?: string;
}

/** One query level: the relations of its FROM (by alias) and the levels around it. */
class Scope {
  readonly relations = new Map<string, Relation>();
  constructor(
    readonly outer: Scope | null,
    readonly ctes: Set<string>,
  ) {}
  /** The relation a column's qualifier names, and whether it belongs to this level. */
  resolve(qualifier: string | null): { relation: Relation; local: boolean } | null {
    const levels: Scope[] = [];
    for (let s: Scope | null = this.outer; s; s = s.outer) levels.push(s);
    for (const s of [this as Scope, ...levels]) {
      const local = s === this;
      if (qualifier !== null) {
        const relation = s.relations.get(qualifier);
        if (relation) return { relation, local };
        continue;
      }
      // an unqualified organization_id: the level's one tenant table (PostgreSQL would call a
      // column that two of them have ambiguous)
      const tenants = [...s.relations.values()].filter((r) => r.tenant);
      if (tenants.length === 1) return { relation: tenants[0], local };
      if (s.relations.size === 1) return { relation: [...s.relations.values()][0], local };
      if (tenants.length > 1) return null;
    }
    return null;
  }
}

export class StatementChecker {
  private classes = new Classes();
  private findings: Finding[] = [];
  private counter = 0;

  /** The tenant tables of `sql` not pinned to one organization (empty: the statement is fine). */
  static check(sql: string): Finding[] {
    const parsed = parseSync(sql) as { stmts?: { stmt: Node }[] };
    const checker = new StatementChecker();
    for (const { stmt } of parsed.stmts ?? []) checker.statement(stmt, null, new Set());
    return checker.findings;
  }

  private statement(node: Node, outer: Scope | null, ctes: Set<string>): void {
    const [kind, body] = Object.entries(node)[0] as [string, Node];
    switch (kind) {
      case 'SelectStmt':
        return this.select(body, outer, ctes);
      case 'InsertStmt':
        return this.insert(body, outer, ctes);
      case 'UpdateStmt':
        return this.modify(body, outer, ctes, body.fromClause ?? []);
      case 'DeleteStmt':
        return this.modify(body, outer, ctes, body.usingClause ?? []);
      case 'CopyStmt':
        return this.copy(body, outer, ctes);
      default:
        // anything else (transaction control, SET, temporary tables, ANALYZE, TRUNCATE...) must
        // not name a tenant table at all
        for (const table of tenantTablesIn(body))
          this.findings.push({ table, problem: `named by a ${kind}` });
    }
  }

  private withClause(withClause: Node | undefined, outer: Scope | null, ctes: Set<string>) {
    const inner = new Set(ctes);
    for (const cte of withClause?.ctes ?? []) {
      const c = cte.CommonTableExpr;
      if (withClause?.recursive) inner.add(c.ctename);
      this.statement(c.ctequery, outer, inner);
      inner.add(c.ctename);
    }
    return inner;
  }

  private select(s: Node, outer: Scope | null, ctesIn: Set<string>): void {
    const ctes = this.withClause(s.withClause, outer, ctesIn);
    if (s.op && s.op !== 'SETOP_NONE') {
      this.select(s.larg, outer, ctes);
      this.select(s.rarg, outer, ctes);
      return;
    }
    const scope = new Scope(outer, ctes);
    const deferred: (() => void)[] = [];
    const conditions: Node[] = [];
    for (const item of s.fromClause ?? []) this.fromItem(item, scope, conditions, deferred);
    if (s.whereClause) conditions.push(s.whereClause);
    for (const v of s.valuesLists ?? []) deferred.push(() => this.sublinks(v, scope));
    this.level(scope, conditions, deferred, [
      s.targetList,
      s.havingClause,
      s.groupClause,
      s.sortClause,
      s.distinctClause,
      s.limitCount,
      s.limitOffset,
    ]);
  }

  /**
   * Applies a level's conditions, judges its relations, then checks the subqueries inside it
   * (which may refer to its relations, never pin them).
   */
  private level(scope: Scope, conditions: Node[], deferred: (() => void)[], rest: unknown[]) {
    for (const c of conditions) for (const conj of conjuncts(c)) this.equality(conj, scope);
    for (const r of scope.relations.values()) {
      if (!r.tenant || r.pinnedBy || this.classes.pinned(r.id)) continue;
      this.findings.push({
        table: r.table,
        problem: `no ${ORG} = $n condition on ${r.table} (directly or through equal ${ORG}s)`,
      });
    }
    for (const c of conditions) this.sublinks(c, scope);
    for (const part of rest) if (part) this.sublinks(part, scope);
    for (const run of deferred) run();
  }

  private relation(scope: Scope, rv: Node): Relation {
    const table: string = rv.relname;
    const schema: string | undefined = rv.schemaname;
    const cte = !schema && scope.ctes.has(table);
    const r: Relation = {
      id: `r${++this.counter}`,
      table,
      tenant: !cte && (!schema || schema === 'public') && TENANT.has(table),
    };
    scope.relations.set(rv.alias?.aliasname ?? table, r);
    return r;
  }

  private fromItem(item: Node, scope: Scope, conditions: Node[], deferred: (() => void)[]) {
    if (item.RangeVar) {
      this.relation(scope, item.RangeVar);
    } else if (item.JoinExpr) {
      const j = item.JoinExpr;
      const before = new Set(scope.relations.keys());
      this.fromItem(j.larg, scope, conditions, deferred);
      const left = [...scope.relations.keys()].filter((k) => !before.has(k));
      this.fromItem(j.rarg, scope, conditions, deferred);
      const right = [...scope.relations.keys()].filter((k) => !before.has(k) && !left.includes(k));
      if (j.quals) conditions.push(j.quals);
      // JOIN ... USING (organization_id): every table of one side equals every one of the other
      const using = (j.usingClause ?? []).map((u: Node) => u.String?.sval);
      if (using.includes(ORG)) {
        for (const l of left)
          for (const r of right)
            this.classes.union(scope.relations.get(l)!.id, scope.relations.get(r)!.id);
      }
    } else if (item.RangeSubselect) {
      const sub = item.RangeSubselect;
      // a derived table: its own level (LATERAL sees this one); its columns pin nothing here
      scope.relations.set(sub.alias?.aliasname ?? `#sub${++this.counter}`, {
        id: `r${++this.counter}`,
        table: '(subquery)',
        tenant: false,
      });
      deferred.push(() =>
        this.statement(sub.subquery, sub.lateral ? scope : scope.outer, scope.ctes),
      );
    } else if (item.RangeFunction) {
      const f = item.RangeFunction;
      scope.relations.set(f.alias?.aliasname ?? `#fn${++this.counter}`, {
        id: `r${++this.counter}`,
        table: '(function)',
        tenant: false,
      });
      deferred.push(() => this.sublinks(f.functions, scope));
    } else {
      for (const table of tenantTablesIn(item))
        this.findings.push({ table, problem: `in an unrecognized FROM item` });
    }
  }

  private insert(s: Node, outer: Scope | null, ctesIn: Set<string>): void {
    const ctes = this.withClause(s.withClause, outer, ctesIn);
    const scope = new Scope(outer, ctes);
    const target = this.relation(scope, s.relation);
    const columns: string[] = (s.cols ?? []).map((c: Node) => c.ResTarget.name);
    if (target.tenant) {
      if (columns.includes(ORG)) target.pinnedBy = 'its column list';
      else
        this.findings.push({
          table: target.table,
          problem: `INSERT without ${ORG} among its columns`,
        });
    }
    // the rows: VALUES (parameters) or a SELECT, whose own tables must be pinned
    if (s.selectStmt) this.statement(s.selectStmt, outer, ctes);
    // ON CONFLICT ... DO UPDATE works on the row being inserted (pinned by the column list)
    scope.relations.set('excluded', { id: `r${++this.counter}`, table: 'excluded', tenant: false });
    this.sublinks(s.onConflictClause, scope);
    this.sublinks(s.returningList, scope);
  }

  private modify(s: Node, outer: Scope | null, ctesIn: Set<string>, from: Node[]): void {
    const ctes = this.withClause(s.withClause, outer, ctesIn);
    const scope = new Scope(outer, ctes);
    this.relation(scope, s.relation);
    const conditions: Node[] = [];
    const deferred: (() => void)[] = [];
    for (const item of from) this.fromItem(item, scope, conditions, deferred);
    if (s.whereClause) conditions.push(s.whereClause);
    this.level(scope, conditions, deferred, [s.targetList, s.returningList]);
  }

  private copy(s: Node, outer: Scope | null, ctes: Set<string>): void {
    if (s.query) return this.statement(s.query, outer, ctes);
    const table: string = s.relation.relname;
    if (!TENANT.has(table) || s.relation.schemaname) return;
    const columns: string[] = (s.attlist ?? []).map((c: Node) => c.String.sval);
    // COPY FROM carries every row's organization_id (a distributed COPY routes row by row); COPY
    // of a whole table out reads every organization
    if (!s.is_from) this.findings.push({ table, problem: 'COPY TO of a whole table' });
    else if (columns.length > 0 && !columns.includes(ORG))
      this.findings.push({ table, problem: `COPY FROM without ${ORG} among its columns` });
  }

  /** Subqueries anywhere inside `node`: each is a level of its own with `scope` around it. */
  private sublinks(node: unknown, scope: Scope): void {
    if (Array.isArray(node)) {
      for (const n of node) this.sublinks(n, scope);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Node)) {
      if (key === 'SubLink') {
        this.sublinks(value.testexpr, scope);
        this.statement(value.subselect, scope, scope.ctes);
      } else this.sublinks(value, scope);
    }
  }

  /** An equality between organization_ids, or of one with a parameter or constant. */
  private equality(node: Node, scope: Scope): void {
    // (organization_id = $1 AND ...) OR (organization_id = $1 AND ...): each arm pins the same
    // tables, so the whole does (TypeORM writes a `where` array so)
    if (node.BoolExpr?.boolop === 'OR_EXPR') {
      const arms = (node.BoolExpr.args as Node[]).map(
        (arm) => new Set(conjuncts(arm).flatMap((c) => this.pinnedDirectly(c, scope))),
      );
      for (const id of arms[0])
        if (arms.every((arm) => arm.has(id))) this.classes.union(id, PINNED);
      return;
    }
    const e = node.A_Expr;
    if (!e) return;
    const op = e.name?.[0]?.String?.sval;
    let right: Node;
    if (e.kind === 'AEXPR_OP' && op === '=') right = e.rexpr;
    // organization_id IN ($1): one value is an equality
    else if (e.kind === 'AEXPR_IN' && op === '=' && e.rexpr?.List?.items?.length === 1)
      right = e.rexpr.List.items[0];
    else return;
    const a = this.term(e.lexpr, scope);
    const b = this.term(right, scope);
    if (a && b) this.classes.union(a, b);
  }

  /** The relation `node` pins by itself (`x.organization_id = $n`), if any. */
  private pinnedDirectly(node: Node, scope: Scope): string[] {
    const e = node.A_Expr;
    if (!e || e.kind !== 'AEXPR_OP' || e.name?.[0]?.String?.sval !== '=') return [];
    const a = this.term(e.lexpr, scope);
    const b = this.term(e.rexpr, scope);
    if (a === PINNED && b && b !== PINNED) return [b];
    if (b === PINNED && a && a !== PINNED) return [a];
    return [];
  }

  private term(node: Node, scope: Scope): string | null {
    while (node?.TypeCast) node = node.TypeCast.arg;
    if (node?.ParamRef || node?.A_Const) return PINNED;
    const fields: string[] | undefined = node?.ColumnRef?.fields?.map((f: Node) => f.String?.sval);
    if (!fields || fields[fields.length - 1] !== ORG) return null;
    const found = scope.resolve(fields.length > 1 ? fields[fields.length - 2] : null);
    if (!found) return null;
    if (found.local) return found.relation.id;
    // an outer level's row, already judged: it pins this level if it is pinned itself, and this
    // level's conditions never pin it
    const { relation } = found;
    return relation.pinnedBy || this.classes.pinned(relation.id) ? PINNED : null;
  }
}

/** AND's operands, flattened; anything else is one condition. */
function conjuncts(node: Node): Node[] {
  if (node.BoolExpr?.boolop === 'AND_EXPR') return node.BoolExpr.args.flatMap(conjuncts);
  return [node];
}

/** The tenant tables a parse tree names anywhere. */
function tenantTablesIn(node: unknown): string[] {
  const found: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const rv = (n as Node).RangeVar;
    if (rv && !rv.schemaname && TENANT.has(rv.relname)) found.push(rv.relname);
    for (const v of Object.values(n as Node)) walk(v);
  };
  walk(node);
  return found;
}
