import { JiraRowReader } from './jira-csv.js';

/**
 * Jira's CSV export, one quirk of docs/design.md 4.3 per case: a failure names the quirk that broke.
 * Rows are given as the CSV parser hands them over (fields and the line they start on).
 */
function readRows(header: string[], rows: string[][], knownIds = new Map<string, string>()) {
  const reader = new JiraRowReader();
  reader.add({ fields: header, line: 1 });
  rows.forEach((fields, i) => reader.add({ fields, line: i + 2 }));
  const { tickets, epics, warnings } = reader.finish(knownIds);
  return { tickets, epics, warnings: warnings.list() };
}
const BASIC = ['Issue key', 'Issue id', 'Summary', 'Issue Type'];

describe('Jira CSV rows (docs/design.md 4.3)', () => {
  it('gathers repeated Sprint columns, empty cells left out, in column order', () => {
    const { tickets } = readRows(
      ['Issue key', 'Summary', 'Sprint', 'Sprint', 'Sprint'],
      [['A-1', 'a', 'S1', '', 'S2']],
    );
    expect(tickets[0].sprintNames).toEqual(['S1', 'S2']);
  });

  it('gathers repeated Labels columns', () => {
    const { tickets } = readRows(
      ['Issue key', 'Summary', 'Labels', 'Labels'],
      [['A-1', 'a', 'x', 'y']],
    );
    expect(tickets[0].labels).toEqual(['x', 'y']);
  });

  it('reads story points from either custom field, the first that has a value', () => {
    const header = [
      'Issue key',
      'Summary',
      'Custom field (Story Points)',
      'Custom field (Story point estimate)',
    ];
    const { tickets } = readRows(header, [
      ['A-1', 'a', '', '5'],
      ['A-2', 'b', '3', '8'],
      ['A-3', 'c', '', ''],
    ]);
    expect(tickets.map((t) => t.points)).toEqual([5, 3, null]);
  });

  it('reads a decimal comma in story points', () => {
    const { tickets } = readRows(
      ['Issue key', 'Summary', 'Custom field (Story Points)'],
      [['A-1', 'a', '2,5']],
    );
    expect(tickets[0].points).toBe(2.5);
  });

  it('skips a row with negative story points, naming its line and key', () => {
    const { tickets, warnings } = readRows(
      ['Issue key', 'Summary', 'Custom field (Story Points)'],
      [['A-1', 'a', '-1']],
    );
    expect(tickets).toEqual([]);
    expect(warnings).toEqual([
      { path: 'line 2 (A-1)', message: 'story points "-1" is not a number >= 0: row skipped' },
    ]);
  });

  it('skips a row without an Issue key, naming its line', () => {
    const { warnings } = readRows(BASIC, [['', '1', 'a', 'Task']]);
    expect(warnings).toEqual([{ path: 'line 2', message: 'no Issue key: row skipped' }]);
  });

  it('skips a row without a Summary', () => {
    const { warnings } = readRows(BASIC, [['A-1', '1', '', 'Task']]);
    expect(warnings).toEqual([{ path: 'line 2 (A-1)', message: 'no Summary: row skipped' }]);
  });

  it('takes Epic rows as initiatives, not tickets', () => {
    const { tickets, epics } = readRows(BASIC, [['E-1', '10', 'Epic one', 'Epic']]);
    expect(tickets).toEqual([]);
    expect(epics).toEqual([{ key: 'E-1', issueId: '10', origin: 'line 2 (E-1)' }]);
  });

  it('types a row without an Issue Type as a Task', () => {
    const { tickets } = readRows(['Issue key', 'Summary'], [['A-1', 'a']]);
    expect(tickets[0].type).toBe('Task');
  });

  it('maps Status Category to the source category, case-insensitively, unknown ones to none', () => {
    const { tickets } = readRows(
      ['Issue key', 'Summary', 'Status', 'Status Category'],
      [
        ['A-1', 'a', 'Review', 'In Progress'],
        ['A-2', 'b', 'Shipped', 'DONE'],
        ['A-3', 'c', 'Odd', 'Somewhere'],
      ],
    );
    expect(tickets.map((t) => [t.rawStatus, t.sourceCategory])).toEqual([
      ['Review', 'IN_PROGRESS'],
      ['Shipped', 'DONE'],
      ['Odd', null],
    ]);
  });

  it('prefers Epic Link over Parent for the epic of a ticket', () => {
    const { tickets } = readRows(
      ['Issue key', 'Summary', 'Custom field (Epic Link)', 'Parent'],
      [
        ['A-1', 'a', 'E-1', 'E-2'],
        ['A-2', 'b', '', 'E-2'],
      ],
    );
    expect(tickets.map((t) => t.epicKey)).toEqual(['E-1', 'E-2']);
  });

  it('points a sub-task at its parent ticket, never at an epic', () => {
    const { tickets } = readRows(
      [...BASIC, 'Parent key'],
      [['A-2', '2', 'sub', 'Sub-task', 'A-1']],
    );
    expect(tickets[0]).toMatchObject({ parentKey: 'A-1', epicKey: null });
  });

  it('resolves a numeric Parent through the Issue ids of the same file, wherever the row is', () => {
    const { tickets } = readRows(
      [...BASIC, 'Parent'],
      [
        ['A-1', '100', 'story', 'Story', '200'],
        ['E-1', '200', 'epic', 'Epic', ''],
      ],
    );
    expect(tickets[0].epicKey).toBe('E-1');
  });

  it('resolves a numeric Parent through the ids of earlier imports', () => {
    const { tickets } = readRows(
      [...BASIC, 'Parent'],
      [['A-1', '100', 'story', 'Story', '300']],
      new Map([['300', 'E-9']]),
    );
    expect(tickets[0].epicKey).toBe('E-9');
  });

  it('imports a ticket whose numeric Parent nobody knows without it, and says so', () => {
    const { tickets, warnings } = readRows(
      [...BASIC, 'Parent'],
      [['A-1', '100', 'story', 'Story', '999']],
    );
    expect(tickets[0].epicKey).toBeNull();
    expect(warnings).toEqual([
      {
        path: 'line 2 (A-1)',
        message:
          'Parent 999 is no Issue id of this file or of an earlier import: imported without it',
      },
    ]);
  });

  it('refuses a header without the Issue key column, naming it', () => {
    const reader = new JiraRowReader();
    expect(() => reader.add({ fields: ['Summary', 'Status'], line: 1 })).toThrow(/Issue key/);
  });

  it('refuses an empty file', () => {
    expect(() => new JiraRowReader().finish(new Map())).toThrow(/is empty/);
  });

  it('cuts a key too long to be one in its warning', () => {
    const key = 'K'.repeat(100);
    const { warnings } = readRows(BASIC, [[key, '1', '', 'Task']]);
    expect(warnings[0].path).toBe(`line 2 (${'K'.repeat(64)}...)`);
  });
});
