/**
 * Health: every service's state, kept live by `health:changed`, with a
 * "Check now" that probes at once.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { upstreams } from '../../../../shared/contract/services';
import { ServiceHealthCard } from './service-health-card';
import { useNow } from '../../ui/use-now';
import { RefreshCw } from 'lucide-react';
import { serviceLabel } from '../../../../shared/contract/services';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { checkHealthNow, refreshHealth, refreshStats, useHealthStore } from './health-store';
import { healthSummaryText } from './health-summary';
import { LoadError } from '../../ui/load-error';
import { PageHeader } from '../../ui/page-heading';
import './health.css';

/** Statistics move with every call; re-read them this often while the page is open. */
const STATS_REFRESH_MS = 15_000;

async function onCheckNow(): Promise<void> {
  try {
    if (await checkHealthNow()) showStatus('Checked all services', 'ok');
  } catch (error) {
    showError(error);
  }
}

export function HealthPage() {
  const { health, stats, loaded, loadError, checking } = useHealthStore(
    useShallow((state) => ({ health: state.health, stats: state.stats, loaded: state.loaded, loadError: state.loadError, checking: state.checking })),
  );
  const now = useNow(1000);
  const reachable = useCoreReachable();
  const summary = healthSummaryText(health, serviceLabel);

  useEffect(() => {
    void refreshHealth();
    const timer = setInterval(() => void refreshStats(), STATS_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="page">
      <PageHeader
        title="Health"
        lead={loaded && summary ? `${summary}. Checks run in the background and update here as they finish.` : 'How the services MediaNest talks to are doing. Checks run in the background and update here as they finish.'}
        actions={
          <button type="button" className="button button--primary" aria-busy={checking} disabled={!reachable} onClick={() => void onCheckNow()}>
            <RefreshCw aria-hidden="true" size={16} className={checking ? 'spin' : undefined} />
            Check now
          </button>
        }
      />
      {loadError ? <LoadError title="Service health could not be loaded." message={loadError} onRetry={refreshHealth} canRetry={reachable} /> : null}
      <ul className="health-list" aria-busy={checking}>
        {upstreams.map(({ id }) => (
          <ServiceHealthCard key={id} upstream={id} health={health[id]} stats={stats[id]} now={now} />
        ))}
      </ul>
    </div>
  );
}
