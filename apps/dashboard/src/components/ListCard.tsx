import type { ReactNode } from 'react';
import { Card } from './Card';

/**
 * A titled card holding a list of items, or a message when there is none: most of the gaps and
 * the overview's unaligned work. Each item is rendered by `children` inside its own `<li>`.
 */
export function ListCard<Item>({
  headingId,
  title,
  note,
  items,
  itemKey,
  empty,
  listClassName = 'items',
  testId,
  children,
}: {
  headingId: string;
  title: ReactNode;
  /** a line under the title, shown with or without items */
  note?: ReactNode;
  items: readonly Item[];
  itemKey: (item: Item) => string;
  /** what an empty list says instead */
  empty: ReactNode;
  listClassName?: string;
  testId?: string;
  children: (item: Item) => ReactNode;
}) {
  return (
    <Card headingId={headingId} title={title}>
      {note !== undefined && <p className="muted">{note}</p>}
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className={listClassName} data-testid={testId}>
          {items.map((item) => (
            <li key={itemKey(item)}>{children(item)}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}
