import { PageTitle } from '../../layout/shell';

export function UsersPage() {
  return <PageTitle>UsersPage</PageTitle>;
}
