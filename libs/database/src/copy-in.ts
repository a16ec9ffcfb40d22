import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/**
 * Streams rows into `COPY <target> FROM STDIN` (text format) on the connection of the transaction
 * `em` runs in, so the rows land inside that transaction, under its role and tenant settings.
 * `lines` yields the COPY text a batch of rows at a time (each line ends in "\n"; build the fields
 * with copyField / copyArray): the stream takes one batch at a time, so however many rows there
 * are, only a batch is held as text. Returns the number of rows copied.
 */
export async function copyIn(
  em: EntityManager,
  target: string,
  lines: Iterable<string>,
): Promise<number> {
  if (!em.queryRunner)
    throw new Error('copyIn needs a transaction (an EntityManager with its runner)');
  const client = (await em.queryRunner.connect()) as PoolClient;
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from(lines, { objectMode: false }), stream);
  return stream.rowCount;
}

/** The COPY text format's NULL. */
export const COPY_NULL = '\\N';

/**
 * One field in COPY's text format: backslash, tab, newline and carriage return escaped; null as
 * \N. The text must hold no NUL (PostgreSQL stores none; the ticket bounds refuse it first).
 */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return COPY_NULL;
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, escapeChar) : value;
}

/** An array field (text[], uuid[]) in COPY's text format: each element quoted as a literal. */
export function copyArray(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  return copyField(`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}

function escapeChar(c: string): string {
  switch (c) {
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    default:
      return '\\\\';
  }
}
