import {
  Composer,
  LineCounter,
  Lexer,
  Parser,
  stringify,
  visit,
  type CST,
  type Document,
} from 'yaml';
import { formatBound, ProblemList, type Plan, type Problem } from '@app/domain';

/** The longest plan text the GraphQL argument carries (request bodies stay below 10 MB). */
export const MAX_PLAN_CHARS = 9 * 1024 * 1024;
/** The CLI reads plan files from disk: a larger limit, still bounded (the parse holds it all). */
export const MAX_CLI_PLAN_CHARS = 64 * 1024 * 1024;
/**
 * Open nodes the parser may hold at once. A plan file needs about 7 (the demo plan: 7): the
 * document, the root mapping, a list, an entry, its links or key results, one of them, a value.
 */
export const MAX_PLAN_DEPTH = 16;
/** Alias expansions a plan may use: it needs none, and "billion laughs" needs billions. */
const MAX_ALIAS_COUNT = 100;
/** The core schema's tags; any other (`!!binary`, `!!set`, `!local`) is not a plan's. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'seq', 'map'].map((t) => `tag:yaml.org,2002:${t}`),
);

/**
 * YAML in (the `yaml` package: YAML 1.2, so a bare 2027-01-04 stays a string, and it reports
 * syntax errors with line and column), untrusted: a text above `maxChars` is refused unread; the
 * parser is driven one token at a time and stopped the moment it holds more than
 * MAX_PLAN_DEPTH open nodes (so 100,000 nested `[` cost a few tokens, not seconds of parsing or
 * the process); tags other than the core schema's are one problem; alias expansion is capped;
 * problems are bounded (ProblemList).
 */
export function parsePlanYaml(
  text: string,
  maxChars = MAX_PLAN_CHARS,
): { doc: unknown; problems: Problem[] } {
  const problems = new ProblemList();
  const refuse = (path: string, message: string) => {
    problems.push({ path, message });
    return { doc: null, problems: problems.list() };
  };
  if (text.length > maxChars) {
    return refuse(
      '(file)',
      `is ${formatBound(text.length)} characters long; the limit is ${formatBound(maxChars)} (split the plan, or import it with the CLI)`,
    );
  }

  const lineCounter = new LineCounter();
  let document: Document.Parsed | null = null;
  try {
    const composer = new Composer({ uniqueKeys: true });
    for (const doc of composer.compose(boundedTokens(text, lineCounter), true, text.length)) {
      if (document) {
        const at = lineCounter.linePos(doc.range[0]);
        return refuse(
          `(line ${at.line}, column ${at.col})`,
          'a plan file holds one YAML document: remove the second one',
        );
      }
      document = doc;
    }
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    const at = lineCounter.linePos(error.offset);
    return refuse(
      `(line ${at.line}, column ${at.col})`,
      `nests deeper than ${MAX_PLAN_DEPTH} levels: a plan file never needs that many, so the file is refused unread`,
    );
  }
  if (!document) return refuse('(file)', 'is empty');

  // The parser reports one error per enclosing collection at the same spot: keep each once.
  const seen = new Set<string>();
  for (const error of document.errors) {
    const at = lineCounter.linePos(error.pos[0]);
    const problem = {
      path: `(line ${at.line}, column ${at.col})`,
      message: error.message.split('\n')[0],
    };
    const id = `${problem.path} ${problem.message}`;
    if (!seen.has(id)) problems.push(problem);
    seen.add(id);
  }
  if (problems.size) return { doc: null, problems: problems.list() };

  const tags = foreignTags(document);
  if (tags.count) {
    return refuse(
      `(line ${lineCounter.linePos(tags.first.offset).line})`,
      `tag ${tags.first.tag} is not part of the plan format (only plain YAML values: text, numbers, true/false, lists, mappings)${tags.count > 1 ? `; ${tags.count - 1} more tags like it` : ''}`,
    );
  }
  try {
    return { doc: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems: [] };
  } catch (error) {
    // yaml throws a ReferenceError when aliases expand beyond maxAliasCount.
    if (!(error instanceof ReferenceError)) throw error;
    return refuse(
      '(file)',
      `uses aliases (*name) more than ${MAX_ALIAS_COUNT} times over: write the values out`,
    );
  }
}

/** Raised inside the token stream when the parser holds too many open nodes. */
class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('YAML nesting too deep');
  }
}

/**
 * The parser's tokens for `text`, read one lexical token at a time; throws TooDeep as soon as
 * the parser's stack of open nodes passes MAX_PLAN_DEPTH, before it grows any further (the
 * stack is exactly the nesting the parser builds, whatever its error recovery does).
 */
function* boundedTokens(text: string, lineCounter: LineCounter): Generator<CST.Token> {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    if (parser.stack.length > MAX_PLAN_DEPTH) throw new TooDeep(parser.offset);
  }
  yield* parser.end();
}

/** Nodes with a tag outside the core schema: how many, and the first. */
function foreignTags(document: Document.Parsed): {
  count: number;
  first: { tag: string; offset: number };
} {
  const found = { count: 0, first: { tag: '', offset: 0 } };
  visit(document, {
    Node(_key, node) {
      if (node.tag && !CORE_TAGS.has(node.tag)) {
        if (found.count++ === 0) {
          const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
          found.first = { tag, offset: node.range?.[0] ?? 0 };
        }
      }
    },
  });
  return found;
}

/** A plan as YAML; dates are YYYY-MM-DD strings already. */
export function planToYaml(plan: Plan): string {
  return stringify(plan, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
}
