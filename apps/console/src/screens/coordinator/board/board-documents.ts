import { graphql } from '../../../gql';

export const BoardQuery = graphql(`
  query Board($teamId: ID!, $from: DateTime!, $to: DateTime!) {
    agents(first: 200, filter: { teamIds: [$teamId], employmentStatuses: [ACTIVE, ON_LEAVE] }) {
      edges {
        node {
          id
          name
          level
        }
      }
    }
    scheduleViolations(input: { teamId: $teamId, from: $from, to: $to }) {
      rule
      enforcement
      message
      agentId
      shiftIds
      agent {
        name
      }
      shifts {
        id
        startsAt
        endsAt
      }
    }
  }
`);

/** Separate from BoardQuery: the API's query cost limit counts both lists' worst cases together. */
export const BoardShiftsQuery = graphql(`
  query BoardShifts($teamId: ID!, $from: DateTime!, $to: DateTime!) {
    shifts(first: 200, filter: { teamId: $teamId, from: $from, to: $to }) {
      totalCount
      edges {
        node {
          id
          agentId
          status
          version
          startsAt
          endsAt
          channel
          activities {
            id
            type
            startsAt
            endsAt
          }
        }
      }
    }
  }
`);

export const UpdateShiftMutation = graphql(`
  mutation UpdateShift($input: UpdateShiftInput!) {
    updateShift(input: $input) {
      shift {
        id
        version
        startsAt
        endsAt
      }
      warnings {
        rule
        message
      }
    }
  }
`);

export const ShiftLastChangeQuery = graphql(`
  query ShiftLastChange($shiftId: ID!) {
    auditLog(first: 1, filter: { entityId: $shiftId }) {
      edges {
        node {
          at
          action
          actor {
            email
            displayName
          }
        }
      }
    }
  }
`);

export const ClearDraftsMutation = graphql(`
  mutation ClearDrafts($input: ClearDraftShiftsInput!) {
    clearDraftShifts(input: $input) {
      deletedCount
    }
  }
`);

export const PublishMutation = graphql(`
  mutation Publish($input: PublishScheduleInput!) {
    publishSchedule(input: $input) {
      publishedCount
    }
  }
`);

export const GenerateMutation = graphql(`
  mutation Generate($input: GenerateScheduleInput!) {
    generateSchedule(input: $input) {
      job {
        id
        status
      }
    }
  }
`);

export const JobQuery = graphql(`
  query Job($id: ID!) {
    scheduleJob(id: $id) {
      id
      status
      phase
      progress
      elapsedSeconds
      objective
      mipGap
      error
      result {
        shiftsCreated
        underCoverageAgentHours
        overCoverageAgentHours
        requiredAgentHours
        cost
        solverStatus
      }
    }
  }
`);
