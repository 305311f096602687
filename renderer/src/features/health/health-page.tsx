/**
 * Health: every service's state, kept live by `health:changed`, with a
 * "Check now" that probes at once.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { upstreams } from '../../../../shared/contract/services';
import { ServiceHealthCard } from './service-health-card';
import { useNow } from '../../ui/use-now';
import { showError, showStatus } from '../../app/app-store';
import { checkHealthNow, refreshHealth, refreshStats, useHealthStore } from './health-store';
import { PageHeading } from '../../ui/page-heading';
import './health.css';
import '../../ui/page.css';

/** Statistics move with every call; re-read them this often while the page is open. */
const STATS_REFRESH_MS = 15_000;

async function onCheckNow(): Promise<void> {
  try {
    if (await checkHealthNow()) showStatus('Checked all services');
  } catch (error) {
    showError(error);
  }
}

export function HealthPage() {
  const { health, stats, loaded, loadError, checking } = useHealthStore(
    useShallow((state) => ({ health: state.health, stats: state.stats, loaded: state.loaded, loadError: state.loadError, checking: state.checking })),
  );
  const now = useNow(1000);

  useEffect(() => {
    void refreshHealth();
    const timer = setInterval(() => void refreshStats(), STATS_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="page">
      <PageHeading>Health</PageHeading>
      <div className="page__toolbar">
        <p className="page__lead">How the services MediaNest talks to are doing. Checks run in the background and update here as they finish.</p>
        <button type="button" className="button button--primary" aria-busy={checking} onClick={() => void onCheckNow()}>
          Check now
        </button>
      </div>
      {loadError ? (
        <p className="notice notice--error">
          Service health could not be loaded: {loadError}{' '}
          <button type="button" className="button button--quiet" onClick={() => void refreshHealth()}>
            Try again
          </button>
        </p>
      ) : !loaded ? (
        <p className="notice">Loading service health…</p>
      ) : null}
      <ul className="health-list" aria-busy={checking}>
        {upstreams.map(({ id }) => (
          <ServiceHealthCard key={id} upstream={id} health={health[id]} stats={stats[id]} now={now} />
        ))}
      </ul>
    </div>
  );
}
