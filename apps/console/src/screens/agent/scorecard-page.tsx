import { PageTitle } from '../../layout/shell';

export function ScorecardPage() {
  return <PageTitle>ScorecardPage</PageTitle>;
}
