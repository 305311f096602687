/**
 * Uptime Kuma's monitors as a health source, polled on an interval (60 s by
 * default) through the client.
 *
 * Each poll reads every configured status page (page + heartbeats) and, with
 * an API key, `/metrics`, which also lists monitors on no public page. A
 * monitor appears once, under the first group that lists it. Each new
 * heartbeat is one observation for the alert policy (Kuma's checks are the
 * probes); a monitor seen for the first time contributes only its newest
 * `firstSightBeats`, so starting MediaNest does not replay an old outage.
 * When a page cannot be read its monitors turn unknown (no alerts) and the
 * page itself shows up with the reason in words.
 */
import { isAppError } from '../../../../shared/contract/errors';
import { serviceLabel } from '../../../../shared/contract/services';
import type { EntryState, HealthNotice } from '../../../../shared/contract/areas/health-entries';
import { createUpdateEmitter, type HealthSource, type SourceEntry, type SourceObservation } from '../../health/health-source';
import { kumaState } from './kuma-wire';
import type { KumaClient } from './kuma-client';
import type { KumaHistoryStore } from './kuma-history-store';
import type { KumaMetricMonitor } from './kuma-metrics';
import type { KumaBeat, KumaHeartbeats, KumaIncident, KumaStatusPage } from './kuma-schemas';

export interface KumaSourceSettings {
  /** Enabled and with an address. */
  readonly active: boolean;
  readonly baseUrl: string;
  readonly statusPages: readonly string[];
  readonly pollIntervalMs: number;
  /** An API key is saved, so /metrics can be read. */
  readonly hasApiKey: boolean;
}

export interface KumaTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface KumaSourceDeps {
  readonly client: KumaClient;
  readonly history: KumaHistoryStore;
  readonly settings: () => KumaSourceSettings;
  readonly now?: () => number;
  readonly timers?: KumaTimers;
  /** Beats of a newly seen monitor that count as observations (the policy's window, 2N). */
  readonly firstSightBeats?: number;
  readonly logger?: { warn(object: Record<string, unknown>, message: string): void };
}

export interface KumaSource extends HealthSource {
  readonly name: 'uptime-kuma';
  /** The pinned incidents of the status pages, as banners for the Health page. */
  notices(): readonly HealthNotice[];
  /** Starts polling, or (after a settings change) polls now with the new settings; stops and clears when Kuma is off. */
  refresh(): void;
  dispose(): void;
}

export const KUMA_GROUP = serviceLabel('uptime-kuma');
const OTHER_GROUP = 'Other monitors';
const RECENT = 30;

interface MonitorInfo {
  readonly id: number | null;
  readonly key: string;
  readonly name: string;
  readonly group: string;
  readonly url: string | null;
  readonly slug: string | null;
  readonly beats: readonly KumaBeat[];
  readonly uptime24h: number | null;
  readonly metric: KumaMetricMonitor | null;
  /** Why its state is not known (its page could not be read). */
  readonly unreadable: string | null;
}

function words(error: unknown): string {
  return isAppError(error) ? error.message : 'Uptime Kuma could not be read.';
}

function detailFor(state: EntryState, maintenances: readonly string[]): string | null {
  switch (state) {
    case 'pending':
      return 'Uptime Kuma is checking again before it calls this down.';
    case 'maintenance':
      return maintenances.length > 0 ? `Planned maintenance: ${maintenances.join(', ')}.` : 'Planned maintenance.';
    case 'unknown':
      return 'Uptime Kuma reports a state MediaNest does not know.';
    default:
      return null;
  }
}

const incidentPrefix = (slug: string): string => `kuma-incident:${slug}:`;

const incidentTones: Readonly<Record<string, HealthNotice['tone']>> = { danger: 'danger', warning: 'warn' };

/** The first `max` characters, with an ellipsis when cut. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A pinned incident as a notice: its words kept as plain text, cut to the contract's lengths. */
function incidentNotice(slug: string, pageTitle: string, incident: KumaIncident, index: number): HealthNotice {
  return {
    id: `${incidentPrefix(slug)}${incident.id ?? `#${index}`}`,
    source: 'uptime-kuma',
    from: clip(`${pageTitle} status page`, 200),
    tone: incidentTones[incident.style ?? ''] ?? 'info',
    title: clip(incident.title.trim() || 'Incident', 300),
    text: clip((incident.content ?? '').trim(), 2000),
    at: incident.at,
  };
}

export function createKumaSource(deps: KumaSourceDeps): KumaSource {
  const now = deps.now ?? Date.now;
  const timers: KumaTimers = deps.timers ?? {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const firstSight = deps.firstSightBeats ?? 4;
  const emitter = createUpdateEmitter();
  let current = new Map<string, SourceEntry>();
  let notices: readonly HealthNotice[] = [];
  /** Newest beat already observed, per monitor key. */
  const seenUntil = new Map<string, number>();
  let timer: unknown;
  let inFlight: Promise<void> | null = null;
  let lifetime = new AbortController();
  let disposed = false;
  /** Which status page each monitor entry came from, to keep it listed when that page fails. */
  const previousPages = new Map<string, string>();

  const entryOf = (info: MonitorInfo, maintenances: readonly string[], checkedAt: number): SourceEntry => {
    const settings = deps.settings();
    const latest = info.beats.at(-1) ?? null;
    // Metrics are read now; a beat may be older. Prefer the beat, which has a time.
    const code = info.unreadable ? null : (latest?.status ?? info.metric?.status ?? null);
    const state: EntryState = info.unreadable ? 'unknown' : kumaState(code);
    const stored = info.id === null ? [] : deps.history.recent(info.id, RECENT);
    const recent = (stored.length > 0 ? [...stored].reverse() : info.beats.slice(-RECENT)).map((beat) => beat.ping);
    const since = info.id !== null && code !== null && latest ? deps.history.runStart(info.id, code) : null;
    const kumaBase = settings.baseUrl.replace(/\/+$/, '');
    return {
      id: `kuma:${info.key}`,
      source: 'uptime-kuma',
      service: null,
      upstream: null,
      name: info.name,
      group: info.group,
      state,
      since: info.unreadable ? null : since,
      lastCheckedAt: latest?.at ?? (info.metric ? checkedAt : null),
      responseTimeMs: latest ? latest.ping : (info.metric?.responseTimeMs ?? null),
      uptime24h: info.uptime24h ?? info.metric?.uptime1d ?? null,
      detail: info.unreadable ? null : detailFor(state, state === 'maintenance' ? maintenances : []),
      error: info.unreadable,
      recent,
      openUrl: info.url && /^https?:\/\//i.test(info.url) ? info.url : info.id !== null && kumaBase ? `${kumaBase}/dashboard/${info.id}` : null,
    };
  };

  const problemEntry = (key: string, name: string, error: string): SourceEntry => ({
    id: `kuma-problem:${key}`,
    source: 'uptime-kuma',
    service: null,
    upstream: null,
    name,
    group: KUMA_GROUP,
    state: 'unknown',
    since: null,
    lastCheckedAt: now(),
    responseTimeMs: null,
    uptime24h: null,
    detail: null,
    error,
    recent: [],
    openUrl: null,
  });

  const poll = async (signal: AbortSignal): Promise<void> => {
    const settings = deps.settings();
    const checkedAt = now();
    const pages = await Promise.all(
      settings.statusPages.map(async (slug) => {
        // Through a promise each, so a client that throws at once fails only its own page.
        const [page, beats] = await Promise.allSettled([
          Promise.resolve().then(() => deps.client.statusPage(slug, signal)),
          Promise.resolve().then(() => deps.client.heartbeats(slug, signal)),
        ]);
        return { slug, page, beats };
      }),
    );
    const metrics = settings.hasApiKey ? await Promise.resolve().then(() => deps.client.metrics(signal)).then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error })) : null;
    if (signal.aborted) return;

    const infos = new Map<string, MonitorInfo>();
    const maintenances: string[] = [];
    const nextNotices: HealthNotice[] = [];
    const problems: SourceEntry[] = [];
    const byName = new Map<string, KumaMetricMonitor>();
    const byId = new Map<number, KumaMetricMonitor>();
    for (const metric of metrics?.ok ? metrics.value : []) {
      if (metric.id !== null) byId.set(metric.id, metric);
      else byName.set(metric.name, metric);
    }
    for (const { slug, page, beats } of pages) {
      if (page.status === 'rejected' || beats.status === 'rejected') {
        const reason = words(page.status === 'rejected' ? page.reason : (beats as PromiseRejectedResult).reason);
        problems.push(problemEntry(`page:${slug}`, `Status page "${slug}"`, reason));
        // Its incidents stand until the page can be read again: one failed read is no all-clear.
        nextNotices.push(...notices.filter((notice) => notice.id.startsWith(incidentPrefix(slug))));
        // Monitors we knew from this page stay listed, unknown, with the reason.
        for (const [entryId, pageSlug] of previousPages) {
          const known = current.get(entryId);
          const key = entryId.slice('kuma:'.length);
          if (pageSlug !== slug || !known || infos.has(key)) continue;
          infos.set(key, { id: Number(key), key, name: known.name, group: known.group, url: null, slug, beats: [], uptime24h: null, metric: null, unreadable: `Not known right now: ${reason}` });
        }
        continue;
      }
      const value: KumaStatusPage = page.value;
      const heartbeats: KumaHeartbeats = beats.value;
      maintenances.push(...value.maintenances.map((m) => m.title).filter(Boolean));
      value.incidents.forEach((incident, index) => nextNotices.push(incidentNotice(slug, value.title, incident, index)));
      for (const group of value.groups) {
        for (const monitor of group.monitors) {
          const key = String(monitor.id);
          if (infos.has(key) && infos.get(key)!.unreadable === null) continue;
          infos.set(key, {
            id: monitor.id,
            key,
            name: monitor.name,
            group: group.name,
            url: monitor.url,
            slug,
            beats: heartbeats.beats.get(monitor.id) ?? [],
            uptime24h: heartbeats.uptime24h.get(monitor.id) ?? null,
            metric: byId.get(monitor.id) ?? byName.get(monitor.name) ?? null,
            unreadable: null,
          });
        }
      }
    }
    if (metrics && !metrics.ok) problems.push(problemEntry('metrics', 'Uptime Kuma metrics', words(metrics.error)));
    for (const metric of metrics?.ok ? metrics.value : []) {
      const key = metric.id !== null ? String(metric.id) : `name:${metric.name}`;
      const onPage = metric.id !== null ? infos.has(key) : [...infos.values()].some((info) => info.name === metric.name);
      if (onPage) continue;
      infos.set(key, { id: metric.id, key, name: metric.name, group: OTHER_GROUP, url: metric.url && metric.type === 'http' ? metric.url : null, slug: null, beats: [], uptime24h: null, metric, unreadable: null });
    }

    const observations: SourceObservation[] = [];
    const next = new Map<string, SourceEntry>();
    for (const info of infos.values()) {
      if (info.id !== null && info.beats.length > 0) deps.history.record(info.id, info.beats, checkedAt);
      const entry = entryOf(info, maintenances, checkedAt);
      next.set(entry.id, entry);
      if (info.unreadable) continue;
      if (info.beats.length > 0) {
        const seen = seenUntil.get(info.key);
        const fresh = seen === undefined ? info.beats.slice(-firstSight) : info.beats.filter((beat) => beat.at > seen);
        for (const beat of fresh) observations.push({ id: entry.id, name: entry.name, state: kumaState(beat.status), at: beat.at });
        seenUntil.set(info.key, info.beats.at(-1)!.at);
      } else if (info.metric) {
        observations.push({ id: entry.id, name: entry.name, state: entry.state, at: checkedAt });
      }
    }
    if (settings.statusPages.length === 0 && !settings.hasApiKey) {
      problems.push({ ...problemEntry('setup', 'Uptime Kuma monitors', ''), state: 'off', error: null, detail: 'Add a status page in Settings to see its monitors here.' });
    }
    for (const problem of problems) next.set(problem.id, problem);
    for (const info of infos.values()) if (info.slug) previousPages.set(`kuma:${info.key}`, info.slug);

    const changed = [...next.values()].filter((entry) => JSON.stringify(entry) !== JSON.stringify(current.get(entry.id)));
    const removed = [...current.keys()].filter((id) => !next.has(id));
    for (const id of removed) {
      seenUntil.delete(id.slice(5));
      previousPages.delete(id);
    }
    current = next;
    const noticesChanged = JSON.stringify(nextNotices) !== JSON.stringify(notices);
    notices = nextNotices;
    emitter.emit({ changed, removed, observations, ...(noticesChanged ? { notices } : {}) });
  };
  const schedule = (ms: number): void => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (disposed || !deps.settings().active) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void run();
    }, ms);
  };

  const clear = (): void => {
    const removed = [...current.keys()];
    const hadNotices = notices.length > 0;
    current = new Map();
    notices = [];
    seenUntil.clear();
    previousPages.clear();
    emitter.emit({ changed: [], removed, observations: [], ...(hadNotices ? { notices } : {}) });
  };

  const run = (): Promise<void> => {
    if (inFlight) return inFlight;
    const settings = deps.settings();
    if (disposed || !settings.active) return Promise.resolve();
    const signal = lifetime.signal;
    const tracked = poll(signal)
      .catch((error: unknown) => deps.logger?.warn({ err: error }, 'reading Uptime Kuma failed'))
      .finally(() => {
        if (inFlight === tracked) inFlight = null;
        if (!signal.aborted) schedule(deps.settings().pollIntervalMs);
      });
    inFlight = tracked;
    return tracked;
  };

  return {
    name: 'uptime-kuma',
    entries: () => [...current.values()],
    notices: () => notices,
    checkNow: () => run(),
    subscribe: emitter.subscribe,
    refresh() {
      if (disposed) return;
      lifetime.abort();
      lifetime = new AbortController();
      inFlight = null;
      if (!deps.settings().active) {
        schedule(0);
        clear();
        return;
      }
      schedule(0);
    },
    dispose() {
      disposed = true;
      lifetime.abort();
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
