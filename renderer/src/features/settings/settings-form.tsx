/**
 * The Settings form, grouped: Services, Downloads, Notifications. Every
 * change is staged until "Save settings" in the sticky bar, which sends only
 * what changed. When the core refuses a value, the field says why and the
 * first such field is scrolled into view below the top bar and focused.
 */
import type { FormEvent, ReactNode } from 'react';
import { type PublicSettings } from '../../../../shared/contract/areas/settings';
import { serviceNames } from '../../../../shared/contract/services';
import { useCoreReachable } from '../../app/app-store';
import { ActionBar } from '../../ui/action-bar';
import { CheckboxField } from '../../ui/checkbox-field';
import { TextField } from '../../ui/field';
import { CookiesSection } from './cookies-section';
import { DownloadsFieldset, YtDlpFields } from './downloads-fieldset';
import type { FieldErrors } from './field-errors';
import { ServiceFieldset } from './service-fieldset';
import { YtDlpUpdate } from './ytdlp-update';
import { useSettingsForm } from './use-settings-form';

export interface SettingsFormProps {
  readonly settings: PublicSettings;
  /** Groups rendered after the form's own, inside the page (Appearance, About). */
  readonly after?: ReactNode;
}

/** The form's first field in error, in the page's order, brought into view. */
function revealFirstError(form: HTMLFormElement | null, errors: FieldErrors): void {
  if (!form || Object.keys(errors).length === 0) return;
  const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!invalid) return;
  // .field has scroll-margin-top for the sticky top bar, so it lands below it.
  (invalid.closest<HTMLElement>('.field') ?? invalid).scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  invalid.focus({ preventScroll: true });
}

export function SettingsForm({ settings, after }: SettingsFormProps) {
  const form = useSettingsForm(settings);
  const reachable = useCoreReachable();
  const { values, errors } = form;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const element = event.currentTarget;
    void form.save().then((found) => requestAnimationFrame(() => revealFirstError(element, found)));
  };

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-label="Settings">
      <section className="settings-group" id="settings-services" aria-labelledby="settings-services-title">
        <h2 id="settings-services-title" className="settings-group__title">
          Services
        </h2>
        <p className="settings-group__lead">The programs on your home server MediaNest talks to. “Test” tries what you typed without saving it.</p>
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
            onSecretClear={form.clearSecret}
            onSecretUndoClear={form.undoClearSecret}
          />
        ))}
        <div className="card settings-card" aria-label="Uptime Kuma monitors" role="group">
          <TextField
            label="Read Uptime Kuma every (seconds)"
            name="uptime-kuma.pollSeconds"
            value={values['uptime-kuma.pollSeconds']}
            onChange={(value) => form.setField('uptime-kuma.pollSeconds', value)}
            inputMode="numeric"
            hint="Health lists the monitors of Uptime Kuma's status pages (and, with an API key, the monitors on no page) and reads them this often; 60 is plenty."
            error={errors['uptime-kuma.pollSeconds']}
          />
        </div>
      </section>

      <section className="settings-group" id="settings-downloads" aria-labelledby="settings-downloads-title">
        <h2 id="settings-downloads-title" className="settings-group__title">
          Downloads
        </h2>
        <p className="settings-group__lead">Where downloads go in Plex and how yt-dlp fetches them. The library and its folders come from Plex.</p>
        <DownloadsFieldset values={values} errors={errors} onFieldChange={(id, value) => form.setField(id, value)} />
        <div className="card settings-card" role="group" aria-labelledby="settings-ytdlp-title">
          <h3 id="settings-ytdlp-title" className="settings-card__title">
            yt-dlp
          </h3>
          <YtDlpFields values={values} errors={errors} onFieldChange={(id, value) => form.setField(id, value)} />
          <YtDlpUpdate />
        </div>
        <CookiesSection />
      </section>

      <section className="settings-group" id="settings-notifications" aria-labelledby="settings-notifications-title">
        <h2 id="settings-notifications-title" className="settings-group__title">
          Notifications
        </h2>
        <div className="card settings-card">
          <CheckboxField
            label="Alerts on"
            hint="When a service goes down or comes back: desktop notifications on the media PC, alerts in the page in a browser. Flapping services are summed up, not repeated."
            checked={values['notifications.enabled']}
            onChange={(value) => form.setField('notifications.enabled', value)}
          />
          <CheckboxField label="When a service goes down" checked={values['notifications.down']} onChange={(value) => form.setField('notifications.down', value)} />
          <CheckboxField label="When it is back up" checked={values['notifications.up']} onChange={(value) => form.setField('notifications.up', value)} />
          <CheckboxField
            label="Wait while this media PC plays something in Plex"
            hint="Alerts that fall due during a film wait and come as one when it stops or is paused."
            checked={values['notifications.holdWhilePlaying']}
            onChange={(value) => form.setField('notifications.holdWhilePlaying', value)}
          />
          <TextField
            label="Checks in a row before an alert"
            name="notifications.probesToConfirm"
            value={values['notifications.probesToConfirm']}
            onChange={(value) => form.setField('notifications.probesToConfirm', value)}
            inputMode="numeric"
            hint="A new state must hold this many checks; 2 is a good start."
            error={errors['notifications.probesToConfirm']}
          />
          <CheckboxField
            label="Quiet hours"
            hint="Alerts that fall due in quiet hours wait and come as one afterwards."
            checked={values['notifications.quietHours.enabled']}
            onChange={(value) => form.setField('notifications.quietHours.enabled', value)}
          />
          <TextField
            label="Quiet from"
            name="notifications.quietHours.start"
            value={values['notifications.quietHours.start']}
            onChange={(value) => form.setField('notifications.quietHours.start', value)}
            placeholder="22:00"
            error={errors['notifications.quietHours.start']}
          />
          <TextField
            label="Quiet until"
            name="notifications.quietHours.end"
            value={values['notifications.quietHours.end']}
            onChange={(value) => form.setField('notifications.quietHours.end', value)}
            placeholder="07:00"
            error={errors['notifications.quietHours.end']}
          />
          <CheckboxField
            label="Start with the computer, in the tray"
            hint="The desktop app starts at login without opening its window."
            checked={values['general.startAtLogin']}
            onChange={(value) => form.setField('general.startAtLogin', value)}
          />
          <CheckboxField
            label="Close to tray"
            hint="Closing the window keeps MediaNest running in the tray, so alerts still arrive."
            checked={values['general.closeToTray']}
            onChange={(value) => form.setField('general.closeToTray', value)}
          />
          <CheckboxField label="Start minimized" hint="Start in the tray without opening the window." checked={values['general.startMinimized']} onChange={(value) => form.setField('general.startMinimized', value)} />
        </div>
      </section>

      {after}

      <ActionBar label="Save changes" note={form.dirty ? <span className="settings-form__dirty">You have unsaved changes.</span> : 'All changes are saved.'}>
        {form.dirty ? (
          <button type="button" className="button button--quiet" onClick={form.discard}>
            Discard changes
          </button>
        ) : null}
        <button type="submit" className="button button--primary" aria-busy={form.saving} disabled={!reachable}>
          Save settings
        </button>
      </ActionBar>
    </form>
  );
}
