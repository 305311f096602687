/**
 * The Health navigation entry's dot: the worst state of every service and
 * monitor, as a symbol on its colour. Its words sit outside the link
 * (`HealthNavState`, tied in with aria-describedby), so the link's own name
 * stays "Health".
 */
import { levelLooks } from './entry-states';
import { selectWorstLevel, useHealthStore } from './health-store';

export const HEALTH_NAV_STATE_ID = 'health-nav-state';

export function HealthNavDot() {
  const level = useHealthStore(selectWorstLevel);
  if (!level) return null;
  const look = levelLooks[level];
  return (
    <span className="health-nav-dot" data-testid="health-dot" data-level={level} data-tone={look.tone} aria-hidden="true" title={look.label}>
      {look.symbol}
    </span>
  );
}

export function HealthNavState() {
  const level = useHealthStore(selectWorstLevel);
  return (
    <span id={HEALTH_NAV_STATE_ID} className="visually-hidden">
      {level ? levelLooks[level].label : ''}
    </span>
  );
}
