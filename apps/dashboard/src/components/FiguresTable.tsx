import type { ReactNode } from 'react';

/** One column of a figures table: its header and how a row fills its cell. */
export interface Column<Row> {
  header: ReactNode;
  /** a figure: right-aligned, header included */
  num?: boolean;
  /** the header's tooltip, for a column whose name needs a word of explanation */
  title?: string;
  /** the row's header cell (`<th scope="row">`); without one marked, the first column is */
  rowHeader?: boolean;
  cell: (row: Row) => ReactNode;
  /** a class for the cell beside "num" (under/over on a gap) */
  cellClass?: (row: Row) => string;
  cellTestId?: (row: Row) => string;
}

/** Attributes of a row: a class, and data-* that tests and links find it by. */
export type RowProps = { className?: string } & { [data: `data-${string}`]: string };

/**
 * A table of rows and figure columns (goal / share / target / gap, horizon mix, work types,
 * KPIs...): the header row, one row header cell per row, figures right-aligned.
 */
export function FiguresTable<Row>({
  columns,
  rows,
  rowKey,
  rowProps,
  caption,
  compact = false,
  wrap = false,
  testId,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowProps?: (row: Row) => RowProps;
  /** for screen readers only */
  caption?: string;
  /** the small table inside a card of the grid */
  compact?: boolean;
  /** scrolls sideways on a narrow screen instead of overflowing the card */
  wrap?: boolean;
  testId?: string;
}) {
  const marked = columns.findIndex((c) => c.rowHeader);
  const headerIndex = marked === -1 ? 0 : marked;
  const table = (
    <table className={compact ? 'compact' : undefined} data-testid={testId}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.num ? 'num' : undefined} title={c.title}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {columns.map((c, i) => {
              const className =
                [c.num ? 'num' : '', c.cellClass?.(row) ?? ''].filter(Boolean).join(' ') ||
                undefined;
              const testId = c.cellTestId?.(row);
              return i === headerIndex ? (
                <th key={i} scope="row" className={className} data-testid={testId}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={i} className={className} data-testid={testId}>
                  {c.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return wrap ? <div className="table-wrap">{table}</div> : table;
}
