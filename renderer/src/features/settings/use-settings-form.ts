/**
 * State and actions of the Settings form: edits over the saved settings,
 * typed secrets and staged clears, per-field errors, save and discard.
 * Nothing reaches the core before Save.
 */
import { useMemo, useState } from 'react';
import type { PublicSettings } from '../../../../shared/contract/areas/settings';
import type { SecretName } from '../../../../shared/contract/services';
import { showError, showStatus } from '../../app/app-store';
import { saveSettings } from '../../app/settings-store';
import { fieldErrorsFromError, type FieldErrorKey, type FieldErrors } from './field-errors';
import { buildSettingsPatch, editsAfterSave, fieldValuesFromSettings, isEmptyPatch, type FieldId, type FieldValues, type SecretInputs } from './settings-form-model';

export interface SettingsForm {
  readonly values: FieldValues;
  readonly secretInputs: SecretInputs;
  readonly errors: FieldErrors;
  readonly dirty: boolean;
  readonly saving: boolean;
  setField<K extends FieldId>(id: K, value: FieldValues[K]): void;
  setSecret(name: SecretName, value: string): void;
  /** Stages removing the saved secret (or empties what was typed). */
  clearSecret(name: SecretName): void;
  undoClearSecret(name: SecretName): void;
  /** Resolves with the errors the core found (empty when saved). */
  save(): Promise<FieldErrors>;
  discard(): void;
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

  const setSecretInput = (name: SecretName, value: string | null | undefined): void => {
    setSecretInputs((current) => {
      const next = { ...current };
      if (value === undefined) delete next[name];
      else next[name] = value;
      return next;
    });
    setErrors((current) => without(current, name));
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
      setSecretInput(name, value);
    },
    clearSecret(name) {
      // A saved secret is removed on Save; one only typed so far just goes.
      setSecretInput(name, settings.secrets[name] ? null : undefined);
    },
    undoClearSecret(name) {
      setSecretInput(name, undefined);
    },
    async save() {
      if (saving) return {};
      if (isEmptyPatch(patch)) {
        showStatus('No changes to save');
        return {};
      }
      const sentEdits = edits;
      const sentSecrets = secretInputs;
      setSaving(true);
      try {
        await saveSettings(patch);
        setEdits((current) => editsAfterSave(current, sentEdits));
        // Write-only: once stored (or cleared), a secret leaves the form; its chip now says so.
        setSecretInputs((current) => {
          const kept: SecretInputs = {};
          for (const [name, value] of Object.entries(current) as [SecretName, string | null][]) if (value !== sentSecrets[name]) kept[name] = value;
          return kept;
        });
        setErrors({});
        showStatus('Settings saved', 'ok');
        return {};
      } catch (error) {
        showError(error);
        const found = fieldErrorsFromError(error);
        setErrors(found);
        return found;
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
  };
}
