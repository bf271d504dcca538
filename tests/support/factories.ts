import { TestApp, TestTenant } from './test-app';

let sequence = 0;
const next = () => ++sequence;

export interface CreatedTeam {
  id: string;
  name: string;
  timeZone: string;
}

/** Creates a team through GraphQL as the tenant's director. */
export async function createTeam(
  api: TestApp,
  tenant: TestTenant,
  input: Record<string, unknown> = {},
): Promise<CreatedTeam> {
  const response = await api.gql(
    `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id name timeZone } } }`,
    { input: { name: `Team ${next()}`, timeZone: 'Europe/Warsaw', channels: ['PHONE', 'CHAT'], ...input } },
    tenant.tokens.DIRECTOR,
  );
  if (response.errors) throw new Error(`createTeam failed: ${JSON.stringify(response.errors)}`);
  return response.data!['createTeam'].team;
}

export interface CreatedAgent {
  id: string;
  name: string;
  email: string;
  teamId: string;
}

/** Creates an agent through GraphQL as the tenant's director. */
export async function createAgent(
  api: TestApp,
  tenant: TestTenant,
  teamId: string,
  input: Record<string, unknown> = {},
): Promise<CreatedAgent> {
  const n = next();
  const response = await api.gql(
    `mutation($input: CreateAgentInput!) { createAgent(input: $input) { agent { id name email teamId } } }`,
    {
      input: {
        name: `Agent ${n}`,
        email: `agent${n}@example.test`,
        teamId,
        level: 'ENTRY',
        hireDate: '2024-01-15',
        contractedWeeklyHours: 40,
        hourlyCost: 20,
        channels: ['PHONE', 'CHAT'],
        skills: [{ skill: 'billing', proficiency: 3 }],
        ...input,
      },
    },
    tenant.tokens.DIRECTOR,
  );
  if (response.errors) throw new Error(`createAgent failed: ${JSON.stringify(response.errors)}`);
  return response.data!['createAgent'].agent;
}

/**
 * Gives a team one of most things that belong to it: a KPI target, a swap proposed by `agentId` (whose
 * user is the tenant's AGENT) for `otherAgentId`'s shift, a learning path with an assignment rule and an
 * assignment, and a mentorship with a senior agent (the ids of those it answers). For walks that check what every operation answers.
 */
export async function addTeamRecords(
  api: TestApp,
  tenant: TestTenant,
  ids: { teamId: string; agentId: string; otherAgentId: string; shiftId: string },
): Promise<{ moduleId: string; pathId: string; seniorId: string }> {
  const gql = async (query: string, input: Record<string, unknown>, token = tenant.tokens.DIRECTOR) => {
    const response = await api.gql(query, { input }, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  await gql(`mutation($input: SetKpiTargetInput!) { setKpiTarget(input: $input) { target { id } } }`, {
    teamId: ids.teamId,
    metric: 'CSAT',
    value: 90,
  });
  await gql(
    `mutation($input: ProposeShiftSwapInput!) { proposeShiftSwap(input: $input) { swap { id } } }`,
    { shiftId: ids.shiftId, targetAgentId: ids.otherAgentId },
    tenant.tokens.AGENT,
  );
  const module = (
    await gql(
      `mutation($input: CreateTrainingModuleInput!) { createTrainingModule(input: $input) { module { id } } }`,
      {
        title: 'Billing basics',
        category: 'PRODUCT',
        contentUrl: 'https://kb.example.test/billing',
        estimatedMinutes: 30,
      },
    )
  )['createTrainingModule'].module;
  const path = (
    await gql(`mutation($input: CreateLearningPathInput!) { createLearningPath(input: $input) { path { id } } }`, {
      name: 'Onboarding',
      modules: [{ moduleId: module.id, dueAfterDays: 7 }],
    })
  )['createLearningPath'].path;
  await gql(
    `mutation($input: CreateTrainingAssignmentRuleInput!) { createTrainingAssignmentRule(input: $input) { rule { id } } }`,
    { teamId: ids.teamId, pathId: path.id },
  );
  await gql(`mutation($input: AssignTrainingInput!) { assignTraining(input: $input) { createdCount } }`, {
    pathId: path.id,
    agentIds: [ids.agentId],
  });
  const senior = await createAgent(api, tenant, ids.teamId, { level: 'SENIOR' });
  await gql(`mutation($input: CreateMentorshipInput!) { createMentorship(input: $input) { mentorship { id } } }`, {
    mentorId: senior.id,
    menteeId: ids.agentId,
    goals: 'Refunds',
    startsOn: '2026-01-05',
  });
  return { moduleId: module.id, pathId: path.id, seniorId: senior.id };
}
