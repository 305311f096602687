/**
 * Requests: will list and make Overseerr requests. For now it says whether Overseerr is ready.
 */
import { PageHeading } from '../../ui/page-heading';
import { ServiceNotice } from '../../ui/service-notice';
import '../../ui/page.css';

export function RequestsPage() {
  return (
    <div className="page">
      <PageHeading>Requests</PageHeading>
      <p className="page__lead">This page will show what the household has asked for in Overseerr, and let you request new films and shows.</p>
      <ServiceNotice service="overseerr" comingLater="Browsing and making requests" />
    </div>
  );
}
