/**
 * Translates contract invokes into core calls. Handlers stay thin: payloads
 * arrive parsed and results are checked by the dispatcher.
 */
import { platform } from 'node:os';
import type { ContractHandlers } from './transport/dispatch-invoke';
import type { Core } from './create-core';
import { PRODUCT_NAME } from './app/data-paths';
import { serviceNames, type ServiceName } from '../../shared/contract/schemas/settings-schemas';
import type { ServiceHealth } from '../../shared/contract/schemas/health-schemas';

export function createContractHandlers(core: Core): ContractHandlers {
  const unknownHealth = (service: ServiceName): ServiceHealth => {
    const settings = core.settings.get().services[service];
    return {
      service,
      enabled: settings.enabled,
      configured: settings.baseUrl !== '',
      status: 'unknown',
      responseTimeMs: null,
      lastCheckedAt: null,
      error: null,
      uptime24h: null,
      breaker: 'closed',
    };
  };
  return {
    'app:info': () => ({
      name: PRODUCT_NAME,
      version: core.config.version,
      mode: core.config.mode,
      profile: core.config.profile,
      platform: platform(),
      dataDir: core.config.dataDir,
      warnings: [...core.warnings],
    }),
    'settings:get': () => core.publicSettings(),
    'settings:update': (patch) => {
      const { secrets, ...rest } = patch;
      for (const [name, value] of Object.entries(secrets ?? {}) as [keyof NonNullable<typeof secrets>, string | null | undefined][]) {
        if (value === null) core.secrets.delete(name);
        else if (value !== undefined) core.secrets.set(name, value);
      }
      // Always go through update so `settings:changed` fires, also for a secrets-only change.
      return core.publicSettings(core.settings.update(rest));
    },
    // Interim until the integration layer lands: every service reports `unknown`.
    'health:list': () => serviceNames.map(unknownHealth),
    'health:check-now': () => serviceNames.map(unknownHealth),
    'services:stats': () => serviceNames.map((service) => ({ service, calls: 0, failures: 0, p50Ms: null, p95Ms: null, breaker: 'closed' as const, lastError: null })),
    'services:test': ({ service }) => ({ service, ok: false, status: 'unknown' as const, responseTimeMs: null, error: 'not wired yet' }),
  };
}
