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
        <legend className="settings-section__title">Uptime Kuma monitors</legend>
        <p className="field__hint">Health lists the monitors of the status pages set above; with an API key, monitors on no page show up too.</p>
        <TextField
          label="Check every (seconds)"
          value={values['uptime-kuma.pollSeconds']}
          onChange={(value) => form.setField('uptime-kuma.pollSeconds', value)}
          inputMode="numeric"
          hint="How often MediaNest reads Uptime Kuma; 60 is plenty."
          error={errors['uptime-kuma.pollSeconds']}
        />
      </fieldset>

      <fieldset className="settings-section">
        <legend className="settings-section__title">Alerts</legend>
        <p className="field__hint">When a service goes down or comes back: desktop notifications on the media PC, alerts in the page in a browser.</p>
        <CheckboxField label="Alerts on" checked={values['notifications.enabled']} onChange={(value) => form.setField('notifications.enabled', value)} />
        <CheckboxField label="When a service goes down" checked={values['notifications.down']} onChange={(value) => form.setField('notifications.down', value)} />
        <CheckboxField label="When it is back up" checked={values['notifications.up']} onChange={(value) => form.setField('notifications.up', value)} />
        <CheckboxField
          label="Wait while this media PC plays something in Plex"
          checked={values['notifications.holdWhilePlaying']}
          onChange={(value) => form.setField('notifications.holdWhilePlaying', value)}
        />
        <TextField
          label="Checks in a row before an alert"
          value={values['notifications.probesToConfirm']}
          onChange={(value) => form.setField('notifications.probesToConfirm', value)}
          inputMode="numeric"
          hint="A service that flaps is announced once; 2 is a good start."
          error={errors['notifications.probesToConfirm']}
        />
        <CheckboxField label="Quiet hours" checked={values['notifications.quietHours.enabled']} onChange={(value) => form.setField('notifications.quietHours.enabled', value)} />
        <TextField
          label="Quiet from"
          value={values['notifications.quietHours.start']}
          onChange={(value) => form.setField('notifications.quietHours.start', value)}
          placeholder="22:00"
          error={errors['notifications.quietHours.start']}
        />
        <TextField
          label="Quiet until"
          value={values['notifications.quietHours.end']}
          onChange={(value) => form.setField('notifications.quietHours.end', value)}
          placeholder="07:00"
          hint="Alerts that fall due in quiet hours wait and come as one afterwards."
          error={errors['notifications.quietHours.end']}
        />
      </fieldset>

      <fieldset className="settings-section">
        <legend className="settings-section__title">Window</legend>
        <p className="field__hint">These apply to MediaNest on the media PC.</p>
        <CheckboxField label="Start with the computer, in the tray" checked={values['general.startAtLogin']} onChange={(value) => form.setField('general.startAtLogin', value)} />
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
