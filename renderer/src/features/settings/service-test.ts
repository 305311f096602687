/**
 * Runs `services:test` with what the form holds right now (saved or not) and
 * words the outcome for the lines under the service's Test button: a verdict,
 * then each of the two checks (the address answers as the program, the
 * credential is accepted) with what it found.
 */
import type { ServiceTestStep } from '../../../../shared/contract/areas/services';
import type { ServiceSettings } from '../../../../shared/contract/areas/settings';
import { secretLabel, secretsOf, services, type ServiceName } from '../../../../shared/contract/services';
import { formatMs } from '../../ui/format/numbers';
import { healthStatusLabels } from '../../ui/health-labels';
import { testService } from '../../app/settings-store';
import { describeError } from '../../ui/error-words';

export interface TestStepLine {
  readonly result: ServiceTestStep['result'];
  readonly text: string;
}

export interface TestOutcome {
  readonly tone: 'ok' | 'error';
  readonly text: string;
  readonly steps: readonly TestStepLine[];
  /** The failing check's own words ("Connection refused by nas.local:5055"), for a one-line result. */
  readonly problem?: string;
}

const resultWords: Record<ServiceTestStep['result'], string> = { passed: 'passed', degraded: 'failed', unhealthy: 'failed', skipped: 'skipped' };

function stepLine(label: string, step: ServiceTestStep): TestStepLine {
  return { result: step.result, text: `${label} check ${resultWords[step.result]}: ${step.message}` };
}

export async function runServiceTest(service: ServiceName, settings: ServiceSettings, secret: string | undefined): Promise<TestOutcome> {
  const { displayName } = services[service];
  try {
    const result = await testService({ service, settings, ...(secret ? { secret } : {}) });
    const credential = secretsOf(service)[0];
    const steps = [stepLine('Address', result.steps.address), stepLine(credential ? secretLabel(credential.name) : 'Credential', result.steps.credential)];
    if (result.ok) {
      const timing = result.responseTimeMs === null ? '' : ` in ${formatMs(result.responseTimeMs)}`;
      return { tone: 'ok', text: `${displayName} answered${timing}: ${healthStatusLabels[result.status]}.`, steps };
    }
    const failing = [result.steps.address, result.steps.credential].find((step) => step.result === 'degraded' || step.result === 'unhealthy');
    return { tone: 'error', text: `${displayName} test failed: ${healthStatusLabels[result.status]}.`, steps, ...(failing ? { problem: failing.message } : {}) };
  } catch (error) {
    const problem = describeError(error);
    return { tone: 'error', text: `${displayName} test failed: ${problem}`, steps: [], problem };
  }
}
