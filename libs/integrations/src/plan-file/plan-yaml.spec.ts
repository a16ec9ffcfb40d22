import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { MAX_PLAN_DEPTH, parsePlanYaml } from './plan-yaml.js';

/** How deep a parsed value nests (lists and mappings). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value as object).map(depthOf));
}

const TOO_DEEP = `nests deeper than ${MAX_PLAN_DEPTH} levels: a plan file never needs that many, so the file is refused unread`;

describe('parsePlanYaml', () => {
  it('reports a syntax error once, with its line and column', () => {
    const { doc, problems } = parsePlanYaml('{{{');
    expect(doc).toBeNull();
    expect(problems).toEqual([
      {
        path: '(line 1, column 4)',
        message: 'Flow map in block collection must be sufficiently indented and end with a }',
      },
      { path: '(line 1, column 4)', message: 'Flow map must end with a }' },
    ]);
  });

  it('reads a valid file', () => {
    expect(parsePlanYaml('version: 1\ngoals: []\n')).toEqual({
      doc: { version: 1, goals: [] },
      problems: [],
    });
  });

  it('reads the demo plan, quoted brackets and block scalars included', () => {
    expect(parsePlanYaml(readFileSync('demo/plan.yaml', 'utf8')).problems).toEqual([]);
    const brackets = '['.repeat(1_000);
    const text = `a: "${brackets}"\nb: |\n  ${brackets}\n  - - - -\nc: Fix ${brackets} # ${brackets}\n`;
    expect(parsePlanYaml(text)).toEqual({
      doc: { a: brackets, b: `${brackets}\n- - - -\n`, c: `Fix ${brackets}` },
      problems: [],
    });
  });

  it.each([
    ['100,000 nested [', '['.repeat(100_000), 1],
    ['nested flow mappings', '{a: '.repeat(100_000), 1],
    ['compact sequences', '- '.repeat(100_000) + 'x', 1],
    ['keys on one line', 'a: '.repeat(100_000) + 'x', 1],
    ['indentation', Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), 16],
    ['lone CRs', Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\r'), 1],
    ['what error recovery nests', '\n\\: : '.repeat(30_000), 16],
    ['keys the parser nests by error recovery', 'a: b: c\n'.repeat(300), 14],
  ])('refuses %s before the parser builds them', (_name, text, line) => {
    const { doc, problems } = parsePlanYaml(text);
    expect(doc).toBeNull();
    expect(problems).toEqual([
      { path: expect.stringContaining(`(line ${line}, `), message: TOO_DEEP },
    ]);
  });

  it('never returns a document nested deeper than the limit, whatever the text', () => {
    const token = fc.constantFrom(
      '[',
      ']',
      '{',
      '}',
      ',',
      '- ',
      '? ',
      ': ',
      ':',
      'a',
      ' ',
      '  ',
      '"',
      "'",
      '\\',
      '#',
      '\n',
      '\r',
      '|',
      '>',
      '&x ',
      '*x',
      '--- ',
      '\uFEFF',
      '\t',
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 12 }), (tokens) => {
        const { doc } = parsePlanYaml(tokens.join('').repeat(300));
        expect(depthOf(doc)).toBeLessThanOrEqual(MAX_PLAN_DEPTH);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a text above the size limit unread', () => {
    expect(parsePlanYaml('version: 1\n'.repeat(20), 100)).toEqual({
      doc: null,
      problems: [
        {
          path: '(file)',
          message:
            'is 220 characters long; the limit is 100 (split the plan, or import it with the CLI)',
        },
      ],
    });
  });

  it('refuses tags outside the core schema as one problem (1 MB of !!binary)', () => {
    const binary = Buffer.alloc(750_000, 7).toString('base64');
    const text = `version: 1\nvision: !!binary ${binary}\ngoals:\n  - !!binary aGk=\n  - !mine {}\n`;
    const { doc, problems } = parsePlanYaml(text);
    expect(doc).toBeNull();
    expect(problems).toEqual([
      {
        path: '(line 2)',
        message:
          'tag !!binary is not part of the plan format (only plain YAML values: text, numbers, true/false, lists, mappings); 2 more tags like it',
      },
    ]);
    expect(parsePlanYaml('version: !!int 1\ntitle: !!str 12\n').problems).toEqual([]);
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10)
          .fill(`*${'abcdefghi'[i - 1]}`)
          .join(', ')}]`,
      );
    expect(parsePlanYaml(lines.join('\n'))).toEqual({
      doc: null,
      problems: [
        {
          path: '(file)',
          message: 'uses aliases (*name) more than 100 times over: write the values out',
        },
      ],
    });
  });

  it('refuses a second document', () => {
    expect(parsePlanYaml('version: 1\n---\nversion: 1\n').problems).toEqual([
      {
        path: '(line 2, column 1)',
        message: 'a plan file holds one YAML document: remove the second one',
      },
    ]);
  });

  it('lists at most 100 syntax problems, then how many more there were', () => {
    const { problems } = parsePlanYaml(
      Array.from({ length: 300 }, (_, i) => `k${i}: "bad escape \\q"\n`).join(''),
    );
    expect(problems).toHaveLength(101);
    expect(problems[100]).toEqual({
      path: '(more)',
      message: '200 more problems not listed (300 in all; the first 100 are above)',
    });
  });
});
