import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DomainError } from '@app/domain';
import { CSV_OPTIONS, unreadableCsv, type CsvRecord } from './jira-csv.js';

/** The largest file POST /imports/jira-csv takes: about 1,000,000 rows of a typical export. */
export const MAX_UPLOAD_CSV_BYTES = 100 * 1024 * 1024;
/** The CLI reads from the operator's disk: more, still bounded (every row is held in memory). */
export const MAX_CLI_CSV_BYTES = 256 * 1024 * 1024;

/** The stream held more bytes than the caller allows; reading stopped there. */
export class CsvTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
  }
}

/**
 * Reads a CSV stream (a file, an HTTP upload) into `rows` record by record, without holding the
 * raw text or a list of records: csv-parse's streaming parser, with each record's starting line.
 * Past `maxBytes` it stops reading (the rest is never taken in) and throws CsvTooLarge; an error
 * of `rows` (too many rows) stops it too. `onBytes` hears progress.
 */
export async function readCsvStream(
  input: Readable,
  rows: { add(record: CsvRecord): void },
  options: { maxBytes: number; onBytes?: (bytes: number) => void },
): Promise<void> {
  const parser = parse(CSV_OPTIONS);
  let bytes = 0;
  let tooLarge = false;
  const onData = (chunk: Buffer) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
    if (bytes > options.maxBytes && !tooLarge) {
      tooLarge = true;
      stop();
    }
  };
  const stop = () => {
    input.off('data', onData);
    input.unpipe(parser);
    input.pause();
    parser.destroy();
  };
  input.on('data', onData);
  input.pipe(parser);
  // The line each record starts on, counted here: one per record plus the breaks inside its
  // quoted fields; an empty line is a record of one empty field, counted and skipped.
  let line = 1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      if (tooLarge) break;
      const start = line;
      line += 1 + fields.reduce((n, field) => n + countBreaks(field), 0);
      if (fields.length === 1 && fields[0].trim() === '') continue;
      rows.add({ fields, line: start });
    }
  } catch (error) {
    if (tooLarge) throw new CsvTooLarge(options.maxBytes);
    stop();
    if (error instanceof DomainError) throw error;
    throw unreadableCsv(error);
  }
  if (tooLarge) throw new CsvTooLarge(options.maxBytes);
}

function countBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
