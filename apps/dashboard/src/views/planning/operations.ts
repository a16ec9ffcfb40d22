import { graphql } from '../../gql';

// The planning view's operations: one request for the session, live updates over
// graphql-ws, the editor's writes, and plan vs actual / the plan file for a locked cycle.

export const PlanningCycles = graphql(`
  query PlanningCycles {
    cycles(first: 200) {
      nodes {
        id
        key
        name
        state
        startDate
        endDate
      }
    }
  }
`);

export const ProjectedFields = graphql(`
  fragment ProjectedFields on ProjectedAlignment {
    totalEffort
    alignedShare
    atRiskEffort
    atRiskShare
    atRiskDependencies {
      id
      reason
      initiative {
        id
        key
      }
      blockedBy {
        id
        key
      }
    }
    goals {
      effort
      share
      percent
      targetShare
      gap
      atRiskEffort
      atRiskShare
      atRiskDependencies {
        id
      }
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
    unaligned {
      reason
      percent
      effort
    }
    unestimatedInitiatives {
      id
      key
    }
  }
`);

export const PlanningSessionQuery = graphql(`
  query PlanningSession($cycleKey: String!) {
    planningSession(cycleKey: $cycleKey) {
      cycle {
        id
        key
        name
        state
        startDate
        endDate
        objectives(first: 200) {
          nodes {
            id
            key
            title
            progress
            origin {
              id
              key
            }
            team {
              id
              key
              name
            }
            keyResults {
              id
              key
              title
              progress
            }
          }
        }
        initiatives(first: 200) {
          nodes {
            id
            key
            title
            estimate
            priority
            version
            status
            team {
              id
              key
              name
            }
            supports {
              id
              weight
              keyResult {
                id
                key
              }
              objective {
                id
                key
              }
            }
            blockedBy {
              id
              note
              # the blocker's key and team only: the list repeats for up to 200 initiatives
              blockedBy {
                key
                team {
                  key
                }
              }
            }
          }
        }
      }
      projected {
        ...ProjectedFields
      }
      capacity {
        capacity
        capacityPerSprint
        demand
        overCommitted
        sprints
        sprintEquivalents
        expectedSprints
        team {
          id
          key
          name
        }
        lines {
          aboveCut
          cumulative
          demand
          priority
          initiative {
            id
            key
            title
          }
        }
      }
    }
  }
`);

export const ProjectedChanged = graphql(`
  subscription ProjectedChanged($cycleKey: String!) {
    projectedAlignmentChanged(cycleKey: $cycleKey) {
      ...ProjectedFields
    }
  }
`);

export const PlanChanged = graphql(`
  subscription PlanChanged($cycleKey: String!) {
    planChanged(cycleKey: $cycleKey) {
      cycleKey
      at
      changedBy
    }
  }
`);

export const UpdatePlannedInitiative = graphql(`
  mutation UpdatePlannedInitiative($input: UpdateInitiativeInput!) {
    updateInitiative(input: $input) {
      id
      estimate
      priority
      version
    }
  }
`);

export const LockCycle = graphql(`
  mutation LockCycle($cycleKey: String!) {
    lockCycle(cycleKey: $cycleKey) {
      id
      createdAt
      cycle {
        id
        key
        state
      }
    }
  }
`);

export const PlanVsActualQuery = graphql(`
  query PlanVsActual($cycleKey: String!) {
    planVsActual(cycleKey: $cycleKey, first: 50) {
      baseline {
        id
        createdAt
        plannedEffort
        objectiveCount
        keyResultCount
        initiativeCount
      }
      goals {
        plannedShare
        actualShare
        drift
        goal {
          id
          key
          title
        }
      }
      scopeChangeCount
      scopeChanges {
        id
        entity
        entityKey
        operation
        changedAt
        changedBy
      }
    }
  }
`);

export const ExportPlan = graphql(`
  query ExportPlan($cycleKey: String!) {
    exportPlan(cycleKey: $cycleKey)
  }
`);

export const InitiativeIdByKey = graphql(`
  query InitiativeIdByKey($key: String!) {
    initiative(key: $key) {
      id
      key
    }
  }
`);

export const AddDependency = graphql(`
  mutation AddDependency($input: AddInitiativeDependencyInput!) {
    addInitiativeDependency(input: $input) {
      id
    }
  }
`);

export const RemoveDependency = graphql(`
  mutation RemoveDependency($id: ID!) {
    removeInitiativeDependency(id: $id)
  }
`);
