/**
 * "Connect Overseerr" in the welcome view: try the address and key as typed,
 * and save them (turned on) when the service answers. A failed try says why
 * and still offers to save, for a service that is only down right now.
 */
import { useState } from 'react';
import { saveSettings } from '../../app/settings-store';
import { normalizeAddressInput } from '../../ui/format/address';
import { exampleAddress, secretsOf, services, upstreamSpec, type ServiceName } from '../../../../shared/contract/services';
import { runServiceTest } from '../settings/service-test';
import { fieldErrorsFromError, type FieldErrors } from '../settings/field-errors';
import { describeError } from '../../ui/error-words';

export type ConnectPhase = 'idle' | 'testing' | 'saving' | 'connected' | 'failed';

export interface ServiceConnect {
  readonly address: string;
  readonly secret: string;
  readonly phase: ConnectPhase;
  /** The result line under the button, in words. */
  readonly message: string | null;
  readonly errors: FieldErrors;
  setAddress(value: string): void;
  setSecret(value: string): void;
  /** Adds http:// to a typed host:port, as the field is left. */
  tidyAddress(): void;
  connect(): Promise<void>;
  saveAnyway(): Promise<void>;
}

export function useServiceConnect(service: ServiceName, savedAddress: string): ServiceConnect {
  const { displayName } = services[service];
  const secretName = secretsOf(service)[0]?.name;
  const [address, setAddressValue] = useState(savedAddress);
  const [secret, setSecretValue] = useState('');
  const [phase, setPhase] = useState<ConnectPhase>('idle');
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = async (baseUrl: string, note: string): Promise<void> => {
    setPhase('saving');
    try {
      await saveSettings({ services: { [service]: { enabled: true, baseUrl } }, ...(secret.trim() && secretName ? { secrets: { [secretName]: secret.trim() } } : {}) });
      setSecretValue('');
      setPhase('connected');
      setMessage(note);
    } catch (error) {
      setPhase('failed');
      setErrors(fieldErrorsFromError(error));
      setMessage(describeError(error));
    }
  };

  return {
    address,
    secret,
    phase,
    message,
    errors,
    setAddress(value) {
      setAddressValue(value);
      setErrors((current) => ({ ...current, [`${service}.baseUrl`]: undefined }));
    },
    setSecret(value) {
      setSecretValue(value);
      if (secretName) setErrors((current) => ({ ...current, [secretName]: undefined }));
    },
    tidyAddress() {
      setAddressValue((current) => normalizeAddressInput(current));
    },
    async connect() {
      const baseUrl = normalizeAddressInput(address);
      setAddressValue(baseUrl);
      if (baseUrl === '') {
        setErrors({ [`${service}.baseUrl`]: `Enter the address where ${displayName} answers, e.g. ${exampleAddress(upstreamSpec(service))}` });
        setPhase('failed');
        setMessage(null);
        return;
      }
      setPhase('testing');
      setMessage(null);
      setErrors({});
      const outcome = await runServiceTest(service, { enabled: true, baseUrl, tuning: {} }, secret.trim() || undefined);
      if (outcome.tone === 'ok') {
        await save(baseUrl, `Connected. ${outcome.text}`);
      } else {
        setPhase('failed');
        // One line in place: the failing check's own words, which say what happened and where.
        setMessage(outcome.problem ? `Could not connect ${displayName}: ${outcome.problem}` : outcome.text);
      }
    },
    async saveAnyway() {
      await save(normalizeAddressInput(address), `Saved. MediaNest keeps trying ${displayName} in the background; the Health page shows how it goes.`);
    },
  };
}
