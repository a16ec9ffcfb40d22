import { stringify } from 'csv-stringify/sync';
import { formatShare, titleCase } from './display-format.js';

export type Cell = string | number | boolean | null;

/** One table of a view: its title, its column names, its rows. */
export interface CsvSection {
  title: string;
  columns: string[];
  rows: Cell[][];
}

/**
 * Every table of a view in one CSV file: each section is its title alone on a row, the header
 * row, the data rows, then an empty row. One file opens at once in any spreadsheet (a ZIP of one
 * file per table would need unpacking first); a program splits it at the empty rows. RFC 4180
 * quoting and CRLF line ends by csv-stringify; a UTF-8 byte order mark so that spreadsheets read
 * titles with accents as UTF-8. Numbers are written as the API gives them (shares as fractions),
 * never rounded: the human columns beside them hold the screen's text.
 */
export function sectionsCsv(sections: CsvSection[]): string {
  const records: Cell[][] = [];
  for (const section of sections) {
    records.push([text(section.title)]);
    records.push(section.columns);
    for (const row of section.rows) records.push(row.map((cell) => text(cell)));
    records.push([]);
  }
  return stringify(records, { bom: true, record_delimiter: 'windows', cast: { boolean: String } });
}

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first)
 * gets a leading apostrophe, the usual guard against formula injection through titles people
 * typed. Numbers, and the displays of numbers ("-18.2%"), pass untouched.
 */
function text(cell: Cell): Cell {
  if (typeof cell !== 'string' || DISPLAYED_NUMBER.test(cell)) return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const DISPLAYED_NUMBER = /^[+-]?[\d.,]+%?$/;

/** The horizon mix against its target, as the overview and the planning view both show it. */
export function horizonSection(
  title: string,
  horizons: { horizon: string; effort: number; share: number; targetShare: number | null }[],
): CsvSection {
  return {
    title,
    columns: [
      'horizon',
      'label',
      'effort',
      'share',
      'share_display',
      'target_share',
      'target_display',
    ],
    rows: horizons.map((h) => [
      h.horizon,
      titleCase(h.horizon),
      h.effort,
      h.share,
      formatShare(h.share),
      h.targetShare,
      formatShare(h.targetShare),
    ]),
  };
}
