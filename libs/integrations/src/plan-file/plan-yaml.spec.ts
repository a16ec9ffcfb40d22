import { parsePlanYaml } from './plan-yaml.js';

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
});
