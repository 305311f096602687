/**
 * Requests: will list and make Overseerr requests. For now it says whether Overseerr is ready.
 */
import { Inbox } from 'lucide-react';
import { PageHeader } from '../../ui/page-heading';
import { ServiceNotice } from '../../ui/service-notice';

export function RequestsPage() {
  return (
    <div className="page">
      <PageHeader title="Requests" lead="What the household has asked for in Overseerr, and new films and shows to ask for." />
      <ServiceNotice service="overseerr" comingLater="Browsing and making requests" icon={Inbox} />
    </div>
  );
}
