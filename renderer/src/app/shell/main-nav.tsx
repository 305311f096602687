/**
 * The navigation: one entry per area with an icon and a label. A sidebar on a
 * desktop (icons only below ~1000 px) and a bottom tab bar on a phone, from
 * the same links, so Tab order and names never differ between the two.
 * Health carries a dot with the worst state, as colour and shape; Downloads
 * how many run.
 */
import { Activity, Clapperboard, Download, Inbox, Settings, type LucideIcon } from 'lucide-react';
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TrayLevel } from '../../../../shared/contract/areas/health-entries';
import { summarizeEntries } from '../../../../shared/contract/areas/health-summary';
import { clockTime } from '../../features/health/entry-states';
import { useHealthStore } from '../../features/health/health-store';
import { useDownloadsStore } from '../../features/downloads/downloads-store';
import { RouteLink } from '../routing/route-link';
import { navRoutes, routeTitles, type NavRoute, type Route } from '../routing/routes';
import { AppLogo } from './app-logo';
import { HealthDot } from './health-dot';

const navIcons: Record<NavRoute, LucideIcon> = {
  library: Clapperboard,
  requests: Inbox,
  downloads: Download,
  health: Activity,
  settings: Settings,
};

export interface MainNavProps {
  readonly current: Route;
}

/** The worst state of every service and monitor, and the Health page's sentence for it. */
function useHealthDot(): { status: TrayLevel | null; text: string | null } {
  return useHealthStore(
    useShallow((state) => {
      const summary = summarizeEntries(Object.values(state.entries), clockTime);
      return { status: summary.level, text: summary.text };
    }),
  );
}

export function MainNav({ current }: MainNavProps) {
  const dot = useHealthDot();
  const dotId = useId();
  const countId = useId();
  const running = useDownloadsStore((state) => (state.paused ? 0 : state.running));
  return (
    <nav aria-label="Main" className="main-nav">
      <div className="main-nav__brand">
        <AppLogo />
        <span className="main-nav__brand-name">MediaNest</span>
      </div>
      <ul className="main-nav__list">
        {navRoutes.map((route) => {
          const Icon = navIcons[route];
          const withDot = route === 'health' && dot.status !== null;
          const withCount = route === 'downloads' && running > 0;
          return (
            <li key={route} className="main-nav__item">
              <RouteLink
                to={route}
                className="main-nav__link"
                aria-current={route === current ? 'page' : undefined}
                aria-describedby={withDot ? dotId : withCount ? countId : undefined}
                title={routeTitles[route]}
              >
                <span className="main-nav__icon">
                  <Icon aria-hidden="true" size={20} />
                  {withDot && dot.status ? <HealthDot level={dot.status} /> : null}
                  {withCount ? (
                    <span className="nav-count" data-testid="downloads-count" aria-hidden="true">
                      {running > 9 ? '9+' : running}
                    </span>
                  ) : null}
                </span>
                <span className="main-nav__label">{routeTitles[route]}</span>
              </RouteLink>
              {withDot ? (
                <span id={dotId} className="sr-only" data-testid="health-dot-text">
                  {dot.text}
                </span>
              ) : null}
              {withCount ? (
                <span id={countId} className="sr-only">
                  {running === 1 ? 'One download running' : `${running} downloads running`}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
