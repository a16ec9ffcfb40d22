import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { organizationOf } from '@app/database';
import { DomainError, formatBound, type ProblemList } from '@app/domain';
import { CsvTooLarge } from '../jira/csv-stream.js';
import type { IncomingTicket } from './incoming-ticket.js';

/**
 * What the file formats other than Jira's (Trello's board JSON, Asana's CSV) share: keys shown in
 * warnings, the points convention, the one-word key prefix, a body read whole up to a limit, and the
 * warning for an epic that names no initiative.
 */

/** A key from the file as a warning shows it: a key too long to be one is cut. */
export const shownKey = (key: string) => (key.length > 64 ? `${key.slice(0, 64)}...` : key);

/** A key prefix given for an import (keyPrefix, --key-prefix): a word, so that keys stay keys. */
export const KEY_PREFIX = /^[A-Za-z0-9][A-Za-z0-9_]{0,31}$/;

export function checkKeyPrefix(prefix: string | null | undefined): string | null {
  if (prefix === null || prefix === undefined || prefix === '') return null;
  if (!KEY_PREFIX.test(prefix)) {
    throw DomainError.badInput(
      'keyPrefix',
      'must be 1-32 letters, digits or underscores, starting with a letter or digit',
    );
  }
  return prefix;
}

/**
 * Points as a file writes them: empty is unestimated (null); "3", "2.5" or "2,5" a number; anything
 * else (or below 0) undefined, which the caller reports. The bounds (10,000) are checked later, with
 * the other fields (ticketFieldProblem).
 */
export function pointsOf(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const points = Number(trimmed.replace(',', '.'));
  return Number.isFinite(points) && points >= 0 ? points : undefined;
}

/**
 * A whole body (the Trello upload) read into memory up to `maxBytes`: past it, reading stops (the
 * rest is never taken in, the stream is paused, not destroyed, so that the 413 still reaches the
 * client) and CsvTooLarge is thrown, answered 413 as for the CSV uploads.
 */
export function readWhole(input: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const done = () => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > maxBytes) {
        done();
        input.pause();
        reject(new CsvTooLarge(maxBytes));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
  });
}

/** An epic key of the file that no initiative has as its externalKey: one warning per key. */
export async function warnUnknownEpics(
  em: EntityManager,
  tickets: IncomingTicket[],
  warnings: ProblemList,
): Promise<void> {
  const firstSeen = new Map<string, string>();
  for (const t of tickets) {
    if (t.epicKey && !t.parentKey && !firstSeen.has(t.epicKey)) firstSeen.set(t.epicKey, t.origin);
  }
  if (firstSeen.size === 0) return;
  const known: { external_key: string }[] = await em.query(
    `SELECT external_key FROM initiatives WHERE organization_id = $2 AND external_key = ANY($1::text[])`,
    [[...firstSeen.keys()], organizationOf(em)],
  );
  const linked = new Set(known.map((k) => k.external_key));
  for (const [key, origin] of firstSeen) {
    if (!linked.has(key)) {
      warnings.push({
        path: origin,
        message: `epic ${shownKey(key)} matches no initiative (externalKey): its tickets import unlinked`,
      });
    }
  }
}

/** A file reader about to keep one more row: refused past `maxRows` (memory stays bounded). */
export function assertRoomForRow(kept: number, maxRows: number): void {
  if (kept >= maxRows) {
    throw DomainError.badInput(
      'data',
      `has more than ${formatBound(maxRows)} usable rows: split the export into smaller files`,
    );
  }
}

/**
 * A CSV export's header, read the way every tracker's export needs it: the columns by name,
 * trimmed and case-insensitive (`one`: the first of several spellings present, else -1; `all`:
 * every column of that name, for repeated ones such as Jira's Sprint), and `requireColumns`, which
 * refuses a file without the columns a format cannot do without, naming the format and column.
 */
export function csvHeader(fields: readonly string[], format: string) {
  const names = fields.map((h) => h.trim().toLowerCase());
  const all = (name: string) => names.flatMap((n, i) => (n === name.toLowerCase() ? [i] : []));
  const one = (...candidates: string[]) =>
    candidates.map((c) => names.indexOf(c.toLowerCase())).find((i) => i >= 0) ?? -1;
  const requireColumns = (columns: [index: number, name: string][]) => {
    for (const [index, name] of columns) {
      if (index < 0) {
        throw DomainError.badInput(
          'data',
          `is not ${/^[AEIOU]/.test(format) ? 'an' : 'a'} ${format} export: the header has no "${name}" column`,
        );
      }
    }
  };
  return { one, all, requireColumns };
}
