/**
 * One service's settings: on/off, an address per upstream, its secrets, and a
 * Test that tries the values as typed before they are saved. Everything shown
 * comes from the service table.
 */
import { useState } from 'react';
import type { ServiceSettings } from '../../../../shared/contract/areas/settings';
import type { ServiceTuning } from '../../../../shared/contract/service-settings';
import { exampleAddress, secretLabel, secretsOf, services, textFieldsOf, upstreamsOf, type SecretName, type ServiceName } from '../../../../shared/contract/services';
import { CheckboxField } from './checkbox-field';
import type { FieldErrors } from './field-errors';
import { SecretField } from './secret-field';
import { normalizeSecret, serviceFieldIds, type FieldId, type FieldValues, type SecretInputs } from './settings-form-model';
import { runServiceTest, type TestOutcome } from './service-test';
import { TextField } from './text-field';

/** A shape per result (decoration: the words say passed, failed or skipped). */
const stepSymbols = { passed: '✓', degraded: '✗', unhealthy: '✗', skipped: '–' } as const;

export interface ServiceFieldsetProps {
  readonly service: ServiceName;
  readonly values: FieldValues;
  /** Tuning is not edited here but belongs to what a test should try. */
  readonly tuning: ServiceTuning;
  readonly secretInputs: SecretInputs;
  readonly secretsSaved: Readonly<Record<SecretName, boolean>>;
  readonly errors: FieldErrors;
  readonly onFieldChange: (id: FieldId, value: boolean | string) => void;
  readonly onSecretChange: (name: SecretName, value: string) => void;
  readonly onSecretClear: (name: SecretName) => void;
}

export function ServiceFieldset(props: ServiceFieldsetProps) {
  const { service, values, tuning, errors } = props;
  const { displayName } = services[service];
  const ids = serviceFieldIds(service);
  const secrets = secretsOf(service);
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);

  const test = async (): Promise<void> => {
    if (testing) return;
    setTesting(true);
    setOutcome(null);
    const settings: Record<string, unknown> = { enabled: values[ids.enabled], tuning };
    for (const id of [...ids.addresses, ...ids.texts]) settings[id.slice(service.length + 1)] = values[id];
    // The service's first secret is the one its primary upstream sends.
    const secret = secrets[0] ? normalizeSecret(props.secretInputs[secrets[0].name]) : undefined;
    setOutcome(await runServiceTest(service, settings as ServiceSettings, secret));
    setTesting(false);
  };

  return (
    <fieldset className="settings-section" data-testid={`service-${service}`}>
      <legend className="settings-section__title">{displayName}</legend>
      <CheckboxField label={`Enable ${displayName}`} checked={values[ids.enabled] as boolean} onChange={(checked) => props.onFieldChange(ids.enabled, checked)} />
      {upstreamsOf(service).map((upstream, index) => {
        const id = ids.addresses[index]!;
        const example = exampleAddress(upstream);
        return (
          <TextField
            key={upstream.id}
            label={`${upstream.displayName} address`}
            value={values[id] as string}
            onChange={(value) => props.onFieldChange(id, value)}
            placeholder={example}
            inputMode="url"
            hint={example ? `Where ${upstream.displayName} answers on your network, e.g. ${example}` : upstream.description}
            // An on/off error is about the service as a whole; show it under its first address.
            error={errors[id] ?? (index === 0 ? errors[ids.enabled] : undefined)}
          />
        );
      })}
      {textFieldsOf(service).map((field, index) => {
        const id = ids.texts[index]!;
        return (
          <TextField
            key={field.field}
            label={field.label}
            value={values[id] as string}
            onChange={(value) => props.onFieldChange(id, value)}
            placeholder={field.placeholder}
            hint={field.hint}
            error={errors[id]}
          />
        );
      })}
      {secrets.map((secret) => (
        <SecretField
          key={secret.name}
          label={secretLabel(secret.name)}
          value={props.secretInputs[secret.name] ?? ''}
          saved={props.secretsSaved[secret.name] === true}
          onChange={(value) => props.onSecretChange(secret.name, value)}
          onClear={() => props.onSecretClear(secret.name)}
          error={errors[secret.name]}
        />
      ))}
      <div className="settings-section__test">
        <button type="button" className="button" aria-busy={testing} onClick={() => void test()}>
          Test
        </button>
        <div className="test-result" aria-live="polite" data-tone={outcome?.tone} data-testid={`${service}-test-result`}>
          <p className="test-result__verdict">{testing ? `Testing ${displayName}…` : (outcome?.text ?? '')}</p>
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
