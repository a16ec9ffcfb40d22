import { graphql } from '../gql';

// Selections that several views ask for, each shaped for the shared component that shows it.
// Fragment masking is off (codegen.ts): a query spreads them and reads the fields as its own; the
// generated `...Fragment` types are the props of those components.

/** What a goal's link shows (components/links: GoalLink). */
export const GoalRef = graphql(`
  fragment GoalRef on StrategicGoal {
    key
    title
  }
`);

/** A goal's figures in a report: the columns of components/goalFigures. */
export const GoalFigures = graphql(`
  fragment GoalFigures on GoalAlignment {
    percent
    targetShare
    gap
    goal {
      ...GoalRef
    }
  }
`);

/** A ticket in a list or a table: its link, team and estimate. */
export const TicketSummary = graphql(`
  fragment TicketSummary on Ticket {
    id
    key
    title
    points
    team {
      name
    }
  }
`);
