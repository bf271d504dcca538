import { PageTitle } from '../../layout/shell';

export function MentoringPage() {
  return <PageTitle>MentoringPage</PageTitle>;
}
