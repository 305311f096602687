/**
 * The Settings form as flat fields, and the patch that sends only what changed.
 *
 * The form keeps the user's edits apart from the saved settings and shows
 * `{ ...saved, ...edits }`, so a `settings:changed` event updates every field
 * the user has not touched and leaves the ones they have alone.
 */
import { type PublicSettings, type SettingsPatch } from '../../../../shared/contract/areas/settings';
import { secretNames, serviceNames, type SecretName, type ServiceName } from '../../../../shared/contract/services';

export type FieldValues = { [S in ServiceName as `${S}.enabled`]: boolean } & { [S in ServiceName as `${S}.baseUrl`]: string } & {
  'general.closeToTray': boolean;
  'general.startMinimized': boolean;
  'notifications.enabled': boolean;
  'downloads.folder': string;
};
export type FieldId = keyof FieldValues;

/** What the user typed into the write-only secret inputs. */
export type SecretInputs = Partial<Record<SecretName, string>>;

export function fieldValuesFromSettings(settings: PublicSettings): FieldValues {
  const services = settings.services;
  return {
    'plex.enabled': services.plex.enabled,
    'plex.baseUrl': services.plex.baseUrl,
    'overseerr.enabled': services.overseerr.enabled,
    'overseerr.baseUrl': services.overseerr.baseUrl,
    'uptime-kuma.enabled': services['uptime-kuma'].enabled,
    'uptime-kuma.baseUrl': services['uptime-kuma'].baseUrl,
    'general.closeToTray': settings.general.closeToTray,
    'general.startMinimized': settings.general.startMinimized,
    'notifications.enabled': settings.notifications.enabled,
    'downloads.folder': settings.downloads.folder,
  };
}

/** A secret as it will be sent: pasted tokens often carry a stray space or newline. */
export function normalizeSecret(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Only the fields whose edit differs from the saved value, plus any typed secret. */
export function buildSettingsPatch(saved: FieldValues, edits: Partial<FieldValues>, secrets: SecretInputs): SettingsPatch {
  const changed = <K extends FieldId>(id: K): FieldValues[K] | undefined => {
    const value = edits[id] as FieldValues[K] | undefined;
    return value !== undefined && value !== saved[id] ? value : undefined;
  };
  const patch: SettingsPatch = {};

  const services: NonNullable<SettingsPatch['services']> = {};
  for (const service of serviceNames) {
    const servicePatch: { enabled?: boolean; baseUrl?: string } = {};
    const enabled = changed(`${service}.enabled`);
    const baseUrl = changed(`${service}.baseUrl`);
    if (enabled !== undefined) servicePatch.enabled = enabled;
    if (baseUrl !== undefined) servicePatch.baseUrl = baseUrl;
    if (Object.keys(servicePatch).length > 0) services[service] = servicePatch;
  }
  if (Object.keys(services).length > 0) patch.services = services;

  const general: NonNullable<SettingsPatch['general']> = {};
  const closeToTray = changed('general.closeToTray');
  const startMinimized = changed('general.startMinimized');
  if (closeToTray !== undefined) general.closeToTray = closeToTray;
  if (startMinimized !== undefined) general.startMinimized = startMinimized;
  if (Object.keys(general).length > 0) patch.general = general;

  const notifications = changed('notifications.enabled');
  if (notifications !== undefined) patch.notifications = { enabled: notifications };

  const folder = changed('downloads.folder');
  if (folder !== undefined) patch.downloads = { folder };

  const secretPatch: NonNullable<SettingsPatch['secrets']> = {};
  for (const name of secretNames) {
    const value = normalizeSecret(secrets[name]);
    if (value !== undefined) secretPatch[name] = value;
  }
  if (Object.keys(secretPatch).length > 0) patch.secrets = secretPatch;

  return patch;
}

export function isEmptyPatch(patch: SettingsPatch): boolean {
  return Object.keys(patch).length === 0;
}

/** Edits still worth keeping after a save: those the user changed again while it was in flight. */
export function editsAfterSave(current: Partial<FieldValues>, sent: Partial<FieldValues>): Partial<FieldValues> {
  const kept: Partial<Record<FieldId, unknown>> = {};
  for (const id of Object.keys(current) as FieldId[]) {
    if (current[id] !== sent[id]) kept[id] = current[id];
  }
  return kept as Partial<FieldValues>;
}
