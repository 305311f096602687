/**
 * One service's settings: on/off, address, secret, and a Test that tries the
 * values as typed before they are saved.
 */
import { useState } from 'react';
import type { ServiceTuning } from '../../../../shared/contract/areas/settings';
import type { ServiceName } from '../../../../shared/contract/services';
import { secretLabel, serviceCatalog } from '../../ui/service-catalog';
import { CheckboxField } from './checkbox-field';
import type { FieldErrors } from './field-errors';
import { SecretField } from './secret-field';
import { normalizeSecret } from './settings-form-model';
import { runServiceTest, type TestOutcome } from './service-test';
import { TextField } from './text-field';

/** A shape per result (decoration: the words say passed, failed or skipped). */
const stepSymbols = { passed: '✓', degraded: '✗', unhealthy: '✗', skipped: '–' } as const;

export interface ServiceFieldsetProps {
  readonly service: ServiceName;
  readonly enabled: boolean;
  readonly baseUrl: string;
  /** Tuning is not edited here but belongs to what a test should try. */
  readonly tuning: ServiceTuning;
  readonly secret: string;
  readonly secretSaved: boolean;
  readonly errors: FieldErrors;
  readonly onEnabledChange: (enabled: boolean) => void;
  readonly onBaseUrlChange: (baseUrl: string) => void;
  readonly onSecretChange: (secret: string) => void;
  readonly onSecretClear: () => void;
}

export function ServiceFieldset(props: ServiceFieldsetProps) {
  const { service, enabled, baseUrl, tuning, secret, secretSaved, errors } = props;
  const info = serviceCatalog[service];
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);

  const test = async (): Promise<void> => {
    if (testing) return;
    setTesting(true);
    setOutcome(null);
    setOutcome(await runServiceTest(service, { enabled, baseUrl, tuning }, normalizeSecret(secret)));
    setTesting(false);
  };

  return (
    <fieldset className="settings-section" data-testid={`service-${service}`}>
      <legend className="settings-section__title">{info.displayName}</legend>
      <CheckboxField label={`Enable ${info.displayName}`} checked={enabled} onChange={props.onEnabledChange} />
      <TextField
        label={`${info.displayName} address`}
        value={baseUrl}
        onChange={props.onBaseUrlChange}
        placeholder={info.exampleUrl}
        inputMode="url"
        hint={`Where ${info.displayName} answers on your network, e.g. ${info.exampleUrl}`}
        error={errors[`${service}.baseUrl`] ?? errors[`${service}.enabled`]}
      />
      <SecretField
        label={secretLabel(service)}
        value={secret}
        saved={secretSaved}
        onChange={props.onSecretChange}
        onClear={props.onSecretClear}
        error={errors[info.secret]}
      />
      <div className="settings-section__test">
        <button type="button" className="button" aria-busy={testing} onClick={() => void test()}>
          Test
        </button>
        <div className="test-result" aria-live="polite" data-tone={outcome?.tone} data-testid={`${service}-test-result`}>
          <p className="test-result__verdict">{testing ? `Testing ${info.displayName}…` : (outcome?.text ?? '')}</p>
          {!testing && outcome && outcome.steps.length > 0 ? (
            <ul className="test-result__steps">
              {outcome.steps.map((step) => (
                <li key={step.text} data-result={step.result}>
                  <span aria-hidden="true">{stepSymbols[step.result]}</span> {step.text}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </fieldset>
  );
}
