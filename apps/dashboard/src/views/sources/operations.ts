import { graphql } from '../../gql';

// The sources page's operations (README "live ticket sources"): the list every member reads, and
// the writes ADMIN and OWNER make. A webhook secret only ever arrives in a mutation's answer.
// The writes select little: the page refetches the list after each, and the client preset keeps
// every document in the initial bundle (src/gql's map), lazy page or not.

export const SyncRunFields = graphql(`
  fragment SyncRunFields on SyncRun {
    id
    state
    trigger
    startedAt
    finishedAt
    created
    updated
    unchanged
    problems {
      path
      message
    }
  }
`);

export const TicketSourceFields = graphql(`
  fragment TicketSourceFields on TicketSource {
    id
    kind
    name
    baseUrl
    webhookPath
    settings
    enabled
    hasCredentials
    lastEventAt
    lastSyncAt
    stale
    pendingEvents
    deadLetters
    problems {
      path
      message
    }
    lastSync {
      ...SyncRunFields
    }
    version
    createdAt
  }
`);

export const TicketSourcesQuery = graphql(`
  query TicketSources {
    ticketSources {
      ...TicketSourceFields
    }
  }
`);

/** The organization's teams, for the board-to-team mapping (ADMIN+ only asks). */
export const SourceTeamsQuery = graphql(`
  query SourceTeams {
    teams(first: 200) {
      nodes {
        id
        key
        name
      }
    }
  }
`);

export const CreateTicketSource = graphql(`
  mutation CreateTicketSource($input: CreateTicketSourceInput!) {
    createTicketSource(input: $input) {
      webhookSecret
      source {
        id
        name
        webhookPath
        version
      }
    }
  }
`);

export const RotateTicketSourceSecret = graphql(`
  mutation RotateTicketSourceSecret($id: ID!, $expectedVersion: Int, $webhookSecret: String) {
    rotateTicketSourceSecret(
      id: $id
      expectedVersion: $expectedVersion
      webhookSecret: $webhookSecret
    ) {
      webhookSecret
      source {
        id
        name
        webhookPath
        version
      }
    }
  }
`);

export const SyncTicketSource = graphql(`
  mutation SyncTicketSource($id: ID!) {
    syncTicketSource(id: $id) {
      ...SyncRunFields
    }
  }
`);

export const UpdateTicketSource = graphql(`
  mutation UpdateTicketSource($input: UpdateTicketSourceInput!) {
    updateTicketSource(input: $input) {
      id
      enabled
      version
    }
  }
`);

export const DeleteTicketSource = graphql(`
  mutation DeleteTicketSource($id: ID!, $expectedVersion: Int) {
    deleteTicketSource(id: $id, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`);

export const ReplayDeadLetters = graphql(`
  mutation ReplayDeadLetters($id: ID!) {
    replayDeadLetters(id: $id)
  }
`);
