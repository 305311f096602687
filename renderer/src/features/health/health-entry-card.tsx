/**
 * One service or monitor on the Health page: its state in colour, symbol and
 * word, for how long, response time, last check, 24 h uptime, recent response
 * times, the last error in plain words, and what to do: Check now, Open, mute
 * its alerts. Breaker and call statistics sit behind "Details".
 */
import { useId } from 'react';
import { muteHours, type HealthEntry } from '../../../../shared/contract/areas/health-entries';
import type { ServiceHealth } from '../../../../shared/contract/areas/health';
import type { ServiceStats } from '../../../../shared/contract/areas/services';
import { upstreamSpec } from '../../../../shared/contract/services';
import { showError, showStatus } from '../../app/app-store';
import { formatMs, formatPercent, NO_DATA } from '../../ui/format/numbers';
import { formatRelativeTime } from '../../ui/format/relative-time';
import { breakerLabels } from '../../ui/health-labels';
import { SettingsLink } from '../../ui/settings-link';
import { clockTime, durationWords, stateLooks } from './entry-states';
import { checkEntry, muteEntry } from './health-store';
import { Sparkline } from '../../ui/sparkline';
import { StatusChip } from '../../ui/status-chip';

export interface HealthEntryCardProps {
  readonly entry: HealthEntry;
  readonly health: ServiceHealth | undefined;
  readonly stats: ServiceStats | undefined;
  readonly checking: boolean;
  readonly highlighted: boolean;
  readonly now: number;
}

async function onCheck(entry: HealthEntry): Promise<void> {
  try {
    await checkEntry(entry.id);
    showStatus(`Checked ${entry.name}`);
  } catch (error) {
    showError(error);
  }
}

async function onMute(entry: HealthEntry, hours: 1 | 4 | 8 | null): Promise<void> {
  try {
    await muteEntry(entry.id, hours);
    showStatus(hours === null ? `Alerts about ${entry.name} are on again` : `Alerts about ${entry.name} muted for ${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  } catch (error) {
    showError(error);
  }
}

export function entryDomId(id: string): string {
  return `health-entry-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function HealthEntryCard({ entry, health, stats, checking, highlighted, now }: HealthEntryCardProps) {
  const headingId = useId();
  const look = stateLooks[entry.state];
  const off = entry.state === 'off';
  const muted = entry.mutedUntil !== null && entry.mutedUntil > now;
  const lastError = entry.error ?? (off ? null : (stats?.lastError?.message ?? null));

  return (
    <li
      className="health-card"
      id={entryDomId(entry.id)}
      aria-labelledby={headingId}
      data-testid={`health-${entry.id}`}
      data-state={entry.state}
      data-highlighted={highlighted || undefined}
      tabIndex={-1}
    >
      <div className="health-card__header">
        <h3 id={headingId} className="health-card__title">
          {entry.name}
        </h3>
        <StatusChip tone={look.tone} icon={look.icon} label={look.label} />
      </div>
      {entry.upstream ? <p className="health-card__description">{upstreamSpec(entry.upstream).description}</p> : null}

      <p className="health-card__since">
        {off || entry.since === null ? null : (
          <span title={new Date(entry.since).toLocaleString()}>
            {entry.state === 'up' ? 'Working' : look.label} for {durationWords(now - entry.since)} (since {clockTime(entry.since)})
          </span>
        )}
        {entry.detail ? <span className="health-card__detail">{entry.detail}</span> : null}
        {muted ? <span className="health-card__muted">Alerts muted until {clockTime(entry.mutedUntil!)}</span> : null}
      </p>

      {entry.service && off ? <SettingsLink section={entry.service} /> : null}

      {off ? null : (
        <dl className="health-card__facts">
          <div>
            <dt>Response time</dt>
            <dd>{formatMs(entry.responseTimeMs)}</dd>
          </div>
          <div>
            <dt>Last check</dt>
            <dd>
              {entry.lastCheckedAt ? (
                <time dateTime={new Date(entry.lastCheckedAt).toISOString()} title={new Date(entry.lastCheckedAt).toLocaleString()}>
                  {formatRelativeTime(entry.lastCheckedAt, now)}
                </time>
              ) : (
                'Not yet'
              )}
            </dd>
          </div>
          <div>
            <dt>Uptime (24 h)</dt>
            <dd>{formatPercent(entry.uptime24h)}</dd>
          </div>
          <div>
            <dt>Recent response times</dt>
            <dd>
              <Sparkline values={entry.recent} label={`Response times of the last ${entry.recent.length} checks`} format={(ms) => formatMs(ms)} tone={look.tone === 'danger' ? 'danger' : 'accent'} />
            </dd>
          </div>
          {lastError ? (
            <div className="health-card__error">
              <dt>Last error</dt>
              <dd>{lastError}</dd>
            </div>
          ) : null}
        </dl>
      )}

      <div className="health-card__actions">
        {off ? null : (
          <button type="button" className="button" aria-busy={checking} disabled={checking} onClick={() => void onCheck(entry)} aria-label={`Check ${entry.name} now`}>
            {checking ? 'Checking…' : 'Check now'}
          </button>
        )}
        {entry.openUrl ? (
          <a className="button" href={entry.openUrl} target="_blank" rel="noreferrer" aria-label={`Open ${entry.name}`}>
            Open
          </a>
        ) : null}
        {off ? null : muted ? (
          <button type="button" className="button button--quiet" onClick={() => void onMute(entry, null)} aria-label={`Unmute alerts about ${entry.name}`}>
            Unmute
          </button>
        ) : (
          <span className="health-card__mute" role="group" aria-label={`Mute alerts about ${entry.name}`}>
            <span aria-hidden="true">Mute:</span>
            {muteHours.map((hours) => (
              <button key={hours} type="button" className="button button--small" onClick={() => void onMute(entry, hours)} aria-label={`Mute ${entry.name} for ${hours} ${hours === 1 ? 'hour' : 'hours'}`}>
                {hours} h
              </button>
            ))}
          </span>
        )}
      </div>

      {entry.upstream && !off ? (
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
              <dd>{stats && stats.p50Ms !== null ? `p50 ${formatMs(stats.p50Ms)} · p95 ${formatMs(stats.p95Ms)}` : 'No calls yet'}</dd>
            </div>
          </dl>
        </details>
      ) : null}
    </li>
  );
}
