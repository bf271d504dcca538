import { PageTitle } from '../../layout/shell';

export function InboxPage() {
  return <PageTitle>InboxPage</PageTitle>;
}
