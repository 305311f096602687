/**
 * The Health page's area: every health entry (MediaNest's checks, Kuma's
 * monitors, whatever other features contribute), mutes, and the alerts
 * ("NAS is down") the tray, desktop notifications and serve mode's toasts show.
 *
 * Other features contribute entries through `addSource` (called by the
 * composition root), so this module never imports them.
 */
import type { healthEntryInvokes } from '../../../../shared/contract/areas/health-entries';
import type { UpstreamId } from '../../../../shared/contract/services';
import type { CoreEvents } from '../../events/core-events';
import type { EventBus } from '../../events/event-bus';
import type { HealthMonitor } from '../../health/health-monitor';
import type { HealthCheckResult } from '../../health/service-health';
import type { Logger } from '../../logging/logger';
import type { FeatureModule } from '../feature-module';
import { createAlertPolicy, type AlertSettings, type AlertTimers } from './alert-policy';
import { createHealthBoard } from './health-board';
import type { HealthSource } from '../../health/health-source';
import type { MuteStore } from './mute-store';
import { createServiceEntries } from './service-entries';

export interface HealthBoardFeatureDeps {
  readonly health: Pick<HealthMonitor, 'get' | 'checkNow'>;
  /** Stored probe results of one upstream, newest first. */
  readonly history: (upstream: UpstreamId, limit: number) => readonly HealthCheckResult[];
  /** The upstream's saved address, for "Open" ('' when not set). */
  readonly address: (upstream: UpstreamId) => string;
  readonly bus: Pick<EventBus<CoreEvents>, 'on' | 'emit'>;
  /** The notification settings, read at every decision. */
  readonly alertSettings: () => AlertSettings;
  readonly mutes: MuteStore;
  /** True while this media PC plays something in Plex (the Plex feature's capability); absent = never. */
  readonly isPlayingLocally?: () => Promise<boolean>;
  readonly logger?: Pick<Logger, 'warn'>;
  readonly now?: () => number;
  readonly timers?: AlertTimers;
}

export interface HealthBoardFeature extends FeatureModule<keyof typeof healthEntryInvokes> {
  /** Adds a feature's health entries to the page; returns the function that removes them. */
  addSource(source: HealthSource): () => void;
}

export function createHealthBoardFeature(deps: HealthBoardFeatureDeps): HealthBoardFeature {
  const { bus } = deps;
  const extras = { ...(deps.now ? { now: deps.now } : {}), ...(deps.logger ? { logger: deps.logger } : {}) };
  const policy = createAlertPolicy({
    settings: deps.alertSettings,
    mutedUntil: (id) => deps.mutes.get(id, (deps.now ?? Date.now)()),
    ...(deps.isPlayingLocally ? { isPlayingLocally: deps.isPlayingLocally } : {}),
    emit: (alert) => bus.emit('health:alerted', alert),
    ...(deps.timers ? { timers: deps.timers } : {}),
    ...extras,
  });
  const board = createHealthBoard({
    policy,
    mutes: deps.mutes,
    onEntryChanged: (entry) => bus.emit('health:entry-changed', entry),
    onEntriesRemoved: (ids) => bus.emit('health:entries-removed', { ids: [...ids] }),
    onNoticesChanged: (notices) => bus.emit('health:notices-changed', [...notices]),
    ...extras,
  });
  const services = createServiceEntries({
    health: deps.health,
    history: deps.history,
    address: deps.address,
    onProbed: (listener) => bus.on('health:probed', listener),
    onChanged: (listener) => bus.on('health:changed', listener),
  });
  board.addSource(services);

  return {
    addSource: (source) => board.addSource(source),
    handlers: {
      'health:entries': () => board.entries(),
      'health:check-entry': ({ id }) => board.checkEntry(id),
      'health:mute': ({ id, hours }) => board.mute(id, hours),
      'health:notices': () => board.notices(),
    },
    dispose() {
      board.dispose();
      services.dispose();
      policy.dispose();
    },
  };
}
