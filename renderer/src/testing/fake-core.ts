/**
 * A fake core behind a FakeTransport, answering every invoke the renderer uses
 * with believable data, plus a connection the test can flip.
 */
import type { AppInfo } from '../../../shared/contract/areas/app';
import type { ServiceHealth } from '../../../shared/contract/areas/health';
import type { HealthEntry, HealthNotice } from '../../../shared/contract/areas/health-entries';
import type { PlexStatus } from '../../../shared/contract/areas/plex';
import type { ServiceStats } from '../../../shared/contract/areas/services';
import { type PublicSettings, type SettingsPatch } from '../../../shared/contract/areas/settings';
import { serviceNames, upstreamIds } from '../../../shared/contract/services';
import type { ConnectionSource, ConnectionState } from '../app/transport/connection-state';
import { AppError } from '../../../shared/contract/errors';
import { fakeAppInfo, fakeHealth, fakePublicSettings, fakeStats, FakeTransport } from './fake-transport';

/** A connection whose state the test sets. */
export class FakeConnection implements ConnectionSource {
  connectionState: ConnectionState;
  private readonly listeners = new Set<(state: ConnectionState) => void>();

  constructor(initial: ConnectionState = 'connected') {
    this.connectionState = initial;
  }

  watchConnection(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    listener(this.connectionState);
    return () => this.listeners.delete(listener);
  }

  set(state: ConnectionState): void {
    this.connectionState = state;
    for (const listener of [...this.listeners]) listener(state);
  }
}

/** The core's merge rules: one level deep per section, secrets become presence flags. */
export function applySettingsPatch(settings: PublicSettings, patch: SettingsPatch): PublicSettings {
  const next = structuredClone(settings);
  if (patch.general) Object.assign(next.general, patch.general);
  if (patch.downloads) Object.assign(next.downloads, patch.downloads);
  if (patch.notifications) Object.assign(next.notifications, patch.notifications);
  if (patch.requests) Object.assign(next.requests, patch.requests);
  for (const service of serviceNames) {
    const servicePatch = patch.services?.[service];
    if (servicePatch) Object.assign(next.services[service], servicePatch);
  }
  for (const [name, value] of Object.entries(patch.secrets ?? {}) as [keyof PublicSettings['secrets'], string | null | undefined][]) {
    if (value !== undefined) next.secrets[name] = value !== null;
  }
  return next;
}

export interface FakeCoreOptions {
  readonly settings?: PublicSettings;
  readonly info?: AppInfo;
  readonly health?: ServiceHealth[];
  readonly stats?: ServiceStats[];
  readonly entries?: HealthEntry[];
  readonly notices?: HealthNotice[];
  readonly connection?: ConnectionState;
}

export interface FakeCore {
  readonly transport: FakeTransport;
  readonly connection: FakeConnection;
  /** What `settings:get` answers now; `settings:update` changes it and emits `settings:changed`. */
  settings: PublicSettings;
  health: ServiceHealth[];
  stats: ServiceStats[];
  /** What `health:entries` answers; `health:mute` updates it. */
  entries: HealthEntry[];
  /** What `health:notices` answers. */
  notices: HealthNotice[];
}

/** Plex linked when its address and server token are set, with an empty library. */
export function fakePlexStatus(settings: PublicSettings): PlexStatus {
  const linked = settings.services.plex.baseUrl !== '' && Object.entries(settings.secrets).some(([name, set]) => set && name.startsWith('plex.'));
  return {
    signedIn: linked,
    username: linked ? 'household' : null,
    server: linked ? { machineIdentifier: 'fake-server', name: 'Living Room', uri: settings.services.plex.baseUrl, kind: null } : null,
    online: true,
    backup: { active: false, asOf: null, reason: null },
    authExpired: false,
    itemCount: 0,
    sync: { state: 'idle', done: 0, total: 0, sectionKey: null, sectionTitle: null, phase: null, startedAt: null, finishedAt: null, message: null },
  };
}

export function createFakeCore(options: FakeCoreOptions = {}): FakeCore {
  const transport = new FakeTransport();
  const core: FakeCore = {
    transport,
    connection: new FakeConnection(options.connection),
    settings: options.settings ?? fakePublicSettings(),
    health: options.health ?? upstreamIds.map((upstream) => fakeHealth(upstream, { enabled: false, configured: false })),
    stats: options.stats ?? upstreamIds.map((upstream) => fakeStats(upstream)),
    entries: options.entries ?? [],
    notices: options.notices ?? [],
  };
  const info = options.info ?? fakeAppInfo();
  transport
    .handle('app:info', () => info)
    .handle('settings:get', () => core.settings)
    .handle('settings:update', (patch) => {
      core.settings = applySettingsPatch(core.settings, patch as SettingsPatch);
      transport.emit('settings:changed', core.settings);
      return core.settings;
    })
    .handle('health:list', () => core.health)
    .handle('health:check-now', () => core.health)
    .handle('services:stats', () => core.stats)
    .handle('plex:status', () => fakePlexStatus(core.settings))
    .handle('plex:sections', () => [])
    .handle('plex:sign-in-state', () => ({ state: 'idle', pinId: null, code: null, authUrl: null, expiresAt: null, message: null }))
    .handle('health:entries', () => core.entries)
    .handle('health:notices', () => core.notices)
    .handle('health:check-entry', () => core.entries)
    .handle('health:mute', ({ id, hours }) => {
      const entry = core.entries.find((each) => each.id === id);
      if (!entry) throw new AppError('NOT_FOUND', 'That service is no longer on the Health page; reload the page.');
      const muted = { ...entry, mutedUntil: hours === null ? null : Date.now() + hours * 3_600_000 };
      core.entries = core.entries.map((each) => (each.id === id ? muted : each));
      return muted;
    })
    .handle('overseerr:requests', () => [])
    .handle('downloads:overview', () => ({ jobs: [], tools: [], paused: false, running: 0, queued: 0, unavailable: null, demoPlaylistUrl: null }))
    .handle('downloads:destinations', () => [])
    .handle('downloads:update-state', () => ({ state: 'idle', managedVersion: null, message: null, checkedAt: null }))
    .handle('downloads:cookies', () => [])
    .handle('overseerr:webhook', () => ({
      enabled: core.settings.requests.webhookEnabled,
      listening: false,
      url: null,
      otherUrls: [],
      authorization: null,
      template: '{}',
      types: [],
      lastTestAt: null,
      lastDeliveryAt: null,
      problem: null,
    }))
    .handle('services:test', ({ service }) => ({
      service,
      ok: true,
      status: 'healthy',
      responseTimeMs: 42,
      error: null,
      steps: { address: { result: 'passed', message: 'Answers as the program' }, credential: { result: 'passed', message: 'The credential was accepted' } },
    }));
  return core;
}
