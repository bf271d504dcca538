import type { Role } from './gql/graphql';

/** Each screen, who may open it, and its place in the navigation. The first listed for a role is its home. */
export interface ScreenRoute {
  path: string;
  /** i18n key of the navigation label and page title. */
  title: string;
  roles: readonly Role[];
}

const MANAGERS: readonly Role[] = ['ADMIN', 'DIRECTOR', 'COORDINATOR'];
const KPI_READERS: readonly Role[] = ['ADMIN', 'DIRECTOR', 'COORDINATOR', 'TRAINER'];

export const SCREENS: readonly ScreenRoute[] = [
  { path: '/dashboard', title: 'nav.dashboard', roles: KPI_READERS },
  { path: '/contacts', title: 'nav.contacts', roles: KPI_READERS },
  { path: '/board', title: 'nav.board', roles: MANAGERS },
  { path: '/staffing', title: 'nav.staffing', roles: MANAGERS },
  { path: '/inbox', title: 'nav.inbox', roles: MANAGERS },
  { path: '/mentoring', title: 'nav.mentoring', roles: MANAGERS },
  { path: '/my-schedule', title: 'nav.mySchedule', roles: ['AGENT'] },
  { path: '/time-off', title: 'nav.timeOff', roles: ['AGENT'] },
  { path: '/swaps', title: 'nav.swaps', roles: ['AGENT'] },
  { path: '/my-training', title: 'nav.myTraining', roles: ['AGENT'] },
  { path: '/scorecard', title: 'nav.scorecard', roles: ['AGENT'] },
  { path: '/training', title: 'nav.training', roles: ['TRAINER', 'ADMIN', 'DIRECTOR', 'COORDINATOR'] },
  { path: '/training/progress', title: 'nav.trainingProgress', roles: ['TRAINER', 'ADMIN', 'DIRECTOR', 'COORDINATOR'] },
  { path: '/training/reports', title: 'nav.trainingReports', roles: ['TRAINER', 'ADMIN', 'DIRECTOR'] },
  { path: '/users', title: 'nav.users', roles: ['ADMIN', 'DIRECTOR'] },
  { path: '/api-tokens', title: 'nav.apiTokens', roles: ['ADMIN'] },
  { path: '/webhooks', title: 'nav.webhooks', roles: ['ADMIN'] },
  { path: '/settings', title: 'nav.settings', roles: ['ADMIN'] },
];

const HOME: Record<Role, string> = {
  DIRECTOR: '/dashboard',
  COORDINATOR: '/board',
  AGENT: '/my-schedule',
  TRAINER: '/training',
  ADMIN: '/users',
};

export function homeOf(role: Role): string {
  return HOME[role];
}

export function screensFor(role: Role): ScreenRoute[] {
  return SCREENS.filter((s, i, all) => s.roles.includes(role) && all.findIndex((o) => o.path === s.path) === i);
}
