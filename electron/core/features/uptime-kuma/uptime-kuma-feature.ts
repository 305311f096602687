/**
 * Uptime Kuma: its monitors as health entries, read from the public status
 * pages (and `/metrics` with an API key) through the gateway on the poll
 * interval set in Settings (60 s by default).
 */
import type { Settings } from '../../../../shared/contract/areas/settings';
import { statusPageSlugs } from '../../../../shared/contract/service-settings';
import type { Db } from '../../db/database';
import type { Gateway } from '../../gateway/gateway';
import type { Logger } from '../../logging/logger';
import type { FeatureModule } from '../feature-module';
import { createKumaClient } from './kuma-client';
import { createKumaHistoryStore } from './kuma-history-store';
import { createKumaSource, type KumaSource, type KumaTimers } from './kuma-source';

type KumaSettings = Settings['services']['uptime-kuma'];

export interface UptimeKumaFeatureDeps {
  readonly gateway: Pick<Gateway, 'call'>;
  /** cache.db (its `kuma_beats` table): the heartbeats kept are rebuildable. */
  readonly cacheDb: Db;
  readonly settings: () => KumaSettings;
  /** An API key is saved (its value never reaches this feature). */
  readonly hasApiKey: () => boolean;
  /** Calls back after any settings or secret change. */
  readonly onSettingsChanged: (listener: () => void) => () => void;
  readonly logger?: Pick<Logger, 'warn'>;
  readonly now?: () => number;
  readonly timers?: KumaTimers;
}

export interface UptimeKumaFeature extends FeatureModule {
  /** For the health board. */
  readonly healthSource: KumaSource;
}

export function createUptimeKumaFeature(deps: UptimeKumaFeatureDeps): UptimeKumaFeature {
  const view = () => {
    const settings = deps.settings();
    return {
      active: settings.enabled && settings.baseUrl !== '',
      baseUrl: settings.baseUrl,
      statusPages: statusPageSlugs(settings.statusPageSlug),
      pollIntervalMs: settings.pollSeconds * 1000,
      hasApiKey: deps.hasApiKey(),
    };
  };
  const source = createKumaSource({
    client: createKumaClient({ gateway: deps.gateway }),
    history: createKumaHistoryStore(deps.cacheDb),
    settings: view,
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.timers ? { timers: deps.timers } : {}),
  });
  let last = JSON.stringify(view());
  const stop = deps.onSettingsChanged(() => {
    const next = JSON.stringify(view());
    if (next === last) return;
    last = next;
    source.refresh();
  });
  source.refresh();
  return {
    healthSource: source,
    handlers: {},
    dispose() {
      stop();
      source.dispose();
    },
  };
}
