import { PageTitle } from '../../layout/shell';

export function BoardPage() {
  return <PageTitle>BoardPage</PageTitle>;
}
