import { Readable } from 'node:stream';
import { CsvTooLarge, readCsvStream } from './csv-stream.js';
import { JiraRowReader } from './jira-csv.js';

/** A CSV of `rows` keyless rows, made as it is read; `pulled` counts the bytes handed out. */
function source(rows: number) {
  const state = { pulled: 0 };
  let sent = -1;
  const stream = new Readable({
    read() {
      const chunk = sent < 0 ? 'Issue key,Summary\n' : `,${'x'.repeat(1_000)}\n`.repeat(64);
      sent++;
      state.pulled += chunk.length;
      this.push(sent > rows / 64 ? null : chunk);
    },
  });
  return { stream, state };
}

describe('readCsvStream', () => {
  it('stops reading once the stream passes maxBytes', async () => {
    const { stream, state } = source(100_000); // about 100 MB if read to the end
    const rows = new JiraRowReader();
    await expect(readCsvStream(stream, rows, { maxBytes: 1_000_000 })).rejects.toBeInstanceOf(
      CsvTooLarge,
    );
    // What was read: the limit plus what the stream had buffered, never the rest.
    expect(state.pulled).toBeLessThan(1_200_000);
  });

  it('reads a stream within the limit, keeping only a count of unusable rows', async () => {
    const { stream } = source(6_400);
    const rows = new JiraRowReader();
    await readCsvStream(stream, rows, { maxBytes: 10_000_000 });
    const { tickets, warnings } = rows.finish(new Map());
    expect(tickets).toEqual([]);
    expect(warnings.size).toBe(6_400);
    expect(warnings.list()).toHaveLength(101);
  });

  it('refuses a row longer than 1 MiB with its line', async () => {
    const stream = Readable.from([`Issue key,Summary\nP-1,ok\nP-2,"${'a'.repeat(2_000_000)}"\n`]);
    await expect(
      readCsvStream(stream, new JiraRowReader(), { maxBytes: 10_000_000 }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message:
        "data: line 3: a row is longer than 1,048,576 bytes; a Jira export's rows are far shorter, so the file is refused",
    });
  });

  it('refuses more usable rows than the reader keeps', async () => {
    const stream = Readable.from(['Issue key,Summary\nP-1,a\nP-2,b\nP-3,c\n']);
    await expect(
      readCsvStream(stream, new JiraRowReader(2), { maxBytes: 1_000 }),
    ).rejects.toMatchObject({
      message: 'data: has more than 2 usable rows: split the export into smaller files',
    });
  });
});
