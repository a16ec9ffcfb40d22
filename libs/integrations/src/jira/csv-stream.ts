import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DomainError } from '@app/domain';
import { CSV_OPTIONS, toCsvRecord, type CsvRecord } from './jira-csv.js';

/**
 * Reads CSV records from a stream (a file, an HTTP upload) without holding the raw text:
 * csv-parse's streaming parser, with each record's starting line. `onBytes` hears progress.
 */
export async function readCsvStream(
  input: Readable,
  onBytes?: (bytes: number) => void,
): Promise<CsvRecord[]> {
  const parser = input.pipe(parse(CSV_OPTIONS));
  if (onBytes) {
    let bytes = 0;
    input.on('data', (chunk: Buffer) => onBytes((bytes += chunk.length)));
  }
  const records: CsvRecord[] = [];
  try {
    for await (const row of parser)
      records.push(toCsvRecord(row as { record: string[]; info: { lines: number } }));
  } catch (error) {
    throw DomainError.badInput('data', `is not readable CSV: ${(error as Error).message}`);
  }
  return records;
}
