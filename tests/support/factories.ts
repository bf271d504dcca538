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
