import { PageTitle } from '../../layout/shell';

export function TrainingPage() {
  return <PageTitle>TrainingPage</PageTitle>;
}
