/**
 * Translates contract invokes into core calls. Handlers stay thin: payloads
 * arrive parsed and results are checked by the dispatcher.
 */
import { platform } from 'node:os';
import type { ContractHandlers } from './transport/dispatch-invoke';
import type { Core } from './create-core';
import { PRODUCT_NAME } from './app/data-paths';
import type { SecretName } from '../../shared/contract/services';
import { serviceDefaults } from './integration';

export function createContractHandlers(core: Core): ContractHandlers {
  const { health, gateway, tests } = core.integration;
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
      for (const [name, value] of Object.entries(secrets ?? {}) as [SecretName, string | null | undefined][]) {
        if (value === null) core.secrets.delete(name);
        else if (value !== undefined) core.secrets.set(name, value);
      }
      // Always go through update so `settings:changed` fires, also for a secrets-only change.
      return core.publicSettings(core.settings.update(rest));
    },
    'health:list': () => health.list(),
    'health:check-now': ({ service }) => health.checkNow(service),
    'services:stats': () => gateway.stats(),
    // Without a typed secret the saved one is used, so "Test" works after a restart too.
    'services:test': ({ service, settings, secret }) => tests.run(service, settings, secret ?? core.secrets.get(serviceDefaults[service].auth.secret)),
  };
}
