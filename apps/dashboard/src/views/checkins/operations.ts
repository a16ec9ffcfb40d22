// Check-ins of key results and KPIs (MEMBER and above), and their history for the small charts.
import { graphql } from '../../gql';

export const CheckInKeyResult = graphql(`
  mutation CheckInKeyResult($input: CheckInInput!) {
    checkIn(input: $input) {
      id
      current
      confidence
      progress
    }
  }
`);

export const CheckInKpi = graphql(`
  mutation CheckInKpi($input: CheckInKpiInput!) {
    checkInKpi(input: $input) {
      id
      current
      healthy
    }
  }
`);

export const KeyResultCheckIns = graphql(`
  query KeyResultCheckIns($key: String!) {
    keyResult(key: $key) {
      id
      checkIns(first: 26) {
        nodes {
          id
          value
          confidence
          note
          createdAt
          author {
            name
          }
        }
      }
    }
  }
`);

export const KpiCheckIns = graphql(`
  query KpiCheckIns($key: String!) {
    kpi(key: $key) {
      id
      checkIns(first: 26) {
        nodes {
          id
          value
          note
          createdAt
          author {
            name
          }
        }
      }
    }
  }
`);
