/**
 * Health and call statistics of every upstream (Plex and plex.tv count apart). Health arrives live through
 * `health:changed`; statistics are pulled (they change with every call, so
 * pushing them would be noise).
 */
import { create } from 'zustand';
import type { ContractClient } from '../../../../shared/contract/api';
import { isAppError } from '../../../../shared/contract/errors';
import type { ServiceHealth } from '../../../../shared/contract/areas/health';
import type { ServiceStats } from '../../../../shared/contract/areas/services';
import type { UpstreamId } from '../../../../shared/contract/services';

export interface HealthState {
  readonly health: Partial<Record<UpstreamId, ServiceHealth>>;
  readonly stats: Partial<Record<UpstreamId, ServiceStats>>;
  readonly loaded: boolean;
  readonly loadError: string | null;
  readonly checking: boolean;
}

const initialState: HealthState = { health: {}, stats: {}, loaded: false, loadError: null, checking: false };

export const useHealthStore = create<HealthState>()(() => initialState);

let client: ContractClient | null = null;

function byUpstream<T extends { upstream: UpstreamId }>(items: readonly T[]): Partial<Record<UpstreamId, T>> {
  const out: Partial<Record<UpstreamId, T>> = {};
  for (const item of items) out[item.upstream] = item;
  return out;
}

function upsertHealth(health: ServiceHealth): void {
  useHealthStore.setState((state) => ({ health: { ...state.health, [health.upstream]: health } }));
}

/** Binds the store to a client and follows `health:changed`; the Health page pulls the rest. */
export function initHealthStore(contractClient: ContractClient): () => void {
  client = contractClient;
  useHealthStore.setState(initialState, true);
  const unsubscribe = contractClient.on('health:changed', upsertHealth);
  return () => {
    unsubscribe();
    if (client === contractClient) client = null;
  };
}

/** Loads health and statistics together. */
export async function refreshHealth(): Promise<void> {
  if (!client) return;
  try {
    const [health, stats] = await Promise.all([client.invoke('health:list'), client.invoke('services:stats')]);
    useHealthStore.setState({ health: byUpstream(health), stats: byUpstream(stats), loaded: true, loadError: null });
  } catch (error) {
    useHealthStore.setState({ loadError: isAppError(error) ? error.message : 'Service health could not be loaded.' });
  }
}

export async function refreshStats(): Promise<void> {
  if (!client) return;
  try {
    const stats = await client.invoke('services:stats');
    useHealthStore.setState({ stats: byUpstream(stats) });
  } catch {
    // Statistics are a side panel; the next refresh tries again and health shows its own errors.
  }
}

/** Probes every service now; false if a check was already running. Rejects with the core's AppError. */
export async function checkHealthNow(): Promise<boolean> {
  if (!client || useHealthStore.getState().checking) return false;
  const current = client;
  useHealthStore.setState({ checking: true });
  try {
    const health = await current.invoke('health:check-now');
    useHealthStore.setState((state) => ({ health: { ...state.health, ...byUpstream(health) }, loaded: true, loadError: null }));
    await refreshStats();
    return true;
  } finally {
    useHealthStore.setState({ checking: false });
  }
}
