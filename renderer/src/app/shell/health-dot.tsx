/**
 * The Health entry's dot: the worst state of every service and monitor as a
 * check, a triangle or a cross on its colour, so it reads without colour too.
 * Its words sit beside the link for screen readers (the link's own name stays
 * "Health").
 */
import { Check, TriangleAlert, X, type LucideIcon } from 'lucide-react';
import type { TrayLevel } from '../../../../shared/contract/areas/health-entries';

const dotIcons: Record<TrayLevel, LucideIcon> = { ok: Check, degraded: TriangleAlert, down: X };
/** The dot's colours are keyed by the health words of the stylesheet. */
const dotStatus: Record<TrayLevel, string> = { ok: 'healthy', degraded: 'degraded', down: 'unhealthy' };

export function HealthDot({ level }: { readonly level: TrayLevel }) {
  const Icon = dotIcons[level];
  return (
    <span className="health-dot" data-status={dotStatus[level]} data-level={level} data-testid="health-dot" aria-hidden="true">
      <Icon size={9} strokeWidth={4} />
    </span>
  );
}
