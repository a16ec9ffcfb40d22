import { gzipSync } from 'node:zlib';
import { MEGABYTE } from './payloads.js';
import { graphqlPost, JSON_HEADERS, type Auth, type HostileRequest } from './request.js';

const times = (n: number, f: (i: number) => string, sep = ' ') =>
  Array.from({ length: n }, (_, i) => f(i)).join(sep);

/** A GraphQL document (and variables) as a request body. */
const gqlBody = (query: string, variables?: Record<string, unknown>) => () =>
  JSON.stringify(variables ? { query, variables } : { query });

/**
 * Documents built to exhaust a server: depth, aliases, size, duplicate fields, fragments,
 * directives, variables, operations. Sized so a server without limits still answers within
 * seconds on a small machine: the test proves there is no crash or 5xx, the limits themselves
 * are for the query-limits tests.
 */
export function queryBombs(auth: Auth): HostileRequest[] {
  const bomb = (kind: string, query: string, variables?: Record<string, unknown>) =>
    graphqlPost('document', '-', kind, auth, gqlBody(query, variables));
  const nest = (depth: number, open: (i: number) => string, leaf: string) => {
    const opens: string[] = [];
    for (let i = 0; i < depth; i++) opens.push(open(i));
    return `${opens.join(' { ')} { ${leaf} ${' }'.repeat(depth - 1)}`;
  };
  return [
    bomb('depth 2,000, unknown fields', `{ ${nest(2000, () => 'a', '__typename')} }`),
    // a real path that returns one object per level, so a server without a depth limit runs it
    bomb(
      'depth 2,000 through vision.goals.nodes',
      `{ ${nest(667, (i) => (i % 3 === 0 ? 'vision' : i % 3 === 1 ? 'goals(first: 1)' : 'nodes'), 'id')} }`,
    ),
    bomb(
      'depth 2,000 of inline fragments',
      `{ ${nest(2000, () => '... on Query', '__typename')} }`,
    ),
    bomb(
      '10,000 aliases of a database field',
      `{ ${times(10_000, (i) => `a${i}: organization { id }`)} }`,
    ),
    bomb('100,000 aliases of __typename', `{ ${times(100_000, (i) => `a${i}: __typename`)} }`),
    bomb('2,000 copies of one field', `{ organization { ${times(2_000, () => 'id')} } }`),
    bomb(
      'fragment fan-out 2^16',
      `query { ...F0 } ${times(16, (i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`)} fragment F16 on Query { __typename }`,
    ),
    bomb(
      'fragment cycle',
      'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    ),
    bomb('10,000 directives', `{ __typename ${times(10_000, () => '@skip(if: false)')} }`),
    bomb(
      '10,000 variables',
      `query(${times(10_000, (i) => `$v${i}: String`)}) { __typename }`,
      Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`v${i}`, 'x'])),
    ),
    bomb(
      '1,000 operations, none chosen',
      times(1_000, (i) => `query Q${i} { __typename }`),
    ),
    bomb('9 MB of comment', `# ${'c'.repeat(9 * MEGABYTE)}\n{ __typename }`),
    bomb('1 MB string literal', `{ explainTicket(key: "${'k'.repeat(MEGABYTE)}") { counted } }`),
    bomb(
      'deep list literal, depth 2,000',
      `{ alignment(scope: { sprintKeys: ${'['.repeat(2000)}"x"${']'.repeat(2000)} }) { ticketCount } }`,
    ),
    bomb(
      'deep object literal, depth 2,000',
      `{ alignment(scope: ${'{ a: '.repeat(2000)}1${' }'.repeat(2000)}) { ticketCount } }`,
    ),
    bomb('unterminated string', '{ explainTicket(key: "abc'),
    bomb('NUL in the document', '{ __typename \u0000 }'),
    bomb('lone surrogate in the document', '{ __typename } # \ud800'),
    bomb('empty document', ''),
    bomb('only whitespace', ' \n\t '.repeat(1000)),
    bomb('introspection (off in production)', '{ __schema { types { name fields { name } } } }'),
    bomb('deep introspection', `{ __schema { types { ${nest(300, () => 'ofType', 'name')} } } }`),
    bomb('field suggestion probe', '{ organizatio { id } }'),
    bomb('subscription over HTTP', 'subscription { checkInAdded { keyResultKey } }'),
    bomb('mutation as GET-style query', '{ signUp }'),
  ];
}

/** The billion-laughs alias bomb: 10 levels of 10 references each. */
function yamlAliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) {
    lines.push(`a${i}: &a${i} [${times(10, () => `*a${i - 1}`, ',')}]`);
  }
  return `${lines.join('\n')}\nversion: 1\ngoals: *a9\n`;
}

/** YAML built to exhaust a parser, sent to importPlan (dry run and real). */
export function yamlBombs(): [string, string][] {
  return [
    ['YAML 100,000 nested [', `version: 1\ngoals: ${'['.repeat(100_000)}`],
    ['YAML 100,000 nested {', `version: 1\ngoals: ${'{a: '.repeat(100_000)}`],
    ['YAML alias bomb (10^10 nodes)', yamlAliasBomb()],
    [
      'YAML merge-key bomb',
      `${times(20, (i) => `m${i}: &m${i} { ${i === 0 ? 'x: 1' : `<<: [*m${i - 1}, *m${i - 1}]`} }`, '\n')}\nversion: 1\n`,
    ],
    [
      'YAML 1 MB !!binary',
      `version: 1\nvision: { statement: !!binary ${Buffer.alloc((MEGABYTE / 4) * 3, 7).toString('base64')} }\n`,
    ],
    ['YAML 2 MB single line', `version: 1\nvision: { statement: "${'s'.repeat(2 * MEGABYTE)}" }\n`],
    [
      'YAML 10,001 goals',
      `version: 1\ngoals:\n${times(10_001, (i) => `  - { key: BG${i}, title: Bomb ${i} }`, '\n')}\n`,
    ],
    [
      'YAML huge numbers',
      'version: 1\ngoals: [{ key: BN1, title: n, targetShare: 1e400 }, { key: BN2, title: n, targetShare: .nan }]\nkpis: [{ key: BK, goal: BN1, title: k, current: -.inf }]\n',
    ],
    [
      'YAML unknown tags',
      'version: 1\nvision: !!js/function "function(){ return 1 }"\ngoals: !!python/object:os.system ["ls"]\n',
    ],
    ['YAML duplicate keys', 'version: 1\nversion: 2\ngoals: []\ngoals: [1]\n'],
    ['YAML NUL and lone surrogate', 'version: 1\nvision: { statement: "a\\0b\\ud800" }\n'],
    ['YAML not a map', '- 1\n- 2\n'],
    ['YAML only a scalar', '42'],
    ['YAML version 99', 'version: 99\n'],
    [
      'YAML 2,000-level indentation',
      `version: 1\nx:\n${times(2000, (i) => `${' '.repeat(i + 1)}k${i}:`, '\n')} 1\n`,
    ],
    ['YAML 100,000 documents', times(100_000, () => '---', '\n')],
  ];
}

/** CSV built to exhaust a parser or the import, sent to importTickets and POST /imports/jira-csv. */
export function csvBombs(): [string, string][] {
  const header = 'Summary,Issue key,Issue id,Issue Type,Status,Custom field (Story Points),Sprint';
  return [
    ['CSV 2 MB single field', `${header}\n"${'f'.repeat(2 * MEGABYTE)}",CB-1,1,Task,To Do,1,\n`],
    ['CSV 50,000 keyless rows', `${header}\n${',,,,,,\n'.repeat(50_000)}`],
    ['CSV 100,000 columns', `${times(100_000, (i) => `c${i}`, ',')}\n${',x'.repeat(100_000)}\n`],
    ['CSV unterminated quote', `${header}\n"never closed,CB-1,1,Task,To Do,1,\n`],
    ['CSV NUL and lone surrogate', `${header}\na\u0000b,CB-\ud800,1,Task,To Do,1,\n`],
    [
      'CSV extreme points',
      `${header}\nA,CB-1,1,Task,To Do,1e308,\nB,CB-2,2,Task,To Do,-1,\nC,CB-3,3,Task,To Do,NaN,\nD,CB-4,4,Task,To Do,99999999999999999999999,\n`,
    ],
    [
      'CSV 10,001 sprints on one row',
      `Summary,Issue key,Issue Type,Status,${times(10_001, () => 'Sprint', ',')}\nA,CB-1,Task,To Do,${times(10_001, (i) => `S${i}`, ',')}\n`,
    ],
    ['CSV only a header', header],
    ['CSV empty', ''],
    [
      'CSV binary garbage',
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1'),
    ],
    ['CSV carriage returns, keyless rows', `${header}\r,,,,,,\r"A\rB",,1,Task,To Do,1,\r`],
    ['CSV BOM and semicolons', `\ufeffSummary;Issue key;Issue Type;Status\nA;CB-1;Task;To Do\n`],
  ];
}

/** Trello board JSON built to exhaust the parser or the import; none holds a usable card. */
export function trelloBombs(): [string, string][] {
  const lists = '[{ "id": "l", "name": "To Do", "closed": false }]';
  return [
    ['Trello 100,000-level nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['Trello not a board', '[1, 2, 3]'],
    ['Trello proto keys', '{"__proto__": {"cards": []}, "lists": {"constructor": 1}, "cards": []}'],
    [
      'Trello cards of every wrong shape',
      JSON.stringify({
        lists: JSON.parse(lists),
        customFields: [{ id: 'p', name: 'Points', type: 'number' }],
        cards: [
          1,
          'x',
          null,
          [],
          { idShort: '1', name: 'a', idList: 'l' },
          { idShort: 1e308, name: 'a', idList: 'l' },
          { idShort: 1, name: 'a\u0000b', idList: 'l' },
          {
            idShort: 2,
            name: 'a',
            idList: 'l',
            customFieldItems: [{ idCustomField: 'p', value: { number: '1e308' } }],
          },
          { idShort: 3, name: 'a', idList: 'nope' },
          { idShort: 4, name: `(5) ${'t'.repeat(600)}`, idList: 'l' },
        ],
      }),
    ],
    [
      'Trello 50,000 archived cards',
      `{"lists": ${lists}, "cards": [${times(50_000, (i) => `{"idShort": ${i + 1}, "name": "a", "idList": "l", "closed": true}`, ',')}]}`,
    ],
    ['Trello truncated', `{"lists": ${lists}, "cards": [{"idShort": 1, "name": "a`],
  ];
}

/** Asana CSV built to exhaust the reader or the import; none holds a usable row. */
export function asanaBombs(): [string, string][] {
  const header = 'Task ID,Name,Section/Column,Completed At,Tags,Parent task,Points';
  return [
    ['Asana 2 MB single field', `${header}\n1,"${'f'.repeat(2 * MEGABYTE)}",To Do,,,,1\n`],
    [
      'Asana extreme points',
      `${header}\n1,A,To Do,,,,1e308\n2,B,To Do,,,,-1\n3,C,To Do,,,,NaN\n4,D,To Do,,,,99999999999999999999999\n`,
    ],
    ['Asana NUL and lone surrogate', `${header}\n1,a\u0000b,To Do,,,,1\n2,c\ud800,To Do,,,,1\n`],
    ['Asana 50,000 id-less rows', `${header}\n${',x,To Do,,,,\n'.repeat(50_000)}`],
    [
      'Asana 10,001 epic tags',
      `${header}\n1,${'t'.repeat(600)},To Do,,"${times(10_001, (i) => `epic:E${i}`, ',')}",,1\n`,
    ],
  ];
}

/** Linear CSV built to exhaust the reader or the import; none holds a usable row. */
export function linearBombs(): [string, string][] {
  const header = 'ID,Title,Status,Estimate,Labels,Project,Cycle Name,Archived,Parent issue';
  return [
    ['Linear 2 MB single field', `${header}\nENG-1,"${'f'.repeat(2 * MEGABYTE)}",Todo,1,,,,,\n`],
    [
      'Linear extreme estimates',
      `${header}\nENG-1,A,Todo,1e308,,,,,\nENG-2,B,Todo,-1,,,,,\nENG-3,C,Todo,NaN,,,,,\n`,
    ],
    [
      'Linear NUL and lone surrogate',
      `${header}\nENG-1,a\u0000b,Todo,1,,,,,\nENG-2,c\ud800,Todo,,,,,,\n`,
    ],
    [
      'Linear 50,000 archived rows',
      `${header}\n${'ENG-1,x,Todo,,,,,2026-01-01,\n'.repeat(50_000)}`,
    ],
    [
      'Linear 10,001 labels',
      `${header}\nENG-1,${'t'.repeat(600)},Todo,,"${times(10_001, (i) => `l${i}`, ',')}",,,,\n`,
    ],
  ];
}

/** GitHub issues JSON built to exhaust the parser or the import; none holds a usable issue. */
export function githubBombs(): [string, string][] {
  const issue = (n: number, extra: Record<string, unknown>) => ({
    repository_url: 'https://api.github.com/repos/acme/web',
    number: n,
    title: 'a',
    state: 'open',
    updated_at: '2026-11-01T00:00:00Z',
    ...extra,
  });
  return [
    ['GitHub 100,000-level nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['GitHub not a list', '{"__proto__": {"length": 1}, "issues": []}'],
    [
      'GitHub issues of every wrong shape',
      JSON.stringify([
        1,
        'x',
        null,
        [],
        issue(1, { number: '1' }),
        issue(2, { number: 1e308 }),
        issue(3, { title: 'a\u0000b' }),
        issue(4, { labels: [{ name: 'points:1e308' }] }),
        issue(5, { state: 'merged' }),
        issue(6, { updated_at: 'yesterday' }),
        issue(7, { repository_url: 'https://api.github.com/repos/../..', title: 't'.repeat(600) }),
        issue(8, { labels: 'points:3' }),
      ]),
    ],
    [
      'GitHub 50,000 pull requests',
      `[${times(50_000, (i) => `{"number": ${i + 1}, "title": "a", "state": "open", "pull_request": {}}`, ',')}]`,
    ],
    ['GitHub truncated', '[{"number": 1, "title": "a'],
  ];
}

/** The bombs as GraphQL requests: importPlan (dry run) for YAML, importTickets for CSV. */
export function fileBombs(auth: Auth): HostileRequest[] {
  const out: HostileRequest[] = [];
  for (const [kind, yaml] of yamlBombs()) {
    out.push(
      graphqlPost('importPlan', 'yaml', kind, auth, () =>
        JSON.stringify({
          query:
            'mutation($yaml: String!) { importPlan(yaml: $yaml, dryRun: true) { applied problems { path message } } }',
          variables: { yaml },
        }),
      ),
    );
  }
  const tickets = (format: string, bombs: [string, string][]) => {
    for (const [kind, data] of bombs) {
      out.push(
        graphqlPost('importTickets', 'data', kind, auth, () =>
          JSON.stringify({
            query: `mutation($data: String!) { importTickets(format: ${format}, data: $data) { created updated warnings { path } } }`,
            variables: { data },
          }),
        ),
      );
    }
  };
  tickets('JIRA_CSV', csvBombs());
  tickets('TRELLO_JSON', trelloBombs());
  tickets('ASANA_CSV', asanaBombs());
  tickets('LINEAR_CSV', linearBombs());
  tickets('GITHUB_JSON', githubBombs());
  return out;
}

/** Plain HTTP: GET /graphql, content types, malformed and oversized bodies, uploads, health, odd routes. */
export function httpSurfaces(auth: Auth): HostileRequest[] {
  const req = (
    surface: string,
    kind: string,
    method: string,
    path: string,
    headers?: Record<string, string>,
    body?: string | Buffer,
  ): HostileRequest => ({
    surface,
    argument: '-',
    kind,
    auth,
    method,
    path,
    headers,
    body: body === undefined ? undefined : () => body,
  });
  const q = encodeURIComponent('{ __typename }');
  const post = (
    kind: string,
    body: string | Buffer,
    headers: Record<string, string> = JSON_HEADERS,
  ) => req('POST /graphql', kind, 'POST', '/graphql', headers, body);
  const csv = (
    kind: string,
    body: string | Buffer,
    headers: Record<string, string> = { 'content-type': 'text/csv' },
  ) => req('POST /imports/jira-csv', kind, 'POST', '/imports/jira-csv', headers, body);
  const preflight = { 'apollo-require-preflight': 'true' };
  const valid = JSON.stringify({ query: '{ __typename }' });
  const out: HostileRequest[] = [
    req('GET /graphql', 'plain GET (CSRF prevention)', 'GET', `/graphql?query=${q}`),
    req('GET /graphql', 'GET with preflight header', 'GET', `/graphql?query=${q}`, preflight),
    req(
      'GET /graphql',
      'GET with a mutation',
      'GET',
      `/graphql?query=${encodeURIComponent('mutation { renameOrganization(name: "x") { id } }')}`,
      preflight,
    ),
    req(
      'GET /graphql',
      'GET with bad variables',
      'GET',
      `/graphql?query=${q}&variables=%7Bnot-json`,
      preflight,
    ),
    req(
      'GET /graphql',
      'GET with 200 KB query string',
      'GET',
      `/graphql?query=${'a'.repeat(200_000)}`,
      preflight,
    ),
    req('GET /graphql', 'GET without query', 'GET', '/graphql', preflight),
    req('OPTIONS /graphql', 'CORS preflight', 'OPTIONS', '/graphql', {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
    }),
    req('DELETE /graphql', 'DELETE', 'DELETE', '/graphql', JSON_HEADERS, valid),
    req('PUT /graphql', 'PUT', 'PUT', '/graphql', JSON_HEADERS, valid),
    req('PATCH /graphql', 'PATCH', 'PATCH', '/graphql', JSON_HEADERS, valid),
    post('text/plain body', valid, { 'content-type': 'text/plain' }),
    post('form-urlencoded body', `query=${q}`, {
      'content-type': 'application/x-www-form-urlencoded',
    }),
    post(
      'multipart body',
      `--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${valid}\r\n--b--\r\n`,
      { 'content-type': 'multipart/form-data; boundary=b' },
    ),
    post('application/graphql body', '{ __typename }', { 'content-type': 'application/graphql' }),
    post('XML body', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', {
      'content-type': 'application/xml',
    }),
    post('no content type', valid, {}),
    post('JSON in UTF-16 charset', valid, { 'content-type': 'application/json; charset=utf-16' }),
    post('JSON in an unknown charset', valid, {
      'content-type': 'application/json; charset=klingon',
    }),
    post('malformed JSON: {', '{'),
    post('malformed JSON: trailing comma', '{"query": "{ __typename }",}'),
    post(
      'JSON array (batch of 1,000)',
      JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ __typename }' }))),
    ),
    post('JSON null', 'null'),
    post('JSON string', '"{ __typename }"'),
    post('JSON number', '123'),
    post('query is a number', '{"query": 5}'),
    post('query is null', '{"query": null}'),
    post('query is an object', '{"query": {"a": 1}}'),
    post('variables is a string', '{"query": "{ __typename }", "variables": "x"}'),
    post('variables is a list', '{"query": "{ __typename }", "variables": [1]}'),
    post('operationName is a number', '{"query": "{ __typename }", "operationName": 5}'),
    post('unknown operationName', '{"query": "{ __typename }", "operationName": "Nope"}'),
    post('extensions is a string', '{"query": "{ __typename }", "extensions": "x"}'),
    post(
      'persisted query hash only',
      '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
    ),
    post(
      '__proto__ in the body',
      '{"query": "{ __typename }", "__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}',
    ),
    post(
      'invalid UTF-8 bytes',
      Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
    ),
    post('byte-order mark', `\ufeff${valid}`),
    post(
      'JSON nested 100,000 deep',
      `{"query": "{ __typename }", "variables": {"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
    ),
    post(
      'JSON with 500,000 keys',
      `{"query": "{ __typename }", "variables": {${times(500_000, (i) => `"k${i}":1`, ',')}}}`,
    ),
    post(
      'body over the limit (11 MB)',
      JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(11 * MEGABYTE) } }),
    ),
    post('gzip bomb (20 MB of zeros)', gzipSync(Buffer.alloc(20 * MEGABYTE)), {
      ...JSON_HEADERS,
      'content-encoding': 'gzip',
    }),
    post('content-encoding gzip, not gzip', valid, { ...JSON_HEADERS, 'content-encoding': 'gzip' }),
    post('unknown content-encoding', valid, {
      ...JSON_HEADERS,
      'content-encoding': 'br, zstd, x-evil',
    }),
    post('empty body', '', JSON_HEADERS),
    post('bearer token of 8 KB', valid, {
      ...JSON_HEADERS,
      authorization: `Bearer ${'t'.repeat(8192)}`,
    }),
    post('malformed JWT', valid, { ...JSON_HEADERS, authorization: 'Bearer a.b.c' }),
    post('JWT with alg none', valid, {
      ...JSON_HEADERS,
      authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","org":"y"}').toString('base64url')}.`,
    }),
    post('Basic auth', valid, { ...JSON_HEADERS, authorization: 'Basic YTpi' }),
    post('spoofed forwarding headers', valid, {
      ...JSON_HEADERS,
      'x-forwarded-for': times(500, (i) => `10.0.${i % 256}.1`, ', '),
      'x-real-ip': '127.0.0.1',
    }),
    csv('no content type', 'Summary,Issue key\nA,B-1\n', {}),
    csv('JSON content type', '{"a": 1}', JSON_HEADERS),
    csv('empty body', ''),
    csv('malformed JWT', 'Summary,Issue key\nA,B-1\n', {
      'content-type': 'text/csv',
      authorization: 'Bearer a.b.c',
    }),
    csv(
      'binary garbage, octet-stream',
      Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 131) % 256)),
      { 'content-type': 'application/octet-stream' },
    ),
    csv('gzip bomb', gzipSync(Buffer.alloc(20 * MEGABYTE)), {
      'content-type': 'text/csv',
      'content-encoding': 'gzip',
    }),
    req('GET /imports/jira-csv', 'GET', 'GET', '/imports/jira-csv'),
    req('GET /health/live', 'plain', 'GET', '/health/live'),
    req('GET /health/ready', 'plain', 'GET', '/health/ready'),
    req('POST /health/live', 'POST', 'POST', '/health/live', JSON_HEADERS, valid),
    req('GET /health/ready', 'query string and body', 'GET', '/health/ready?x=1&x=2&__proto__=1'),
    req('HEAD /health/live', 'HEAD', 'HEAD', '/health/live'),
    req('GET /nope', 'unknown route', 'GET', '/nope/../../etc/passwd'),
    req('GET /%ff', 'bad percent-encoding', 'GET', '/%ff%fe%00'),
    req('GET /', 'dashboard with hostile path', 'GET', '/goals/%3Cscript%3E?team=%00'),
    req('GET /assets', 'missing asset', 'GET', '/assets/nope.js'),
    req('GET /graphql', '16 KB of headers', 'GET', `/graphql?query=${q}`, {
      ...preflight,
      'x-big': 'h'.repeat(16_384),
    }),
  ];
  for (const [kind, data] of csvBombs()) out.push(csv(kind, data));
  return out;
}
