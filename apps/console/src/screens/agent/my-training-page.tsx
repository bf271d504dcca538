import { PageTitle } from '../../layout/shell';

export function MyTrainingPage() {
  return <PageTitle>MyTrainingPage</PageTitle>;
}
