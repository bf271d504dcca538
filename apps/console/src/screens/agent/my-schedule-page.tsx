import { PageTitle } from '../../layout/shell';

export function MySchedulePage() {
  return <PageTitle>MySchedulePage</PageTitle>;
}
