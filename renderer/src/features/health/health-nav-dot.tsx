/**
 * The Health navigation entry's dot: the worst state of every service and
 * monitor, as a symbol on its colour with its words for screen readers.
 */
import { levelLooks } from './entry-states';
import { selectWorstLevel, useHealthStore } from './health-store';

export function HealthNavDot() {
  const level = useHealthStore(selectWorstLevel);
  if (!level) return null;
  const look = levelLooks[level];
  return (
    <span className="health-nav-dot" data-testid="health-dot" data-level={level} data-tone={look.tone}>
      <span aria-hidden="true">{look.symbol}</span>
      <span className="visually-hidden">{look.label}</span>
    </span>
  );
}
