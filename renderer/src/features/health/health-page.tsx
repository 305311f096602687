/**
 * Health for a household: one sentence at the top ("All 7 services are
 * working", "NAS is down since 14:02"), then a card per service and per Uptime
 * Kuma monitor, grouped as Kuma groups them, kept live by the core's events;
 * a status page's pinned incident shows as a banner above them.
 * `#/health?entry=<id>` (a notification's click) scrolls to that card.
 */
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HealthEntry } from '../../../../shared/contract/areas/health-entries';
import { summarizeEntries } from '../../../../shared/contract/areas/health-summary';
import { RefreshCw } from 'lucide-react';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { LoadError } from '../../ui/load-error';
import { PageHeader } from '../../ui/page-heading';
import { useNow } from '../../ui/use-now';
import { BrowserAlertsNotice } from './browser-alerts-notice';
import { clockTime, levelLooks } from './entry-states';
import { entryDomId, HealthEntryCard } from './health-entry-card';
import { HealthNotices } from './health-notices';
import { checkEverything, refreshHealth, refreshStats, useHealthStore } from './health-store';
import { useHashQuery } from './use-hash-query';
import './health.css';

/** Statistics move with every call; re-read them this often while the page is open. */
const STATS_REFRESH_MS = 15_000;

async function onCheckEverything(): Promise<void> {
  try {
    if (await checkEverything()) showStatus('Checked every service', 'ok');
  } catch (error) {
    showError(error);
  }
}

interface Group {
  readonly key: string;
  readonly title: string;
  readonly from: string | null;
  readonly entries: HealthEntry[];
}

/** MediaNest's own checks first, then the other sources' groups in the order they arrived. */
function groupEntries(entries: readonly HealthEntry[]): Group[] {
  const groups = new Map<string, Group>();
  for (const entry of entries) {
    const key = `${entry.source}\u0000${entry.group}`;
    let group = groups.get(key);
    if (!group) {
      const own = entry.source === 'medianest';
      group = { key, title: own ? 'Checked by MediaNest' : entry.group, from: own ? null : entry.source === 'uptime-kuma' ? 'from Uptime Kuma' : null, entries: [] };
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  const own = (group: Group): number => (group.entries[0]!.source === 'medianest' ? 0 : 1);
  return [...groups.values()].sort((a, b) => own(a) - own(b));
}

export function HealthPage() {
  const { entries, order, health, stats, notices, loaded, loadError, checking } = useHealthStore(
    useShallow((state) => ({
      entries: state.entries,
      order: state.order,
      health: state.health,
      stats: state.stats,
      notices: state.notices,
      loaded: state.loaded,
      loadError: state.loadError,
      checking: state.checking,
    })),
  );
  const now = useNow(1000);
  const reachable = useCoreReachable();
  const focus = useHashQuery('entry');
  const list = useMemo(() => order.map((id) => entries[id]).filter((entry): entry is HealthEntry => entry !== undefined), [entries, order]);
  const summary = summarizeEntries(list, clockTime);
  const groups = groupEntries(list);

  useEffect(() => {
    void refreshHealth();
    const timer = setInterval(() => void refreshStats(), STATS_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!focus || !loaded) return;
    const card = document.getElementById(entryDomId(focus));
    card?.scrollIntoView?.({ block: 'center' });
    card?.focus({ preventScroll: true });
  }, [focus, loaded]);

  const look = summary.level ? levelLooks[summary.level] : null;
  const Icon = look?.icon;
  return (
    <div className="page">
      <PageHeader
        title="Health"
        lead="Checks run in the background and update here as they finish."
        actions={
          <button type="button" className="button button--primary" aria-busy={checking.includes('*')} disabled={!reachable} onClick={() => void onCheckEverything()}>
            <RefreshCw aria-hidden="true" size={16} className={checking.includes('*') ? 'spin' : undefined} />
            Check everything
          </button>
        }
      />
      <p className="health-summary" data-testid="health-summary" data-tone={look?.tone ?? 'neutral'} aria-live="polite">
        {Icon ? <Icon aria-hidden="true" size={22} /> : null} {loaded ? summary.text : 'Loading service health…'}
      </p>
      <HealthNotices notices={notices} />
      <BrowserAlertsNotice />
      {loadError ? <LoadError title="Service health could not be loaded." message={loadError} onRetry={refreshHealth} canRetry={reachable} /> : null}
      {groups.map((group) => (
        <section key={group.key} className="health-group" aria-labelledby={`group-${entryDomId(group.key)}`}>
          <h2 id={`group-${entryDomId(group.key)}`} className="health-group__title">
            {group.title}
            {group.from ? <span className="health-group__from"> {group.from}</span> : null}
          </h2>
          <ul className="health-list">
            {group.entries.map((entry) => (
              <HealthEntryCard
                key={entry.id}
                entry={entry}
                health={entry.upstream ? health[entry.upstream] : undefined}
                stats={entry.upstream ? stats[entry.upstream] : undefined}
                checking={checking.includes(entry.id) || checking.includes('*')}
                highlighted={focus === entry.id}
                now={now}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
