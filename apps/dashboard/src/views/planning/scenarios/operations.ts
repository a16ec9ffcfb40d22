import { graphql } from '../../../gql';

// The scenarios (what-if) of a DRAFT cycle: list, fork, edit, delete, compare, promote.

export const ScenarioFields = graphql(`
  fragment ScenarioFields on Scenario {
    id
    name
    version
    promotedAt
    initiatives {
      included
      estimate
      priority
      initiative {
        id
        key
        title
      }
    }
    teams {
      capacityPerSprint
      team {
        id
        key
        name
      }
    }
    links {
      linkId
      weight
      keyResultId
      objectiveId
      initiative {
        id
        key
      }
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
`);

export const PlanningScenarios = graphql(`
  query PlanningScenarios($cycleKey: String!) {
    scenarios(cycleKey: $cycleKey) {
      ...ScenarioFields
    }
  }
`);

export const ForkScenario = graphql(`
  mutation ForkScenario($input: ForkScenarioInput!) {
    forkScenario(input: $input) {
      ...ScenarioFields
    }
  }
`);

export const UpdateScenario = graphql(`
  mutation UpdateScenario($input: UpdateScenarioInput!) {
    updateScenario(input: $input) {
      ...ScenarioFields
    }
  }
`);

export const DeleteScenario = graphql(`
  mutation DeleteScenario($id: ID!, $expectedVersion: Int!) {
    deleteScenario(id: $id, expectedVersion: $expectedVersion)
  }
`);

export const PromoteScenario = graphql(`
  mutation PromoteScenario($id: ID!, $expectedVersion: Int!) {
    promoteScenario(id: $id, expectedVersion: $expectedVersion) {
      cycle {
        id
        key
      }
    }
  }
`);

export const CompareScenarios = graphql(`
  query CompareScenarios($cycleKey: String!, $scenarioIds: [ID!]!) {
    compareScenarios(cycleKey: $cycleKey, scenarioIds: $scenarioIds) {
      columns {
        label
        plannedEffort
        shareDeltas
        horizonDeltas
        scenario {
          id
        }
        unestimatedInitiatives {
          id
          key
        }
        projected {
          goals {
            share
            targetShare
            gap
            goal {
              id
              key
              title
            }
          }
          horizons {
            horizon
            share
            targetShare
          }
        }
        capacity {
          capacity
          demand
          overCommitted
          team {
            id
            key
            name
          }
          lines {
            aboveCut
            initiative {
              id
              key
            }
          }
        }
      }
    }
  }
`);
