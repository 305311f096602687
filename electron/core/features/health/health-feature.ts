/**
 * The health and services areas: each service's health, probing on demand,
 * call statistics, and "Test" with settings not saved yet.
 */
import type { healthInvokes } from '../../../../shared/contract/areas/health';
import type { servicesInvokes } from '../../../../shared/contract/areas/services';
import type { ServiceSettings } from '../../../../shared/contract/areas/settings';
import { normalizeBaseUrl } from '../../../../shared/contract/service-settings';
import { secretLabel, upstreamsOf, type SecretName, type ServiceName } from '../../../../shared/contract/services';
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
  /** The service's saved settings: a saved secret only goes to the address saved with it. */
  readonly savedSettings: (service: ServiceName) => ServiceSettings;
  /** Runs "Test", a few at a time (BUSY past its line). */
  readonly tests: Pick<ServiceTestQueue, 'run'>;
}

export type HealthFeature = FeatureModule<keyof typeof healthInvokes | keyof typeof servicesInvokes>;

/** An address field's value in one spelling ('' when unset or not an address). */
function addressIn(settings: ServiceSettings, field: string): string {
  const value = (settings as Readonly<Record<string, unknown>>)[field];
  try {
    return typeof value === 'string' ? normalizeBaseUrl(value.trim()) : '';
  } catch {
    return '';
  }
}

/**
 * The saved secret a "Test" may use: only when every upstream that sends it
 * is tested at the address saved for it. Otherwise anyone who can run "Test"
 * could name their own address and receive the saved token.
 */
export function savedSecretForTest(service: ServiceName, proposed: ServiceSettings, saved: ServiceSettings, getSecret: GetSecret): string | undefined {
  const sending = upstreamsOf(service).filter((upstream) => upstream.secret !== undefined);
  const primary = sending[0]?.secret?.name as SecretName | undefined;
  if (!primary) return undefined;
  const sameAddress = sending.every((upstream) => {
    const savedAddress = addressIn(saved, upstream.addressField);
    return savedAddress !== '' && addressIn(proposed, upstream.addressField) === savedAddress;
  });
  return sameAddress ? getSecret(primary) : undefined;
}

/** The service's saved secret name, when one is saved (it was held back from another address). */
function withheldSecret(service: ServiceName, getSecret: GetSecret): SecretName | undefined {
  const name = upstreamsOf(service).find((upstream) => upstream.secret !== undefined)?.secret?.name;
  return name && getSecret(name) !== undefined ? name : undefined;
}

export function createHealthFeature(deps: HealthFeatureDeps): HealthFeature {
  const { health } = deps;
  return {
    handlers: {
      'health:list': () => health.list(),
      'health:check-now': ({ service }) => health.checkNow(service),
      'services:stats': () => deps.stats(),
      // Without a typed secret the saved one is used (so "Test" works after a restart too), but only at its saved address.
      'services:test': async ({ service, settings, secret }) => {
        if (secret !== undefined) return deps.tests.run(service, settings, secret);
        const saved = savedSecretForTest(service, settings, deps.savedSettings(service), deps.getSecret);
        const result = await deps.tests.run(service, settings, saved);
        const withheld = saved === undefined ? withheldSecret(service, deps.getSecret) : undefined;
        if (!withheld || result.steps.credential.result === 'passed' || result.steps.address.result !== 'passed') return result;
        // Say why the credential was not tried, instead of "no token is saved".
        const message = `The saved ${secretLabel(withheld)} is only sent to the address it was saved for; type it here to test this address`;
        return { ...result, error: result.error === result.steps.credential.message ? message : result.error, steps: { ...result.steps, credential: { ...result.steps.credential, message } } };
      },
    },
    dispose: () => undefined,
  };
}
