import { PageTitle } from '../../layout/shell';

export function ReportsPage() {
  return <PageTitle>ReportsPage</PageTitle>;
}
