import { PageTitle } from '../../layout/shell';

export function TimeOffPage() {
  return <PageTitle>TimeOffPage</PageTitle>;
}
