/**
 * The Settings form. "Save settings" sends only what changed; validation
 * errors from the core go to the status region and beside their fields, and
 * the user's input stays.
 */
import type { FormEvent } from 'react';
import { type PublicSettings } from '../../../../shared/contract/areas/settings';
import { serviceNames } from '../../../../shared/contract/services';
import { CheckboxField } from './checkbox-field';
import { ServiceFieldset } from './service-fieldset';
import { TextField } from './text-field';
import { useSettingsForm } from './use-settings-form';

export interface SettingsFormProps {
  readonly settings: PublicSettings;
}

export function SettingsForm({ settings }: SettingsFormProps) {
  const form = useSettingsForm(settings);
  const { values, errors } = form;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void form.save();
  };

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-label="Settings">
      {serviceNames.map((service) => (
        <ServiceFieldset
          key={service}
          service={service}
          values={values}
          tuning={settings.services[service].tuning}
          secretInputs={form.secretInputs}
          secretsSaved={settings.secrets}
          errors={errors}
          onFieldChange={(id, value) => form.setField(id, value)}
          onSecretChange={form.setSecret}
          onSecretClear={(name) => void form.clearSecret(name)}
        />
      ))}

      <fieldset className="settings-section">
        <legend className="settings-section__title">Window and notifications</legend>
        <p className="field__hint">These apply to MediaNest on the media PC.</p>
        <CheckboxField label="Desktop notifications" checked={values['notifications.enabled']} onChange={(value) => form.setField('notifications.enabled', value)} />
        <CheckboxField label="Close to tray" checked={values['general.closeToTray']} onChange={(value) => form.setField('general.closeToTray', value)} />
        <CheckboxField label="Start minimized" checked={values['general.startMinimized']} onChange={(value) => form.setField('general.startMinimized', value)} />
      </fieldset>

      <fieldset className="settings-section">
        <legend className="settings-section__title">Downloads</legend>
        <TextField
          label="Download folder"
          value={values['downloads.folder']}
          onChange={(value) => form.setField('downloads.folder', value)}
          placeholder="/srv/media/Videos"
          hint="A folder on the media PC inside one of your Plex libraries."
          error={errors['downloads.folder']}
        />
      </fieldset>

      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" aria-busy={form.saving}>
          Save settings
        </button>
        {form.dirty ? (
          <>
            <button type="button" className="button button--quiet" onClick={form.discard}>
              Discard changes
            </button>
            <span className="settings-form__dirty">You have unsaved changes.</span>
          </>
        ) : null}
      </div>
    </form>
  );
}
