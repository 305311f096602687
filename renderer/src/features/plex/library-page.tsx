/**
 * Library: will browse the Plex libraries. For now it says whether Plex is ready.
 */
import { Clapperboard } from 'lucide-react';
import { PageHeader } from '../../ui/page-heading';
import { ServiceNotice } from '../../ui/service-notice';

export function LibraryPage() {
  return (
    <div className="page">
      <PageHeader title="Library" lead="The films, shows and music in your Plex libraries, newest first." />
      <ServiceNotice service="plex" comingLater="Browsing your libraries" icon={Clapperboard} />
    </div>
  );
}
