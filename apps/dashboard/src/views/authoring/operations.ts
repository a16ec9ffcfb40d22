import { graphql } from '../../gql';

// Authoring the plan (EDITOR and above): the lists the forms pick from, one subject read fresh for
// its edit form (with the version the edit names), and the writes. Every write here changes a plan
// table, so the API tells the other people in the session (planChanged) on its own.

/** The cycle's objectives, key results and initiatives, with the controls' keys and versions. */
export const PlanAuthoring = graphql(`
  query PlanAuthoring($cycleKey: String!) {
    cycle(key: $cycleKey) {
      id
      key
      state
      startDate
      objectives(first: 200) {
        nodes {
          id
          key
          title
          status
          version
          keyResults {
            id
            key
            title
            version
          }
        }
      }
      initiatives(first: 200) {
        nodes {
          id
          key
          title
          version
        }
      }
    }
  }
`);

/** What the selects and the link targets offer: teams, goals, cycles. */
export const AuthoringChoices = graphql(`
  query AuthoringChoices {
    teams(first: 200) {
      nodes {
        id
        key
        name
      }
    }
    strategicGoals(first: 200, status: ACTIVE) {
      nodes {
        id
        key
        title
      }
    }
    cycles(first: 200) {
      nodes {
        id
        key
        name
        state
        startDate
      }
    }
  }
`);

// What a form shows of its subject and what its writes answer with: the edit form reads the same.
export const ObjectiveFields = graphql(`
  fragment AuthoredObjective on Objective {
    id
    key
    title
    description
    status
    version
    team {
      id
    }
  }
`);

export const KeyResultFields = graphql(`
  fragment AuthoredKeyResult on KeyResult {
    id
    key
    title
    kind
    direction
    start
    target
    unit
    weight
    version
    archivedAt
  }
`);

export const InitiativeFields = graphql(`
  fragment AuthoredInitiative on Initiative {
    id
    key
    title
    estimate
    priority
    version
    archivedAt
    team {
      id
    }
    cycle {
      id
    }
  }
`);

/** A link as its row in a form (LinkWeights): the weight, and the version an edit names. */
export const ObjectiveLinkRow = graphql(`
  fragment ObjectiveLinkRow on ObjectiveLink {
    id
    weight
    version
  }
`);

export const InitiativeLinkRow = graphql(`
  fragment InitiativeLinkRow on InitiativeLink {
    id
    weight
    version
  }
`);

export const ObjectiveForEdit = graphql(`
  query ObjectiveForEdit($key: String!) {
    objective(key: $key) {
      ...AuthoredObjective
      alignsTo {
        ...ObjectiveLinkRow
        goal {
          id
          key
        }
        parentObjective {
          id
          key
        }
        keyResult {
          id
          key
        }
      }
    }
  }
`);

export const KeyResultForEdit = graphql(`
  query KeyResultForEdit($key: String!) {
    keyResult(key: $key) {
      ...AuthoredKeyResult
    }
  }
`);

export const InitiativeForEdit = graphql(`
  query InitiativeForEdit($key: String!) {
    initiative(key: $key) {
      ...AuthoredInitiative
      supports {
        ...InitiativeLinkRow
        keyResult {
          id
          key
        }
        objective {
          id
          key
        }
      }
    }
  }
`);

// A link row names its target by key: these find the id the link mutation needs.
export const GoalIdByKey = graphql(`
  query GoalIdByKey($key: String!) {
    strategicGoal(key: $key) {
      id
      key
    }
  }
`);

export const ObjectiveIdByKey = graphql(`
  query ObjectiveIdByKey($key: String!) {
    objective(key: $key) {
      id
      key
    }
  }
`);

export const KeyResultIdByKey = graphql(`
  query KeyResultIdByKey($key: String!) {
    keyResult(key: $key) {
      id
      key
    }
  }
`);

/** The previous cycle's open objectives, to choose which to carry forward. */
export const CarryCandidates = graphql(`
  query CarryCandidates($cycleKey: String!) {
    objectives(cycleKey: $cycleKey, status: ACTIVE, first: 200) {
      nodes {
        id
        key
        title
        progress
      }
    }
  }
`);

export const CreateObjective = graphql(`
  mutation CreateObjective($input: CreateObjectiveInput!) {
    createObjective(input: $input) {
      ...AuthoredObjective
    }
  }
`);

export const UpdateObjective = graphql(`
  mutation UpdateObjective($input: UpdateObjectiveInput!) {
    updateObjective(input: $input) {
      ...AuthoredObjective
    }
  }
`);

export const ArchiveObjective = graphql(`
  mutation ArchiveObjective($id: ID!, $expectedVersion: Int) {
    archiveObjective(id: $id, expectedVersion: $expectedVersion) {
      ...AuthoredObjective
    }
  }
`);

export const LinkObjective = graphql(`
  mutation LinkObjective($input: LinkObjectiveInput!) {
    linkObjective(input: $input) {
      ...ObjectiveLinkRow
    }
  }
`);

export const UnlinkObjective = graphql(`
  mutation UnlinkObjective($id: ID!) {
    unlinkObjective(id: $id)
  }
`);

export const CreateKeyResult = graphql(`
  mutation CreateKeyResult($input: CreateKeyResultInput!) {
    createKeyResult(input: $input) {
      ...AuthoredKeyResult
    }
  }
`);

export const UpdateKeyResult = graphql(`
  mutation UpdateKeyResult($input: UpdateKeyResultInput!) {
    updateKeyResult(input: $input) {
      ...AuthoredKeyResult
    }
  }
`);

export const ArchiveKeyResult = graphql(`
  mutation ArchiveKeyResult($id: ID!, $expectedVersion: Int) {
    archiveKeyResult(id: $id, expectedVersion: $expectedVersion) {
      ...AuthoredKeyResult
    }
  }
`);

export const CreateInitiative = graphql(`
  mutation CreateInitiative($input: CreateInitiativeInput!) {
    createInitiative(input: $input) {
      ...AuthoredInitiative
    }
  }
`);

export const UpdateInitiative = graphql(`
  mutation UpdateInitiative($input: UpdateInitiativeInput!) {
    updateInitiative(input: $input) {
      ...AuthoredInitiative
    }
  }
`);

export const ArchiveInitiative = graphql(`
  mutation ArchiveInitiative($id: ID!, $expectedVersion: Int) {
    archiveInitiative(id: $id, expectedVersion: $expectedVersion) {
      ...AuthoredInitiative
    }
  }
`);

export const SupportKeyResult = graphql(`
  mutation SupportKeyResult($input: LinkInitiativeInput!) {
    linkInitiative(input: $input) {
      ...InitiativeLinkRow
    }
  }
`);

export const UnlinkInitiative = graphql(`
  mutation UnlinkInitiative($id: ID!) {
    unlinkInitiative(id: $id)
  }
`);

export const CarryForward = graphql(`
  mutation CarryForward($input: CarryForwardInput!) {
    carryForward(input: $input) {
      id
      key
      title
      origin {
        id
        key
      }
    }
  }
`);
