import { PageTitle } from '../../layout/shell';

export function DashboardPage() {
  return <PageTitle>DashboardPage</PageTitle>;
}
