/**
 * Library: will browse the Plex libraries. For now it says whether Plex is ready.
 */
import { PageHeading } from '../../ui/page-heading';
import { ServiceNotice } from '../../ui/service-notice';
import '../../ui/page.css';

export function LibraryPage() {
  return (
    <div className="page">
      <PageHeading>Library</PageHeading>
      <p className="page__lead">This page will show the movies, shows and music in your Plex libraries, newest first.</p>
      <ServiceNotice service="plex" comingLater="Browsing your libraries" />
    </div>
  );
}
