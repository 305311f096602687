/**
 * State and actions of the Settings form: edits over the saved settings,
 * typed secrets, per-field errors, save and clear.
 */
import { useMemo, useState } from 'react';
import { isAppError } from '../../../../shared/contract/errors';
import type { PublicSettings } from '../../../../shared/contract/areas/settings';
import { secretLabel, type SecretName } from '../../../../shared/contract/services';
import { showError, showStatus } from '../../app/app-store';
import { saveSettings } from '../../app/settings-store';
import { fieldErrorsFromMessage, type FieldErrorKey, type FieldErrors } from './field-errors';
import { buildSettingsPatch, editsAfterSave, fieldValuesFromSettings, isEmptyPatch, type FieldId, type FieldValues, type SecretInputs } from './settings-form-model';

export interface SettingsForm {
  readonly values: FieldValues;
  readonly secretInputs: SecretInputs;
  readonly errors: FieldErrors;
  readonly dirty: boolean;
  readonly saving: boolean;
  setField<K extends FieldId>(id: K, value: FieldValues[K]): void;
  setSecret(name: SecretName, value: string): void;
  save(): Promise<void>;
  discard(): void;
  clearSecret(name: SecretName): Promise<void>;
}

function without(errors: FieldErrors, key: FieldErrorKey): FieldErrors {
  if (!(key in errors)) return errors;
  const rest = { ...errors };
  delete rest[key];
  return rest;
}

export function useSettingsForm(settings: PublicSettings): SettingsForm {
  const saved = useMemo(() => fieldValuesFromSettings(settings), [settings]);
  const [edits, setEdits] = useState<Partial<FieldValues>>({});
  const [secretInputs, setSecretInputs] = useState<SecretInputs>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const values: FieldValues = { ...saved, ...edits };
  const patch = buildSettingsPatch(saved, edits, secretInputs);

  const fail = (error: unknown): void => {
    showError(error);
    if (isAppError(error) && error.code === 'INVALID_PAYLOAD') setErrors(fieldErrorsFromMessage(error.message));
  };

  return {
    values,
    secretInputs,
    errors,
    dirty: !isEmptyPatch(patch),
    saving,
    setField(id, value) {
      setEdits((current) => ({ ...current, [id]: value }));
      setErrors((current) => without(current, id));
    },
    setSecret(name, value) {
      setSecretInputs((current) => ({ ...current, [name]: value }));
      setErrors((current) => without(current, name));
    },
    async save() {
      if (saving) return;
      if (isEmptyPatch(patch)) {
        showStatus('No changes to save');
        return;
      }
      const sentEdits = edits;
      const sentSecrets = secretInputs;
      setSaving(true);
      try {
        await saveSettings(patch);
        setEdits((current) => editsAfterSave(current, sentEdits));
        // Write-only: once stored, a secret leaves the form; the hint now says "saved".
        setSecretInputs((current) => {
          const kept: SecretInputs = {};
          for (const [name, value] of Object.entries(current) as [SecretName, string][]) if (value !== sentSecrets[name]) kept[name] = value;
          return kept;
        });
        setErrors({});
        showStatus('Settings saved');
      } catch (error) {
        fail(error);
      } finally {
        setSaving(false);
      }
    },
    discard() {
      setEdits({});
      setSecretInputs({});
      setErrors({});
      showStatus('Changes discarded');
    },
    async clearSecret(name) {
      setSecretInputs((current) => ({ ...current, [name]: '' }));
      setErrors((current) => without(current, name));
      if (!settings.secrets[name]) return;
      try {
        await saveSettings({ secrets: { [name]: null } });
        showStatus(`${secretLabel(name)} cleared`);
      } catch (error) {
        fail(error);
      }
    },
  };
}
