import { PageTitle } from '../../layout/shell';

export function StaffingPage() {
  return <PageTitle>StaffingPage</PageTitle>;
}
