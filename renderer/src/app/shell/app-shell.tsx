/**
 * The window's frame: skip link, navigation (sidebar or bottom tabs), top bar
 * with search, banners, the current page and the toasts. After each
 * navigation the page starts at its top and focus moves to its h1, so
 * keyboard and screen-reader users land where the new content starts.
 */
import { useEffect, useLayoutEffect, useRef, type ReactElement } from 'react';
import { DownloadsPage } from '../../features/downloads/downloads-page';
import { HealthAlertToasts } from '../../features/health/health-alert-toasts';
import { DownloadReadyNotices } from '../../features/downloads/download-ready-notices';
import { HealthPage } from '../../features/health/health-page';
import { LibraryPage } from '../../features/plex/library-page';
import { RequestsPage } from '../../features/overseerr/requests-page';
import { SettingsPage } from '../../features/settings/settings-page';
import { WelcomePage } from '../../features/welcome/welcome-page';
import { useCoreReachable } from '../app-store';
import { useHashRoute } from '../routing/hash-router';
import type { Route } from '../routing/routes';
import { useWelcomeOnFreshProfile } from '../../features/welcome/use-welcome-on-fresh-profile';
import { ConnectionBanner } from './connection-banner';
import { DemoBanner } from './demo-banner';
import { MainNav } from './main-nav';
import { SkipLink } from './skip-link';
import { StartupWarnings } from './startup-warnings';
import { ToastRegion } from './toast-region';
import { TopBar } from './top-bar';
import './app-shell.css';

const pages: Record<Route, () => ReactElement> = {
  library: LibraryPage,
  requests: RequestsPage,
  downloads: DownloadsPage,
  health: HealthPage,
  settings: SettingsPage,
  welcome: WelcomePage,
};

export function AppShell() {
  const { route, seq } = useHashRoute();
  const mainRef = useRef<HTMLElement>(null);
  const initialSeq = useRef(seq);
  const reachable = useCoreReachable();
  const Page = pages[route];
  useWelcomeOnFreshProfile();

  // Layout, so the new page never paints at the old page's scroll position.
  useLayoutEffect(() => {
    if (seq === initialSeq.current) return;
    window.scrollTo({ top: 0 });
  }, [route, seq]);

  useEffect(() => {
    // Not on first render: the page just opened and nobody navigated yet.
    if (seq === initialSeq.current) return;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [seq]);

  return (
    <div className="shell" data-offline={reachable ? undefined : true}>
      <SkipLink target={mainRef} />
      <MainNav current={route} />
      <div className="shell__body">
        <TopBar />
        <div className="shell__banners">
          <ConnectionBanner />
          <DemoBanner />
          <StartupWarnings />
        </div>
        <main id="main-content" ref={mainRef} className="shell__main" tabIndex={-1}>
          <Page key={route} />
        </main>
      </div>
      <ToastRegion />
      <HealthAlertToasts />
      <DownloadReadyNotices />
    </div>
  );
}
