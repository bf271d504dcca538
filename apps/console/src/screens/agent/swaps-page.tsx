import { PageTitle } from '../../layout/shell';

export function SwapsPage() {
  return <PageTitle>SwapsPage</PageTitle>;
}
