/**
 * Runs `services:test` with what the form holds right now (saved or not) and
 * words the outcome for the line under the service's Test button.
 */
import { isAppError } from '../../../../shared/contract/errors';
import type { ServiceSettings } from '../../../../shared/contract/areas/settings';
import { services, type ServiceName } from '../../../../shared/contract/services';
import { formatMs } from '../../ui/format/numbers';
import { healthStatusLabels } from '../../ui/health-labels';
import { testService } from '../../app/settings-store';

export interface TestOutcome {
  readonly tone: 'ok' | 'error';
  readonly text: string;
}

export async function runServiceTest(service: ServiceName, settings: ServiceSettings, secret: string | undefined): Promise<TestOutcome> {
  const { displayName } = services[service];
  try {
    const result = await testService({ service, settings, ...(secret ? { secret } : {}) });
    if (result.ok) {
      const timing = result.responseTimeMs === null ? '' : ` in ${formatMs(result.responseTimeMs)}`;
      return { tone: 'ok', text: `${displayName} answered${timing}: ${healthStatusLabels[result.status]}.` };
    }
    return { tone: 'error', text: `${displayName} test failed: ${result.error ?? healthStatusLabels[result.status]}` };
  } catch (error) {
    return { tone: 'error', text: `${displayName} test failed: ${isAppError(error) ? error.message : 'the test could not run.'}` };
  }
}
