/**
 * The window's frame: skip link, navigation, banners, the current page and
 * the status region. After each navigation focus moves to the page's h1, so
 * keyboard and screen-reader users land where the new content starts.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import { DownloadsPage } from '../../features/downloads/downloads-page';
import { HealthAlertToasts } from '../../features/health/health-alert-toasts';
import { HealthPage } from '../../features/health/health-page';
import { LibraryPage } from '../../features/plex/library-page';
import { RequestsPage } from '../../features/overseerr/requests-page';
import { SettingsPage } from '../../features/settings/settings-page';
import { useHashRoute } from '../routing/hash-router';
import type { Route } from '../routing/routes';
import { ConnectionBanner } from './connection-banner';
import { DemoBanner } from './demo-banner';
import { MainNav } from './main-nav';
import { SkipLink } from './skip-link';
import { StartupWarnings } from './startup-warnings';
import { StatusRegion } from './status-region';
import './app-shell.css';

const pages: Record<Route, () => ReactElement> = {
  library: LibraryPage,
  requests: RequestsPage,
  downloads: DownloadsPage,
  health: HealthPage,
  settings: SettingsPage,
};

export function AppShell() {
  const { route, seq } = useHashRoute();
  const mainRef = useRef<HTMLElement>(null);
  const initialSeq = useRef(seq);
  const Page = pages[route];

  useEffect(() => {
    // Not on first render: the page just opened and nobody navigated yet.
    if (seq === initialSeq.current) return;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [seq]);

  return (
    <div className="app-shell">
      <SkipLink target={mainRef} />
      <MainNav current={route} />
      <div className="app-shell__content">
        <ConnectionBanner />
        <DemoBanner />
        <StartupWarnings />
        <main id="main-content" ref={mainRef} className="app-shell__main" tabIndex={-1}>
          <Page key={route} />
        </main>
      </div>
      <StatusRegion />
      <HealthAlertToasts />
    </div>
  );
}
