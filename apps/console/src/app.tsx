import { Alert, Center, Loader } from '@mantine/core';
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './auth/session';
import { SignInPage } from './auth/sign-in-page';
import { Shell } from './layout/shell';
import { homeOf, SCREENS } from './routes';

/** Screens load on first visit, so the sign-in page does not wait for the charts and the board. */
const screen = (load: () => Promise<Record<string, ComponentType>>, name: string) =>
  lazy(async () => ({ default: (await load())[name]! }));

const PAGES: Record<string, ComponentType> = {
  '/dashboard': screen(() => import('./screens/director/dashboard-page'), 'DashboardPage'),
  '/contacts': screen(() => import('./screens/director/contacts-page'), 'ContactsPage'),
  '/board': screen(() => import('./screens/coordinator/board-page'), 'BoardPage'),
  '/staffing': screen(() => import('./screens/coordinator/staffing-page'), 'StaffingPage'),
  '/inbox': screen(() => import('./screens/coordinator/inbox-page'), 'InboxPage'),
  '/mentoring': screen(() => import('./screens/coordinator/mentoring-page'), 'MentoringPage'),
  '/my-schedule': screen(() => import('./screens/agent/my-schedule-page'), 'MySchedulePage'),
  '/time-off': screen(() => import('./screens/agent/time-off-page'), 'TimeOffPage'),
  '/swaps': screen(() => import('./screens/agent/swaps-page'), 'SwapsPage'),
  '/my-training': screen(() => import('./screens/agent/my-training-page'), 'MyTrainingPage'),
  '/scorecard': screen(() => import('./screens/agent/scorecard-page'), 'ScorecardPage'),
  '/training': screen(() => import('./screens/trainer/training-page'), 'TrainingPage'),
  '/training/progress': screen(() => import('./screens/trainer/progress-page'), 'ProgressPage'),
  '/training/reports': screen(() => import('./screens/trainer/reports-page'), 'ReportsPage'),
  '/users': screen(() => import('./screens/admin/users-page'), 'UsersPage'),
  '/api-tokens': screen(() => import('./screens/admin/api-tokens-page'), 'ApiTokensPage'),
  '/webhooks': screen(() => import('./screens/admin/webhooks-page'), 'WebhooksPage'),
  '/settings': screen(() => import('./screens/admin/settings-page'), 'SettingsPage'),
};

const fallback = (
  <Center p="xl">
    <Loader />
  </Center>
);

/** A screen that throws shows an error in its place; the navigation stays usable. */
class ScreenBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: Error | null; key: string }
> {
  override state = { error: null as Error | null, key: '' };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }
  override render() {
    return this.state.error ? <ScreenError message={this.state.error.message} /> : this.props.children;
  }
}

function ScreenError({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('state.error')} role="alert">
      {message}
    </Alert>
  );
}

export function App() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    return location.pathname === '/sign-in' ? (
      <SignInPage />
    ) : (
      <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />
    );
  }
  const role = session.user.role;
  return (
    <Shell>
      <ScreenBoundary resetKey={location.pathname}>
        <Suspense fallback={fallback}>
          <Routes>
            {SCREENS.filter((s) => s.roles.includes(role)).map((s) => {
              const Page = PAGES[s.path]!;
              return <Route key={s.path} path={s.path} element={<Page />} />;
            })}
            <Route path="*" element={<Navigate to={homeOf(role)} replace />} />
          </Routes>
        </Suspense>
      </ScreenBoundary>
    </Shell>
  );
}
