import { PageTitle } from '../../layout/shell';

export function ContactsPage() {
  return <PageTitle>ContactsPage</PageTitle>;
}
