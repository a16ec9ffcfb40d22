import type { ReactNode } from 'react';

/** A titled card of the page: a section named by its heading, so a screen reader lists it. */
export function Card({
  headingId,
  title,
  className,
  children,
}: {
  /** the heading's id, which names the section (tests and links find sections by it) */
  headingId: string;
  title: ReactNode;
  /** a class beside "card" */
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
