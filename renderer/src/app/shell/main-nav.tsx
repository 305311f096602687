/**
 * The left navigation (a top bar on narrow screens). Plain links with hash
 * addresses, so Tab reaches them, Enter follows them and middle-click still works.
 */
import type { MouseEvent } from 'react';
import { navigate } from '../routing/hash-router';
import { routeHref, routes, routeTitles, type Route } from '../routing/routes';
import { HEALTH_NAV_STATE_ID, HealthNavDot, HealthNavState } from '../../features/health/health-nav-dot';

export interface MainNavProps {
  readonly current: Route;
}

function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function MainNav({ current }: MainNavProps) {
  return (
    <nav aria-label="Main" className="main-nav">
      <p className="main-nav__brand">MediaNest</p>
      <ul className="main-nav__list">
        {routes.map((route) => (
          <li key={route}>
            <a
              className="main-nav__link"
              href={routeHref(route)}
              aria-current={route === current ? 'page' : undefined}
              aria-describedby={route === 'health' ? HEALTH_NAV_STATE_ID : undefined}
              onClick={(event) => {
                if (event.defaultPrevented || !isPlainClick(event)) return;
                event.preventDefault();
                navigate(route);
              }}
            >
              {routeTitles[route]}
              {route === 'health' ? <HealthNavDot /> : null}
            </a>
            {route === 'health' ? <HealthNavState /> : null}
          </li>
        ))}
      </ul>
    </nav>
  );
}
