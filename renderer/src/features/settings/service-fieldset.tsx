/**
 * One service's settings as a card: its state at the top, on/off, an address
 * per upstream, its secrets with where to find them, and a Test that tries
 * the values as typed, before they are saved, with the result in place.
 * Everything shown comes from the service table.
 */
import { useState } from 'react';
import type { ServiceSettings } from '../../../../shared/contract/areas/settings';
import type { ServiceTuning } from '../../../../shared/contract/service-settings';
import { Check, Minus, X, type LucideIcon } from 'lucide-react';
import { exampleAddress, secretLabel, secretsOf, services, textFieldsOf, upstreamsOf, type SecretName, type ServiceName } from '../../../../shared/contract/services';
import { useCoreReachable } from '../../app/app-store';
import { useHealthStore } from '../health/health-store';
import { CheckboxField } from '../../ui/checkbox-field';
import { TextField } from '../../ui/field';
import { addressLabel } from '../../ui/field-labels';
import { examplePlaceholder, normalizeAddressInput } from '../../ui/format/address';
import { serviceStateChip } from '../../ui/health-labels';
import { StatusChip } from '../../ui/status-chip';
import type { FieldErrors } from './field-errors';
import { SecretField } from './secret-field';
import { normalizeSecret, serviceFieldIds, type FieldId, type FieldValues, type SecretInputs } from './settings-form-model';
import { runServiceTest, type TestOutcome } from './service-test';

/** An icon per check result (the words say passed, failed or skipped; the icon repeats it). */
const stepIcons: Record<TestOutcome['steps'][number]['result'], LucideIcon> = { passed: Check, degraded: X, unhealthy: X, skipped: Minus };

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
  readonly onSecretUndoClear: (name: SecretName) => void;
}

export function ServiceFieldset(props: ServiceFieldsetProps) {
  const { service, values, tuning, errors } = props;
  const { displayName } = services[service];
  const ids = serviceFieldIds(service);
  const secrets = secretsOf(service);
  const reachable = useCoreReachable();
  const health = useHealthStore((state) => state.health[service]);
  const chip = serviceStateChip(health);
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const headingId = `settings-${service}-title`;

  const test = async (): Promise<void> => {
    if (testing) return;
    setTesting(true);
    setOutcome(null);
    const settings: Record<string, unknown> = { enabled: values[ids.enabled], tuning };
    for (const id of ids.addresses) settings[id.slice(service.length + 1)] = normalizeAddressInput(values[id] as string);
    for (const id of ids.texts) settings[id.slice(service.length + 1)] = values[id];
    // The service's first secret is the one its primary upstream sends.
    const secret = secrets[0] ? normalizeSecret(props.secretInputs[secrets[0].name]) : undefined;
    setOutcome(await runServiceTest(service, settings as ServiceSettings, secret));
    setTesting(false);
  };

  return (
    <section className="settings-card card" id={`settings-${service}`} aria-labelledby={headingId} data-testid={`service-${service}`}>
      <header className="settings-card__header">
        <h3 id={headingId} className="settings-card__title">
          {displayName}
        </h3>
        <StatusChip tone={chip.tone} label={chip.label} {...(chip.icon ? { icon: chip.icon } : {})} />
      </header>
      <p className="settings-card__purpose">{upstreamsOf(service)[0]?.description}</p>
      <CheckboxField label={`Enable ${displayName}`} checked={values[ids.enabled] as boolean} onChange={(checked) => props.onFieldChange(ids.enabled, checked)} />
      {upstreamsOf(service).map((upstream, index) => {
        const id = ids.addresses[index]!;
        const example = exampleAddress(upstream);
        return (
          <TextField
            key={upstream.id}
            name={id}
            label={addressLabel(upstream.displayName)}
            value={values[id] as string}
            onChange={(value) => props.onFieldChange(id, value)}
            onBlur={() => {
              const tidy = normalizeAddressInput(values[id] as string);
              if (tidy !== values[id]) props.onFieldChange(id, tidy);
            }}
            placeholder={examplePlaceholder(example)}
            inputMode="url"
            hint={example ? `Where ${upstream.displayName} answers on your network.` : upstream.description}
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
            name={id}
            label={field.label}
            value={values[id] as string}
            onChange={(value) => props.onFieldChange(id, value)}
            placeholder={examplePlaceholder(field.placeholder)}
            hint={field.hint}
            error={errors[id]}
          />
        );
      })}
      {secrets.map((secret) => (
        <SecretField
          key={secret.name}
          name={secret.name}
          label={secretLabel(secret.name)}
          value={props.secretInputs[secret.name] === null ? null : (props.secretInputs[secret.name] ?? '')}
          saved={props.secretsSaved[secret.name] === true}
          onChange={(value) => props.onSecretChange(secret.name, value)}
          onClear={() => props.onSecretClear(secret.name)}
          onUndoClear={() => props.onSecretUndoClear(secret.name)}
          hint={secret.help}
          error={errors[secret.name]}
        />
      ))}
      <div className="settings-card__test">
        <button type="button" className="button" aria-busy={testing} disabled={!reachable || testing} onClick={() => void test()}>
          Test
        </button>
        <div className="test-result" aria-live="polite" data-tone={outcome?.tone} data-testid={`${service}-test-result`}>
          <p className="test-result__verdict">{testing ? `Testing ${displayName}…` : (outcome?.text ?? '')}</p>
          {!testing && outcome && outcome.steps.length > 0 ? (
            <ul className="test-result__steps">
              {outcome.steps.map((step) => {
                const Icon = stepIcons[step.result];
                return (
                  <li key={step.text} data-result={step.result}>
                    <Icon aria-hidden="true" size={14} strokeWidth={3} />
                    <span>{step.text}</span>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      </div>
    </section>
  );
}
