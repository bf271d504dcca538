import { PageTitle } from '../../layout/shell';

export function ProgressPage() {
  return <PageTitle>ProgressPage</PageTitle>;
}
