/**
 * The Health entry's dot: a check, a triangle or a cross on its colour, so
 * the state reads without colour too. Its words sit beside the link for
 * screen readers (the link's own name stays "Health").
 */
import { Check, Minus, TriangleAlert, X, type LucideIcon } from 'lucide-react';
import type { HealthStatus } from '../../../../shared/contract/areas/health';

const dotIcons: Record<HealthStatus, LucideIcon> = { healthy: Check, degraded: TriangleAlert, unhealthy: X, unknown: Minus };

export function HealthDot({ status }: { readonly status: HealthStatus }) {
  const Icon = dotIcons[status];
  return (
    <span className="health-dot" data-status={status} data-testid="health-dot" aria-hidden="true">
      <Icon size={9} strokeWidth={4} />
    </span>
  );
}
