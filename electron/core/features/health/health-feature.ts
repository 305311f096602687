/**
 * The health and services areas: each service's health, probing on demand,
 * call statistics, and "Test" with settings not saved yet.
 */
import type { healthInvokes } from '../../../../shared/contract/areas/health';
import type { servicesInvokes } from '../../../../shared/contract/areas/services';
import { upstreamSpec, type ServiceName } from '../../../../shared/contract/services';
import type { ServiceStats } from '../../gateway/gateway-stats';
import type { HealthMonitor } from '../../health/health-monitor';
import type { ServiceTestQueue } from '../../health/service-test-queue';
import type { GetSecret } from '../../upstream/service-http';
import type { FeatureModule } from '../feature-module';

export interface HealthFeatureDeps {
  readonly health: Pick<HealthMonitor, 'list' | 'checkNow'>;
  /** The gateway's per-service statistics. */
  readonly stats: () => ServiceStats[];
  /** The saved secret, for a "Test" without a typed one. */
  readonly getSecret: GetSecret;
  /** Runs "Test", a few at a time (BUSY past its line). */
  readonly tests: Pick<ServiceTestQueue, 'run'>;
}

export type HealthFeature = FeatureModule<keyof typeof healthInvokes | keyof typeof servicesInvokes>;

export function createHealthFeature(deps: HealthFeatureDeps): HealthFeature {
  const { health } = deps;
  const savedSecret = (service: ServiceName): string | undefined => {
    const secret = upstreamSpec(service).secret;
    return secret ? deps.getSecret(secret.name) : undefined;
  };
  return {
    handlers: {
      'health:list': () => health.list(),
      'health:check-now': ({ service }) => health.checkNow(service),
      'services:stats': () => deps.stats(),
      // Without a typed secret the saved one is used, so "Test" works after a restart too.
      'services:test': ({ service, settings, secret }) => deps.tests.run(service, settings, secret ?? savedSecret(service)),
    },
    dispose: () => undefined,
  };
}
