/**
 * One upstream on the Health page (a service has one or more: Plex and
 * plex.tv): status in words, breaker, timings and the last error; or, when it
 * is not set up, what to do about it.
 */
import { useId } from 'react';
import type { ServiceHealth } from '../../../../shared/contract/areas/health';
import type { ServiceStats } from '../../../../shared/contract/areas/services';
import { services, upstreamSpec, type UpstreamId } from '../../../../shared/contract/services';
import { formatMs, formatPercent, NO_DATA } from '../../ui/format/numbers';
import { formatRelativeTime } from '../../ui/format/relative-time';
import { SettingsLink } from '../../ui/settings-link';
import { breakerLabels, healthStatusLabels, healthStatusTones } from '../../ui/health-labels';
import { StatusChip } from '../../ui/status-chip';

export interface ServiceHealthCardProps {
  readonly upstream: UpstreamId;
  readonly health: ServiceHealth | undefined;
  readonly stats: ServiceStats | undefined;
  readonly now: number;
}

export function ServiceHealthCard({ upstream, health, stats, now }: ServiceHealthCardProps) {
  const headingId = useId();
  const spec = upstreamSpec(upstream);
  const { displayName } = spec;
  const serviceName = services[spec.service].displayName;
  const status = health?.status ?? 'unknown';
  const lastError = health?.error ?? stats?.lastError?.message ?? null;

  return (
    <li className="health-card" aria-labelledby={headingId} data-testid={`health-${upstream}`}>
      <div className="health-card__header">
        <h2 id={headingId} className="health-card__title">
          {displayName}
        </h2>
        <StatusChip tone={healthStatusTones[status].tone} icon={healthStatusTones[status].icon} label={healthStatusLabels[status]} />
      </div>
      <p className="health-card__description">{spec.description}</p>

      {health && !health.configured ? (
        <div className="health-card__notice">
          <p>{`${displayName} is not configured yet — add its address in Settings.`}</p>
          <SettingsLink section={spec.service} />
        </div>
      ) : health && !health.enabled ? (
        <div className="health-card__notice">
          <p>
            {displayName === serviceName
              ? `${displayName} is turned off, so it is not checked — turn it on in Settings.`
              : `${serviceName} is turned off, so ${displayName} is not checked — turn ${serviceName} on in Settings.`}
          </p>
          <SettingsLink section={spec.service} />
        </div>
      ) : null}

      <dl className="health-card__facts">
        <div>
          <dt>Response time</dt>
          <dd>{formatMs(health?.responseTimeMs)}</dd>
        </div>
        <div>
          <dt>Last check</dt>
          <dd>
            {health?.lastCheckedAt ? (
              <time dateTime={new Date(health.lastCheckedAt).toISOString()} title={new Date(health.lastCheckedAt).toLocaleString()}>
                {formatRelativeTime(health.lastCheckedAt, now)}
              </time>
            ) : (
              'Never'
            )}
          </dd>
        </div>
        <div>
          <dt>Uptime (24 h)</dt>
          <dd>{formatPercent(health?.uptime24h)}</dd>
        </div>
        <div className="health-card__error">
          <dt>Last error</dt>
          <dd>{lastError ?? 'None'}</dd>
        </div>
      </dl>
      <details className="health-card__details">
        <summary>Details</summary>
        <dl className="health-card__facts">
          <div>
            <dt>Breaker</dt>
            <dd>{breakerLabels[health?.breaker ?? stats?.breaker ?? 'closed']}</dd>
          </div>
          <div>
            <dt>Calls</dt>
            <dd>{stats ? `${stats.calls} calls, ${stats.failures} ${stats.failures === 1 ? 'failure' : 'failures'}` : NO_DATA}</dd>
          </div>
          <div>
            <dt>Latency</dt>
            <dd>{stats ? `p50 ${formatMs(stats.p50Ms)} · p95 ${formatMs(stats.p95Ms)}` : NO_DATA}</dd>
          </div>
        </dl>
      </details>
    </li>
  );
}
