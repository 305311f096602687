/**
 * Health for the renderer: every health entry (kept live by
 * `health:entry-changed` / `health:entries-removed`), the alerts the core
 * raised (`health:alerted`, shown as toasts and, where allowed, browser
 * notifications), and, for the Details disclosure, MediaNest's own probe
 * snapshots and call statistics, which are pulled (they change with every
 * call, so pushing them would be noise).
 */
import { create } from 'zustand';
import type { ContractClient } from '../../../../shared/contract/api';
import { isAppError } from '../../../../shared/contract/errors';
import type { ServiceHealth } from '../../../../shared/contract/areas/health';
import { worstLevel, type HealthAlert, type HealthEntry, type HealthNotice, type TrayLevel } from '../../../../shared/contract/areas/health-entries';
import type { ServiceStats } from '../../../../shared/contract/areas/services';
import type { UpstreamId } from '../../../../shared/contract/services';

export interface HealthState {
  readonly entries: Readonly<Record<string, HealthEntry>>;
  /** Entry ids in the order the core listed them (new ones at the end). */
  readonly order: readonly string[];
  readonly health: Partial<Record<UpstreamId, ServiceHealth>>;
  readonly stats: Partial<Record<UpstreamId, ServiceStats>>;
  readonly loaded: boolean;
  readonly loadError: string | null;
  /** Entry ids being checked now ('*' for all). */
  readonly checking: readonly string[];
  /** Alerts not dismissed yet, newest last. */
  readonly alerts: readonly HealthAlert[];
  /** What status pages say about themselves (Kuma's pinned incidents). */
  readonly notices: readonly HealthNotice[];
}

const initialState: HealthState = { entries: {}, order: [], health: {}, stats: {}, loaded: false, loadError: null, checking: [], alerts: [], notices: [] };

export const useHealthStore = create<HealthState>()(() => initialState);

/** How many alerts stay on screen at once; older ones give way. */
const MAX_ALERTS = 3;

let client: ContractClient | null = null;
const alertListeners = new Set<(alert: HealthAlert) => void>();

function byUpstream<T extends { upstream: UpstreamId }>(items: readonly T[]): Partial<Record<UpstreamId, T>> {
  const out: Partial<Record<UpstreamId, T>> = {};
  for (const item of items) out[item.upstream] = item;
  return out;
}

function setEntries(list: readonly HealthEntry[]): void {
  useHealthStore.setState({ entries: Object.fromEntries(list.map((entry) => [entry.id, entry])), order: list.map((entry) => entry.id), loaded: true, loadError: null });
}

function upsertEntry(entry: HealthEntry): void {
  useHealthStore.setState((state) => ({
    entries: { ...state.entries, [entry.id]: entry },
    order: state.order.includes(entry.id) ? state.order : [...state.order, entry.id],
  }));
}

function removeEntries(ids: readonly string[]): void {
  useHealthStore.setState((state) => {
    const entries = { ...state.entries };
    for (const id of ids) delete entries[id];
    return { entries, order: state.order.filter((id) => !ids.includes(id)) };
  });
}

function upsertHealth(health: ServiceHealth): void {
  useHealthStore.setState((state) => ({ health: { ...state.health, [health.upstream]: health } }));
}

function addAlert(alert: HealthAlert): void {
  useHealthStore.setState((state) => ({ alerts: [...state.alerts, alert].slice(-MAX_ALERTS) }));
  for (const listener of [...alertListeners]) listener(alert);
}

/** Binds the store to a client, follows the health events and loads the entries (the nav dot needs them on every page). */
export function initHealthStore(contractClient: ContractClient): () => void {
  client = contractClient;
  useHealthStore.setState(initialState, true);
  const stops = [
    contractClient.on('health:entry-changed', upsertEntry),
    contractClient.on('health:entries-removed', ({ ids }) => removeEntries(ids)),
    contractClient.on('health:alerted', addAlert),
    contractClient.on('health:changed', upsertHealth),
    contractClient.on('health:notices-changed', (notices) => useHealthStore.setState({ notices })),
  ];
  void refreshEntries();
  return () => {
    for (const stop of stops) stop();
    if (client === contractClient) client = null;
  };
}

export async function refreshEntries(): Promise<void> {
  if (!client) return;
  try {
    const notices = client.invoke('health:notices').then(
      (list) => useHealthStore.setState({ notices: list }),
      // Banners only; the next notices-changed event brings them.
      () => undefined,
    );
    setEntries(await client.invoke('health:entries'));
    await notices;
  } catch (error) {
    useHealthStore.setState({ loadError: isAppError(error) ? error.message : 'Service health could not be loaded.' });
  }
}

/** Everything the page shows: entries plus the details behind the disclosure. */
export async function refreshHealth(): Promise<void> {
  if (!client) return;
  const current = client;
  await refreshEntries();
  try {
    const [health, stats] = await Promise.all([current.invoke('health:list'), current.invoke('services:stats')]);
    useHealthStore.setState({ health: byUpstream(health), stats: byUpstream(stats) });
  } catch {
    // Details only; the entries carry what the page needs and say their own errors.
  }
}

export async function refreshStats(): Promise<void> {
  if (!client) return;
  try {
    const stats = await client.invoke('services:stats');
    useHealthStore.setState({ stats: byUpstream(stats) });
  } catch {
    // Statistics are a side panel; the next refresh tries again.
  }
}

const withChecking = (id: string, on: boolean): void =>
  useHealthStore.setState((state) => ({ checking: on ? [...state.checking, id] : state.checking.filter((each) => each !== id) }));

/** Checks one entry now (its service, or its Kuma status page). Rejects with the core's AppError. */
export async function checkEntry(id: string): Promise<void> {
  if (!client || useHealthStore.getState().checking.includes(id)) return;
  const current = client;
  withChecking(id, true);
  try {
    setEntries(await current.invoke('health:check-entry', { id }));
  } finally {
    withChecking(id, false);
  }
}

/** Checks every MediaNest service and re-reads Kuma; false if a check of everything was already running. */
export async function checkEverything(): Promise<boolean> {
  if (!client || useHealthStore.getState().checking.includes('*')) return false;
  const current = client;
  withChecking('*', true);
  try {
    const state = useHealthStore.getState();
    const kuma = state.order.find((id) => state.entries[id]?.source === 'uptime-kuma');
    await Promise.all([current.invoke('health:check-now'), kuma ? current.invoke('health:check-entry', { id: kuma }) : Promise.resolve()]);
    await refreshHealth();
    return true;
  } finally {
    withChecking('*', false);
  }
}

/** Mutes an entry's alerts for 1, 4 or 8 hours; null unmutes. */
export async function muteEntry(id: string, hours: 1 | 4 | 8 | null): Promise<void> {
  if (!client) return;
  upsertEntry(await client.invoke('health:mute', { id, hours }));
}

export function dismissAlert(id: number): void {
  useHealthStore.setState((state) => ({ alerts: state.alerts.filter((alert) => alert.id !== id) }));
}

/** Hears every new alert (browser notifications). */
export function onAlert(listener: (alert: HealthAlert) => void): () => void {
  alertListeners.add(listener);
  return () => alertListeners.delete(listener);
}

/** The worst level for the nav dot; null while nothing is known. */
export function selectWorstLevel(state: HealthState): TrayLevel | null {
  return worstLevel(Object.values(state.entries));
}
