import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useFilters } from '../filters/scope';
import { KeyTitle } from './KeyTitle';

// Links to a goal's or a ticket's page carry the filters along, so the numbers there count the
// same tickets as the page the link is on.

/** A goal's explanation (its key and title unless told otherwise). */
export function GoalLink({
  goal,
  children,
}: {
  goal: { key: string; title: string };
  children?: ReactNode;
}) {
  const { query } = useFilters();
  return (
    <Link to={`/goals/${encodeURIComponent(goal.key)}${query}`}>
      {children ?? <KeyTitle item={goal} />}
    </Link>
  );
}

/** A ticket's paths to the goals, named by its key and title. */
export function TicketLink({ ticket }: { ticket: { key: string; title: string } }) {
  const { query } = useFilters();
  return (
    <Link to={`/tickets/${encodeURIComponent(ticket.key)}${query}`}>
      <KeyTitle item={ticket} />
    </Link>
  );
}
